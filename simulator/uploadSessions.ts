/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Resumable upload sessions: list, create, get, parts, commit (a job) and abort.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { VaultFailure, checkContentMd5, checkStagingPath, headerValue, iso, readForm, sendPage, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { startJob } from './jobs.ts';
import type { SimUser } from './seed.ts';
import { MiB, SESSION_LIFETIME_MS } from './model.ts';
import { newUploadSessionId } from './state.ts';
import type { UploadSession } from './model.ts';
import type { SimState } from './state.ts';

const MAX_FILE_SIZE = 500 * 1024 ** 3;

export const uploadSessionRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/services\/file_staging\/upload$/, name: 'listUploadSessions', handler: async (state, ctx) => listUploadSessions(state, ctx) },
	{ method: 'POST', pattern: /^\/services\/file_staging\/upload$/, name: 'createUploadSession', handler: async (state, ctx) => createUploadSession(state, ctx) },
	{ method: 'GET', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'getUploadSession', handler: async (state, ctx, [id]) => getUploadSession(state, ctx, id) },
	{ method: 'GET', pattern: /^\/services\/file_staging\/upload\/([^/]+)\/parts$/, name: 'listParts', handler: async (state, ctx, [id]) => listParts(state, ctx, id) },
	{ method: 'PUT', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'uploadPart', handler: async (state, ctx, [id]) => uploadPart(state, ctx, id) },
	{ method: 'POST', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'commitUploadSession', handler: async (state, ctx, [id]) => commitUploadSession(state, ctx, id) },
	{ method: 'DELETE', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'abortUploadSession', handler: async (state, ctx, [id]) => abortUploadSession(state, ctx, id) },
];

export function visibleSession(state: SimState, ctx: RequestContext, id: string): UploadSession {
	state.purgeExpiredUploadSessions();
	const session = state.uploadSessions.get(id);
	const user = ctx.caller!.user;
	if (!session || (!user.admin && session.owner !== user.id)) {
		throw new VaultFailure('INVALID_DATA', `Invalid upload session ID: ${id}`);
	}
	return session;
}

/** A session as Get Upload Session and Create Upload Session answer it, with `name` and
 * `overwrite` (assumption 21 in README.md). */
function sessionJson(state: SimState, session: UploadSession, viewer: SimUser): Record<string, unknown> {
	const { id, path, ...rest } = listedSessionJson(state, session, viewer);
	return { id, path, name: session.path.split('/').pop(), overwrite: session.overwrite, ...rest };
}

/** A session as List Upload Sessions answers it: exactly the fields of Veeva's reference example
 * (no `name`, no `overwrite`). */
function listedSessionJson(state: SimState, session: UploadSession, viewer: SimUser): Record<string, unknown> {
	const parts = [...session.parts.values()];
	return {
		id: session.id,
		path: state.pathFor(viewer, session.path),
		owner: session.owner,
		size: session.size,
		uploaded: parts.reduce((sum, part) => sum + part.size, 0),
		uploaded_parts: parts.length,
		created_date: iso(session.created),
		last_uploaded_date: iso(session.lastUploaded),
		expiration_date: iso(session.expires),
	};
}

function listUploadSessions(state: SimState, ctx: RequestContext): Promise<void> {
	state.purgeExpiredUploadSessions();
	const user = ctx.caller!.user;
	const all = [...state.uploadSessions.values()]
		.filter((session) => user.admin || session.owner === user.id)
		.sort((a, b) => a.created - b.created)
		.map((session) => listedSessionJson(state, session, user));
	return sendPage(state, ctx, all, state.options.listPageSize);
}

async function createUploadSession(state: SimState, ctx: RequestContext): Promise<void> {
	const { fields } = await readForm(ctx);
	const user = ctx.caller!.user;
	const path = checkStagingPath(fields.path, { file: true });
	if (fields.size === undefined || fields.size === '') throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [size]');
	const size = Number(fields.size);
	if (!Number.isSafeInteger(size) || size < 1) throw new VaultFailure('INVALID_DATA', `Invalid value for [size]: ${fields.size}`);
	if (size > MAX_FILE_SIZE) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'File size exceeds the 500 GB maximum.');
	if (state.activeUploadSessionCount() >= state.options.maxActiveSessions) {
		throw new VaultFailure('OPERATION_NOT_ALLOWED', `The Vault already has ${state.options.maxActiveSessions} active upload sessions.`);
	}
	const now = state.now();
	const session: UploadSession = {
		id: newUploadSessionId(),
		path: state.absolutePath(user, path),
		overwrite: fields.overwrite === 'true',
		owner: user.id,
		size,
		created: now,
		lastUploaded: now,
		expires: now + SESSION_LIFETIME_MS,
		parts: new Map(),
	};
	state.uploadSessions.set(session.id, session);
	return success(state, ctx, { data: sessionJson(state, session, user) });
}

function getUploadSession(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const session = visibleSession(state, ctx, id);
	return success(state, ctx, { data: sessionJson(state, session, ctx.caller!.user) });
}

function listParts(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const session = visibleSession(state, ctx, id);
	const limitParam = ctx.url.searchParams.get('limit');
	const limit = limitParam === null ? 1000 : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new VaultFailure('INVALID_DATA', `Invalid value for [limit]: ${limitParam}`);
	const parts = [...session.parts.values()]
		.sort((a, b) => a.part_number - b.part_number)
		.map(({ size, part_number, part_content_md5 }) => ({ size, part_number, part_content_md5 }));
	return sendPage(state, ctx, parts, limit);
}

