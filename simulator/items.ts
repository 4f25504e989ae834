/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Files and folders of the File Staging area: list (paged, with a cursor that lives 30 minutes),
// download (with Range), create a folder or a small file, move or rename and delete (as jobs).
// Every user has the folder /u{id}; Vault Admins see the whole area, others their folder as root.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { sendFile } from './fileAnswers.ts';
import { VaultFailure, checkContentMd5, checkStagingPath, iso, md5Of, readForm, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { jobStarted, startJob } from './jobs.ts';
import type { SimUser } from './seed.ts';
import { MiB } from './model.ts';
import type { SimState } from './state.ts';

/** How long a List Items cursor may be used (Vault: "valid for 30 minutes from the original query"). */
export const CURSOR_LIFETIME_MS = 30 * 60 * 1000;

export const itemRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/services\/file_staging\/items\/content(\/.*)$/, name: 'downloadItem', handler: async (state, ctx, [path]) => downloadItem(state, ctx, path) },
	{ method: 'GET', pattern: /^\/services\/file_staging\/items(\/.*)?$/, name: 'listItems', handler: async (state, ctx, [path]) => listItems(state, ctx, path || '/') },
	{ method: 'POST', pattern: /^\/services\/file_staging\/items$/, name: 'createItem', handler: async (state, ctx) => createItem(state, ctx) },
	{ method: 'PUT', pattern: /^\/services\/file_staging\/items(\/.+)$/, name: 'updateItem', handler: async (state, ctx, [path]) => updateItem(state, ctx, path) },
	{ method: 'DELETE', pattern: /^\/services\/file_staging\/items(\/.+)$/, name: 'deleteItem', handler: async (state, ctx, [path]) => deleteItem(state, ctx, path) },
];

/** "Create Folder or File": a folder, or a file of up to 50 MB in one multipart request. */
async function createItem(state: SimState, ctx: RequestContext): Promise<void> {
	const { fields, files } = await readForm(ctx);
	const user = ctx.caller!.user;
	if (!fields.kind) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [kind]');
	const path = checkStagingPath(fields.path);
	const target = state.stagingFilePath(state.absolutePath(user, path));
	if (fields.kind === 'folder') {
		if (await exists(target)) throw new VaultFailure('ITEM_NAME_EXISTS', `An item already exists at ${path}.`);
		await mkdir(target, { recursive: true });
		return success(state, ctx, { data: { kind: 'folder', path, name: path.split('/').pop() } });
	}
	const file = files.file;
	if (fields.kind !== 'file' || !file) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [file]');
	if (file.data.length > 50 * MiB) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'A file created this way may hold at most 50 MB; use an upload session.');
	const md5 = md5Of(file.data);
	checkContentMd5(ctx, md5, 'file');
	if (fields.overwrite !== 'true' && (await exists(target))) {
		throw new VaultFailure('ITEM_NAME_EXISTS', `An item already exists at ${path}.`);
	}
	await mkdir(dirname(target), { recursive: true });
	await writeFile(target, file.data);
	return success(state, ctx, { data: { kind: 'file', path, name: path.split('/').pop(), size: file.data.length, file_content_md5: md5 } });
}

/** "List Items at a Path": one page, and a next_page link with a cursor while items remain. */
async function listItems(state: SimState, ctx: RequestContext, rawPath: string): Promise<void> {
	const user = ctx.caller!.user;
	const cursorId = ctx.url.searchParams.get('cursor');
	if (cursorId !== null) {
		const cursor = state.listCursors.get(cursorId);
		if (!cursor || cursor.userId !== user.id || state.now() - cursor.created > CURSOR_LIFETIME_MS) {
			throw new VaultFailure('INVALID_DATA', 'Invalid or expired cursor: list the folder again.');
		}
		return sendItemsPage(state, ctx, cursorId, cursor.items, cursor.offset, cursor.limit);
	}
	const limitParam = ctx.url.searchParams.get('limit');
	const limit = limitParam === null ? 1000 : Number(limitParam);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new VaultFailure('INVALID_DATA', `Invalid value for [limit]: ${limitParam}`);
	const path = checkStagingPath(rawPath.replace(/(.)\/+$/, '$1'));
	const folder = state.stagingFilePath(state.absolutePath(user, path === '/' ? '' : path));
	// Every user has a folder, whether or not anything was staged in it yet.
	if (path === '/') await mkdir(folder, { recursive: true });
	const info = await stat(folder).catch(() => null);
	if (!info) throw new VaultFailure('INVALID_DATA', `No item at ${path}`);
	// A file's path lists the file itself, as Veeva's own CLI expects when it downloads one.
	const items = info.isDirectory()
		? await collectItems(state, user, folder, ctx.url.searchParams.get('recursive') === 'true')
		: [fileItemOf(state, user, folder, info.mtimeMs, info.size)];
	const cursorKey = randomBytes(16).toString('hex');
	const pageSize = Math.min(limit, state.options.itemsPageSize || limit);
	state.listCursors.set(cursorKey, { items, offset: 0, limit: pageSize, created: state.now(), userId: user.id });
	return sendItemsPage(state, ctx, cursorKey, items, 0, pageSize);
}

