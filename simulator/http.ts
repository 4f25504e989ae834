/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Answering the way Vault does: envelopes (HTTP 200 even for FAILURE), rate-limit headers, pages,
// request bodies, and the checks that more than one endpoint makes.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { parseForm } from './forms.ts';
import type { ParsedForm } from './forms.ts';
import { SIMULATED_VAULT_ID } from './seed.ts';
import type { SimUser } from './seed.ts';
import { MiB } from './model.ts';
import type { RequestRecord } from './model.ts';
import type { SimState } from './state.ts';

export interface Caller {
	user: SimUser;
}

export interface RequestContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	version: string;
	apiPath: string;
	caller: Caller | null;
	record: RequestRecord;
	/** Set by the cutBody fault: the download drops its connection after this many bytes. */
	cutAfterBytes?: number;
	/** Set by the editLoaderLog fault: how the Loader log answered is spoiled. */
	logEdit?: { dropRows: number; shiftRowIds: number };
}

/** One endpoint: method, path below /api/{version}, and its handler. */
export interface Route {
	method: string;
	pattern: RegExp;
	name: string;
	handler: (state: SimState, ctx: RequestContext, params: string[]) => Promise<void>;
	/** Answered without a session (versions, /auth). */
	public?: boolean;
}

/** A FAILURE (caller error) or EXCEPTION envelope, thrown by a handler. */
export class VaultFailure extends Error {
	readonly type: string;
	readonly errorType?: string;
	readonly status: 'FAILURE' | 'EXCEPTION';
	constructor(type: string, message: string, extra: { errorType?: string; status?: 'FAILURE' | 'EXCEPTION' } = {}) {
		super(message);
		this.type = type;
		this.errorType = extra.errorType;
		this.status = extra.status ?? 'FAILURE';
	}
}

export function burstHeaders(state: SimState, ctx: RequestContext): { headers: Record<string, string>; delayMs: number } {
	const now = state.now();
	if (now - state.burstWindowStart >= state.options.burstWindowMs) {
		state.burstWindowStart = now;
		state.burstCount = 0;
	}
	state.burstCount++;
	const remaining = Math.max(0, state.options.burstLimit - state.burstCount);
	const delayMs = state.burstCount > state.options.burstLimit ? state.options.responseDelayMs : 0;
	const headers: Record<string, string> = {
		'X-VaultAPI-BurstLimit': String(state.options.burstLimit),
		'X-VaultAPI-BurstLimitRemaining': String(remaining),
		'X-VaultAPI-ExecutionId': randomUUID(),
		'X-VaultAPI-VaultId': String(SIMULATED_VAULT_ID),
	};
	if (ctx.caller) headers['X-VaultAPI-UserId'] = String(ctx.caller.user.id);
	if (delayMs > 0) headers['X-VaultAPI-ResponseDelay'] = String(delayMs);
	return { headers, delayMs };
}

export async function sendEnvelope(state: SimState, ctx: RequestContext, body: Record<string, unknown>): Promise<void> {
	const { headers, delayMs } = burstHeaders(state, ctx);
	if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
	ctx.record.responseStatus = String(body.responseStatus);
	headers['X-VaultAPI-Status'] = String(body.responseStatus);
	sendJson(ctx.res, 200, body, headers);
}

export function success(state: SimState, ctx: RequestContext, extra: Record<string, unknown>): Promise<void> {
	return sendEnvelope(state, ctx, { responseStatus: 'SUCCESS', ...extra });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export async function readBody(req: IncomingMessage, limit = 60 * MiB): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'The request body is too large.');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export async function readForm(ctx: RequestContext): Promise<ParsedForm> {
	return parseForm(headerValue(ctx.req, 'content-type') ?? undefined, await readBody(ctx.req));
}

/** Answers one page of `items`, with `responseDetails.next_page` when more remain. */
export function sendPage(state: SimState, ctx: RequestContext, items: unknown[], pageSize: number): Promise<void> {
	if (items.length === 0 && state.options.omitEmptyData) return success(state, ctx, {});
	if (!pageSize) return success(state, ctx, { data: items });
	const offset = Number(ctx.url.searchParams.get('offset') ?? '0');
	if (!Number.isInteger(offset) || offset < 0) throw new VaultFailure('INVALID_DATA', 'Invalid page cursor.');
	const page = items.slice(offset, offset + pageSize);
	const responseDetails: Record<string, unknown> = { total: items.length, offset, limit: pageSize };
	if (offset + pageSize < items.length) {
		const next = new URLSearchParams(ctx.url.searchParams);
		next.set('offset', String(offset + pageSize));
		next.delete('client_id');
		responseDetails.next_page = `/api/${ctx.version}${ctx.apiPath}?${next.toString()}`;
	}
	return success(state, ctx, { responseDetails, data: page });
}

/** Vault checks a Content-MD5 header (hex or base64) against what it received. */
export function checkContentMd5(ctx: RequestContext, md5: string, what: string): void {
	const expected = headerValue(ctx.req, 'content-md5');
	if (expected && expected.toLowerCase() !== md5 && expected !== Buffer.from(md5, 'hex').toString('base64')) {
		throw new VaultFailure('INVALID_DATA', `The ${what} content does not match its Content-MD5.`);
	}
}

export function md5Of(data: Buffer | Buffer[]): string {
	const hash = createHash('md5');
	for (const chunk of Array.isArray(data) ? data : [data]) hash.update(chunk);
	return hash.digest('hex');
}

/** A staging path as Vault takes it in a form: from the root, without "." or ".." steps. */
export function checkStagingPath(path: string | undefined, { file = false } = {}): string {
	if (!path) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [path]');
	const steps = path.split('/');
	if (!path.startsWith('/') || steps.includes('..') || steps.includes('.') || (file && path.endsWith('/'))) {
		throw new VaultFailure('INVALID_DATA', `Invalid value for [path]: ${path}`);
	}
	return path;
}

export function headerValue(req: IncomingMessage, name: string): string | null {
	const value = req.headers[name];
	if (Array.isArray(value)) return value[0] ?? null;
	return value ?? null;
}

export function queryWithout(url: URL, name: string): string {
	const params = new URLSearchParams(url.searchParams);
	params.delete(name);
	const query = params.toString();
	return query ? `?${query}` : '';
}

export function iso(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
