/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Files and folders of the File Staging area.
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { VaultFailure, burstHeaders, checkContentMd5, checkStagingPath, md5Of, readForm, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { MiB } from './state.ts';
import type { SimState } from './state.ts';

export const itemRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/services\/file_staging\/items\/content(\/.*)$/, name: 'downloadItem', handler: async (state, ctx, [path]) => downloadItem(state, ctx, path) },
	{ method: 'POST', pattern: /^\/services\/file_staging\/items$/, name: 'createItem', handler: async (state, ctx) => createItem(state, ctx) },
];

/** "Create Folder or File": a file of up to 50 MB in one multipart request. */
async function createItem(state: SimState, ctx: RequestContext): Promise<void> {
	const { fields, files } = await readForm(ctx);
	const user = ctx.caller!.user;
	if (!fields.kind) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [kind]');
	const path = checkStagingPath(fields.path);
	const target = state.stagingFilePath(state.absolutePath(user, path));
	if (fields.kind === 'folder') {
		await mkdir(target, { recursive: true });
		return success(state, ctx, { data: { kind: 'folder', path: fields.path, name: fields.path.split('/').pop() } });
	}
	const file = files.file;
	if (fields.kind !== 'file' || !file) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [file]');
	if (file.data.length > 50 * MiB) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'A file created this way may hold at most 50 MB; use an upload session.');
	const md5 = md5Of(file.data);
	checkContentMd5(ctx, md5, 'file');
	if (fields.overwrite !== 'true' && (await stat(target).then(() => true, () => false))) {
		throw new VaultFailure('ITEM_NAME_EXISTS', `An item already exists at ${fields.path}.`);
	}
	await mkdir(dirname(target), { recursive: true });
	await writeFile(target, file.data);
	return success(state, ctx, {
		data: { kind: 'file', path: fields.path, name: fields.path.split('/').pop(), size: file.data.length, file_content_md5: md5 },
	});
}

async function downloadItem(state: SimState, ctx: RequestContext, path: string): Promise<void> {
	const user = ctx.caller!.user;
	const file = state.stagingFilePath(state.absolutePath(user, decodeURIComponent(path)));
	const info = await stat(file).catch(() => null);
	if (!info?.isFile()) throw new VaultFailure('INVALID_DATA', `No file at ${path}`);
	const { headers } = burstHeaders(state, ctx);
	ctx.res.writeHead(200, {
		...headers,
		'Content-Type': 'application/octet-stream',
		'Content-Length': info.size,
		'Content-Disposition': `attachment;filename="${path.split('/').pop()}"`,
	});
	await pipeline(createReadStream(file), ctx.res);
}