function sendItemsPage(state: SimState, ctx: RequestContext, cursorKey: string, items: Record<string, unknown>[], offset: number, limit: number): Promise<void> {
	const page = items.slice(offset, offset + limit);
	const cursor = state.listCursors.get(cursorKey)!;
	state.listCursors.delete(cursorKey);
	// The last page has no responseDetails at all: clients written against Vault (Veeva's own CLI)
	// read any responseDetails as "another page follows".
	if (offset + limit >= items.length) return success(state, ctx, { data: page });
	// Each page gets a cursor of its own, still timed from the original query.
	const nextKey = randomBytes(16).toString('hex');
	state.listCursors.set(nextKey, { ...cursor, offset: offset + limit });
	// An absolute URL, as Vault's reference shows it.
	const next_page = `http://${ctx.req.headers.host}/api/${ctx.version}/services/file_staging/items?cursor=${nextKey}`;
	return success(state, ctx, { responseDetails: { next_page }, data: page });
}

/** The folder's items as the user sees them, folders before files, each level by name. */
async function collectItems(state: SimState, viewer: SimUser, folder: string, recursive: boolean): Promise<Record<string, unknown>[]> {
	const items: Record<string, unknown>[] = [];
	const entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => !entry.name.includes('.assembling'));
	entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
	for (const entry of entries) {
		const full = join(folder, entry.name);
		const path = state.pathFor(viewer, stagingPathOf(state, full));
		if (entry.isDirectory()) {
			items.push({ kind: 'folder', path, name: entry.name });
			if (recursive) items.push(...(await collectItems(state, viewer, full, true)));
		} else {
			const info = await stat(full);
			items.push(fileItemOf(state, viewer, full, info.mtimeMs, info.size));
		}
	}
	return items;
}

/** A file as List Items answers it. */
function fileItemOf(state: SimState, viewer: SimUser, file: string, mtimeMs: number, size: number): Record<string, unknown> {
	const path = state.pathFor(viewer, stagingPathOf(state, file));
	return { kind: 'file', path, name: path.split('/').pop(), size, modified_date: iso(state.simulatedTime(mtimeMs)) };
}

function stagingPathOf(state: SimState, file: string): string {
	return file.slice(state.stagingFilePath('/').length).split(/[\\/]/).join('/').replace(/^\/?/, '/');
}

/** "Download Item Content": the whole file, or `Range: bytes=a-b` of it (at most 50 MB). */
async function downloadItem(state: SimState, ctx: RequestContext, path: string): Promise<void> {
	const user = ctx.caller!.user;
	const file = state.stagingFilePath(state.absolutePath(user, checkStagingPath(path)));
	const info = await stat(file).catch(() => null);
	if (!info) throw new VaultFailure('INVALID_DATA', `No item at ${path}`);
	if (!info.isFile()) throw new VaultFailure('INVALID_DATA', `${path} is a folder; only files can be downloaded.`);
	return await sendFile(state, ctx, { path: file, size: info.size, name: path.split('/').pop() ?? 'file' });
}

/** "Update Folder or File": move (parent) and/or rename (name), done by a job. */
async function updateItem(state: SimState, ctx: RequestContext, path: string): Promise<void> {
	const user = ctx.caller!.user;
	const { fields } = await readForm(ctx);
	const source = checkStagingPath(path);
	if (!fields.parent && !fields.name) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [parent] or [name]');
	if (fields.name && /[/\\]/.test(fields.name)) throw new VaultFailure('INVALID_DATA', `Invalid value for [name]: ${fields.name}`);
	const parent = fields.parent ? checkStagingPath(fields.parent) : dirname(source);
	const from = state.stagingFilePath(state.absolutePath(user, source));
	if (!(await exists(from))) throw new VaultFailure('INVALID_DATA', `No item at ${source}`);
	const to = state.stagingFilePath(state.absolutePath(user, `${parent === '/' ? '' : parent}/${fields.name || source.split('/').pop()}`));
	const job = startJob(state, {
		method: 'PUT',
		createdBy: user.id,
		result: 'SUCCESS',
		stagingPath: source,
		effect: async () => {
			if ((await exists(to)) || !(await exists(from))) return 'ERRORS_ENCOUNTERED';
			await mkdir(dirname(to), { recursive: true });
			await rename(from, to);
			return 'SUCCESS';
		},
	});
	return success(state, ctx, { data: jobStarted(ctx, job) });
}

/** "Delete Folder or File", done by a job; a folder with content needs recursive=true. */
async function deleteItem(state: SimState, ctx: RequestContext, path: string): Promise<void> {
	const user = ctx.caller!.user;
	const target = checkStagingPath(path);
	const file = state.stagingFilePath(state.absolutePath(user, target));
	const info = await stat(file).catch(() => null);
	if (!info) throw new VaultFailure('INVALID_DATA', `No item at ${target}`);
	const recursive = ctx.url.searchParams.get('recursive') === 'true';
	if (info.isDirectory() && !recursive && (await readdir(file)).length > 0) {
		throw new VaultFailure('INVALID_DATA', `The folder ${target} is not empty; set recursive=true to delete it with its content.`);
	}
	const job = startJob(state, {
		method: 'DELETE',
		createdBy: user.id,
		result: 'SUCCESS',
		stagingPath: target,
		effect: async () => {
			await rm(file, { recursive: true, force: true });
			return 'SUCCESS';
		},
	});
	return success(state, ctx, { data: jobStarted(ctx, job) });
}

async function exists(file: string): Promise<boolean> {
	return await stat(file).then(
		() => true,
		() => false,
	);
}