function partLimits(version: string): { maxPartSize: number; maxParts: number } {
	const [major, minor] = version.slice(1).split('.').map(Number);
	return major > 26 || (major === 26 && minor >= 2) ? { maxPartSize: 52 * MiB, maxParts: 9616 } : { maxPartSize: 50 * MiB, maxParts: 2000 };
}

async function uploadPart(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const session = visibleSession(state, ctx, id);
	if (session.owner !== ctx.caller!.user.id) throw new VaultFailure('INSUFFICIENT_ACCESS', 'Only the owner of an upload session may upload parts to it.');
	const partHeader = headerValue(ctx.req, 'x-vaultapi-filepartnumber');
	const partNumber = Number(partHeader);
	const { maxPartSize, maxParts } = partLimits(ctx.version);
	if (!partHeader) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required header [X-VaultAPI-FilePartNumber]');
	if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > maxParts) {
		throw new VaultFailure('INVALID_DATA', `Invalid value for [X-VaultAPI-FilePartNumber]: ${partHeader}`);
	}
	const highest = Math.max(0, ...session.parts.keys());
	if (partNumber > highest + 1) throw new VaultFailure('INVALID_DATA', `Parts must be uploaded in order: expected part ${highest + 1} or lower.`);
	const lengthHeader = headerValue(ctx.req, 'content-length');
	if (lengthHeader === null) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required header [Content-Length]');
	const length = Number(lengthHeader);
	if (length > maxPartSize) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', `A part may hold at most ${maxPartSize} bytes.`);
	const uploadedElsewhere = [...session.parts.values()].filter((part) => part.part_number !== partNumber).reduce((sum, part) => sum + part.size, 0);
	if (uploadedElsewhere + length > session.size) {
		throw new VaultFailure('OPERATION_NOT_ALLOWED', `Uploading this part would exceed the session size of ${session.size} bytes.`);
	}
	const isLast = uploadedElsewhere + length === session.size;
	if (length < state.options.minPartSize && !isLast) {
		throw new VaultFailure('INVALID_DATA', `Every part but the last must be at least ${state.options.minPartSize} bytes.`);
	}

	// The part (at most 52 MB) is held in memory and written with one call once checked. Writing
	// each 64 KiB chunk as it arrived cost a thread-pool hand-off per chunk and paused the socket
	// between them: the simulator, not the client, was then the limit of the upload benchmark.
	const hash = createHash('md5');
	const chunks: Buffer[] = [];
	let received = 0;
	for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
		hash.update(chunk);
		received += chunk.length;
		chunks.push(chunk);
	}
	const md5 = hash.digest('hex');
	if (received !== length) throw new VaultFailure('INVALID_DATA', `Received ${received} bytes but Content-Length said ${length}.`);
	checkContentMd5(ctx, md5, 'part');
	const directory = join(state.dataDir, 'uploads', safeName(session.id));
	await mkdir(directory, { recursive: true });
	const file = join(directory, `${partNumber}.${randomUUID()}.part`);
	const handle = await open(file, 'w');
	try {
		await handle.writev(chunks);
	} finally {
		await handle.close();
	}
	const previous = session.parts.get(partNumber);
	if (previous?.file) await rm(previous.file, { force: true });
	session.parts.set(partNumber, { part_number: partNumber, size: received, part_content_md5: md5, file });
	session.lastUploaded = state.now();
	return success(state, ctx, { data: { size: received, part_number: partNumber, part_content_md5: md5 } });
}

async function commitUploadSession(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const session = visibleSession(state, ctx, id);
	const user = ctx.caller!.user;
	if (session.owner !== user.id) throw new VaultFailure('INSUFFICIENT_ACCESS', 'Only the owner of an upload session may commit it.');
	const parts = [...session.parts.values()].sort((a, b) => a.part_number - b.part_number);
	const uploaded = parts.reduce((sum, part) => sum + part.size, 0);
	if (uploaded !== session.size) {
		throw new VaultFailure('OPERATION_NOT_ALLOWED', `Upload session is incomplete: ${uploaded} of ${session.size} bytes uploaded.`);
	}
	const body = parts.slice(0, -1);
	if (body.some((part) => part.size !== parts[0].size || part.size < state.options.minPartSize)) {
		throw new VaultFailure('INVALID_DATA', `Every part but the last must have the same size of at least ${state.options.minPartSize} bytes.`);
	}
	state.uploadSessions.delete(id);
	const target = state.stagingFilePath(session.path);
	const exists = await stat(target).then(() => true, () => false);
	const job = startJob(state, {
		method: 'POST',
		createdBy: user.id,
		result: exists && !session.overwrite ? 'ERRORS_ENCOUNTERED' : 'SUCCESS',
		stagingPath: session.path,
	});
	if (job.result === 'SUCCESS') {
		await mkdir(dirname(target), { recursive: true });
		const temporary = `${target}.${randomUUID()}.assembling`;
		const out = createWriteStream(temporary);
		for (const part of parts) {
			if (part.file) await pipeline(createReadStream(part.file), out, { end: false });
			else await new Promise<void>((resolve, reject) => out.write(Buffer.alloc(part.size), (error) => (error ? reject(error) : resolve())));
		}
		await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
		await rename(temporary, target);
	}
	await rm(join(state.dataDir, 'uploads', safeName(session.id)), { recursive: true, force: true });
	// Veeva's reference documents the commit's answer as the job's ID alone (Move and Delete add its url).
	return success(state, ctx, { data: { job_id: job.id } });
}

async function abortUploadSession(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const session = visibleSession(state, ctx, id);
	state.uploadSessions.delete(session.id);
	await rm(join(state.dataDir, 'uploads', safeName(session.id)), { recursive: true, force: true });
	return success(state, ctx, {});
}

function safeName(id: string): string {
	return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
