// Downloading a file from Vault with flat memory: its bytes as they arrive, and, where the
// connection drops mid-file, the rest asked for again with Range requests of at most 50 MB.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { vaultApiRequestWithHeaders } from '../transport';
import type { VaultAnswer, VaultClient } from '../transport';
import { headerValue } from '../transport/headers';

/** Vault serves at most this much per Range request. */
export const MAX_RANGE_BYTES = 50 * 1024 * 1024;
/** How many times a download cut mid-file is taken up again from the last byte received. */
export const DOWNLOAD_RESUMES = 3;

export interface FileDownload {
	fileName: string;
	/** Bytes of the whole file, when Vault said (Content-Length / Content-Range). */
	size: number | undefined;
	/** The file's bytes, resumed with Range requests where the connection dropped. */
	bytes: AsyncGenerator<Buffer>;
	/** The first answer's stream, whose class can turn `bytes` into a Node.js stream. */
	firstStream: AsyncIterable<Buffer>;
}

/** Where a file is downloaded from: its endpoint, how messages name it, the name to give it when
 * Vault's answer names none. */
export interface FileLocation {
	urlPath: string;
	what: string;
	fallbackName: string;
}

/** A file Vault answers as bytes (staged files, documents' source files and renditions): streamed,
 * and taken up again with Range requests where the connection dropped. A JSON answer in place of
 * the file is Vault's error. */
export async function downloadFile(vault: VaultClient, file: FileLocation): Promise<FileDownload> {
	const first = await vaultApiRequestWithHeaders(vault, { method: 'GET', path: file.urlPath, binary: true });
	const size = totalSizeOf(first.headers);
	const fileName = fileNameOf(first.headers) ?? file.fallbackName;
	return { fileName, size, firstStream: first.stream!, bytes: resumingBytes(vault, file, first.stream!, size) };
}

async function* resumingBytes(vault: VaultClient, file: FileLocation, firstStream: AsyncIterable<Buffer>, size: number | undefined): AsyncGenerator<Buffer> {
	let received = 0;
	let resumes = 0;
	let stream: AsyncIterable<Buffer> = firstStream;
	for (;;) {
		let cut: Error | undefined;
		try {
			for await (const chunk of stream) {
				received += chunk.length;
				yield chunk;
			}
		} catch (error) {
			cut = error as Error;
		}
		if (size === undefined ? !cut : received >= size) return;
		if (++resumes > DOWNLOAD_RESUMES) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'download cut' } as JsonObject, {
				message: `The download of ${file.what} stopped at byte ${received} of ${size ?? 'an unknown size'} ${DOWNLOAD_RESUMES + 1} times`,
				description: 'The connection to Vault keeps dropping. Try again later; nothing partial was kept.',
				itemIndex: vault.itemIndex,
			});
		}
		if (size === undefined) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'download cut' } as JsonObject, {
				message: `The download of ${file.what} stopped after ${received} bytes, and Vault did not say the file's size, so it cannot be resumed`,
				itemIndex: vault.itemIndex,
			});
		}
		const next = await requestRange(vault, file, received, size);
		const range = /bytes (\d+)-(\d+)\/(\d+)/.exec(headerValue(next.headers, 'content-range') ?? '');
		if (next.statusCode !== 206 || !range || Number(range[1]) !== received) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'range not honoured' } as JsonObject, {
				message: `Vault did not resume the download of ${file.what} at byte ${received} (it answered HTTP ${next.statusCode} without the range asked for)`,
				itemIndex: vault.itemIndex,
			});
		}
		stream = next.stream!;
		if (next.end < size - 1) stream = concatRanges(vault, file, stream, next.end + 1, size);
	}
}

/** After a resume: this range, then the following ranges of at most 50 MB up to the end. */
async function* concatRanges(vault: VaultClient, file: FileLocation, first: AsyncIterable<Buffer>, from: number, size: number): AsyncGenerator<Buffer> {
	yield* first;
	for (let start = from; start < size; start += MAX_RANGE_BYTES) yield* (await requestRange(vault, file, start, size)).stream!;
}

/** The bytes of the file from `start`, at most 50 MB of them (Vault's largest range); `end` is the last byte asked for. */
async function requestRange(vault: VaultClient, file: FileLocation, start: number, size: number): Promise<VaultAnswer & { end: number }> {
	const end = Math.min(size, start + MAX_RANGE_BYTES) - 1;
	const answer = await vaultApiRequestWithHeaders(vault, { method: 'GET', path: file.urlPath, binary: true, headers: { Range: `bytes=${start}-${end}` } });
	return { ...answer, end };
}

function totalSizeOf(headers: Record<string, unknown>): number | undefined {
	const range = /\/(\d+)$/.exec(headerValue(headers, 'content-range') ?? '');
	const value = Number(range?.[1] ?? headerValue(headers, 'content-length'));
	return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The file name of a Content-Disposition header (filename*=UTF-8'' or filename="…"). */
export function fileNameOf(headers: Record<string, unknown>): string | undefined {
	const disposition = headerValue(headers, 'content-disposition') ?? '';
	const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// Not valid percent-encoding: fall through to the plain name.
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
	const name = plain?.[1]?.trim();
	return name ? name.split(/[\\/]/).pop() : undefined;
}
