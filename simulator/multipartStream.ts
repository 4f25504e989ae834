/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// A multipart/form-data request read as it arrives: text fields kept, a file part written to disk
// (so that a document's source of gigabytes never sits in memory), with its size and MD5. Other
// request bodies (form-urlencoded) are read whole, as small forms.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';

import { parseForm } from './forms.ts';
import { VaultFailure, readBody } from './http.ts';

export interface StreamedFile {
	field: string;
	filename: string;
	contentType: string;
	/** Where its bytes were written. */
	path: string;
	size: number;
	md5: string;
}

export interface StreamedForm {
	fields: Record<string, string>;
	file?: StreamedFile;
}

/** Reads the request; a file part goes to `filePath(its file name)`, called when the part starts. */
export async function readStreamedForm(req: IncomingMessage, filePath: (fileName: string) => Promise<string>): Promise<StreamedForm> {
	const contentType = req.headers['content-type'] ?? '';
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	if (!contentType.toLowerCase().startsWith('multipart/form-data') || !boundary) return { fields: parseForm(contentType, await readBody(req)).fields };
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const form: StreamedForm = { fields: {} };
	// The body starts with the first delimiter without its CRLF: pretend it had one.
	let pending: Buffer = Buffer.from('\r\n');
	let stage: 'preamble' | 'delimiter' | 'headers' | 'content' | 'done' = 'preamble';
	let part: { name: string; text: Buffer[]; out?: WriteStream; file?: StreamedFile; hash?: ReturnType<typeof createHash> } | undefined;

	const write = async (data: Buffer) => {
		if (!part || data.length === 0) return;
		if (!part.out) {
			part.text.push(Buffer.from(data));
			return;
		}
		part.hash!.update(data);
		part.file!.size += data.length;
		if (!part.out.write(data)) await new Promise<void>((resolve) => part!.out!.once('drain', () => resolve()));
	};
	const endPart = async () => {
		if (!part) return;
		if (part.out) {
			await new Promise<void>((resolve, reject) => part!.out!.end((error?: Error | null) => (error ? reject(error) : resolve())));
			form.file = { ...part.file!, md5: part.hash!.digest('hex') };
		} else {
			form.fields[part.name] = Buffer.concat(part.text).toString('utf8');
		}
		part = undefined;
	};

	for await (const chunk of req) {
		pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
		for (;;) {
			if (stage === 'preamble' || stage === 'content') {
				const at = pending.indexOf(delimiter);
				if (at === -1) {
					// Keep what could be the start of a delimiter; the rest is content.
					const keep = Math.min(pending.length, delimiter.length - 1);
					if (stage === 'content') await write(pending.subarray(0, pending.length - keep));
					pending = pending.subarray(pending.length - keep);
					break;
				}
				if (stage === 'content') {
					await write(pending.subarray(0, at));
					await endPart();
				}
				pending = pending.subarray(at + delimiter.length);
				stage = 'delimiter';
			}
			if (stage === 'delimiter') {
				if (pending.length < 2) break;
				const next = pending.subarray(0, 2).toString();
				pending = pending.subarray(2);
				stage = next === '--' ? 'done' : 'headers';
			}
			if (stage === 'done') {
				pending = Buffer.alloc(0);
				break;
			}
			if (stage === 'headers') {
				const end = pending.indexOf('\r\n\r\n');
				if (end === -1) break;
				const headers = pending.subarray(0, end).toString('utf8');
				pending = pending.subarray(end + 4);
				const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
				const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
				part = { name, text: [] };
				if (filename !== undefined) {
					if (form.file) throw new VaultFailure('INVALID_DATA', 'Only one file may be sent.');
					const path = await filePath(filename);
					part.out = createWriteStream(path);
					part.hash = createHash('md5');
					part.file = { field: name, filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream', path, size: 0, md5: '' };
				}
				stage = 'content';
			}
		}
	}
	if (part?.out) part.out.destroy();
	if (stage !== 'done') throw new VaultFailure('INVALID_DATA', 'The multipart body is cut off: it lacks its closing delimiter.');
	return form;
}
