/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// A file as Vault answers it (staged items, document source files and renditions): the whole
// file, or `Range: bytes=a-b` of it (at most 50 MB), with Content-Disposition naming it. The
// cutBody fault drops the connection mid-file.
import { createReadStream } from 'node:fs';

import { VaultFailure, burstHeaders } from './http.ts';
import type { RequestContext } from './http.ts';
import { MiB } from './model.ts';
import type { SimState } from './state.ts';

const MAX_RANGE_BYTES = 50 * MiB;

export async function sendFile(state: SimState, ctx: RequestContext, file: { path: string; size: number; name: string; contentType?: string }): Promise<void> {
	let start = 0;
	let end = file.size - 1;
	const range = ctx.req.headers.range;
	if (range) {
		const match = /^bytes=(\d+)-(\d*)$/.exec(range);
		if (!match) throw new VaultFailure('INVALID_DATA', `Invalid value for [Range]: ${range}`);
		start = Number(match[1]);
		end = match[2] ? Math.min(Number(match[2]), file.size - 1) : file.size - 1;
		if (start > end || start >= file.size) throw new VaultFailure('INVALID_DATA', `Range ${range} is outside the file of ${file.size} bytes.`);
		if (end - start + 1 > MAX_RANGE_BYTES) throw new VaultFailure('INVALID_DATA', 'A range may span at most 50 MB.');
	}
	const { headers } = burstHeaders(state, ctx);
	ctx.res.writeHead(range ? 206 : 200, {
		...headers,
		'Content-Type': file.contentType ?? 'application/octet-stream',
		'Content-Length': end - start + 1,
		'Content-Disposition': `attachment;filename="${file.name}"`,
		...(range ? { 'Content-Range': `bytes ${start}-${end}/${file.size}` } : {}),
	});
	if (file.size === 0) {
		ctx.res.end();
		return;
	}
	const cutAfter = ctx.cutAfterBytes;
	let sent = 0;
	for await (const chunk of createReadStream(file.path, { start, end })) {
		const piece = cutAfter !== undefined ? (chunk as Buffer).subarray(0, Math.max(0, cutAfter - sent)) : (chunk as Buffer);
		if (piece.length && !ctx.res.write(piece)) await new Promise((resolve) => ctx.res.once('drain', resolve));
		sent += piece.length;
		if (cutAfter !== undefined && sent >= cutAfter) {
			// The connection drops mid-file, as it would on a flaky network.
			await new Promise((resolve) => setTimeout(resolve, 20));
			ctx.req.socket.destroy();
			return;
		}
	}
	ctx.res.end();
}
