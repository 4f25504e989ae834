// Files and folders of Vault's File Staging area: one function per endpoint.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { FILE_TIMEOUT_MS, recordsOf, vaultApiPages, vaultApiRequest, vaultApiRequestWithHeaders } from '../transport';
import type { VaultAnswer, VaultClient } from '../transport';
import type { VaultEnvelope } from '../transport/envelope';
import { headerValue } from '../transport/headers';
import { multipartFrame } from '../transport/multipart';
import { ENDPOINTS } from './endpoints';
import { recordOf } from './models';
import type { JobStarted, StagingItem } from './models';
import { checkStoredMd5 } from './storedMd5';

/**
 * "Create Folder or File" with a file of up to 50 MB, sent with its MD5 and checked against the MD5
 * Vault reports. `content` gives the request body: the file's bytes between the multipart frame's
 * head and tail (a stream, so that a file is never held whole in memory).
 */
export async function createStagingFile(
	vault: VaultClient,
	file: { path: string; bytes: number; md5: string; content: (head: Buffer, tail: Buffer) => Promise<unknown>; fileName?: string; mimeType?: string; overwrite: boolean },
): Promise<StagingItem & { md5: string }> {
	const { head, tail, contentType } = multipartFrame({ kind: 'file', path: file.path, overwrite: String(file.overwrite) }, {
		name: 'file',
		fileName: file.fileName ?? file.path.split('/').pop() ?? 'file',
		contentType: file.mimeType || 'application/octet-stream',
	});
	const headers = { 'Content-Type': contentType, 'Content-MD5': file.md5, 'Content-Length': String(head.length + file.bytes + tail.length) };
	// A stream is read once: every send (a renewal, a rate limit) gets the body anew.
	const body = async () => (await file.content(head, tail)) as Buffer;
	const { data } = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.items, body, headers, timeoutMs: FILE_TIMEOUT_MS });
	const stored = recordOf<StagingItem>(data);
	checkStoredMd5(vault, { md5: stored.file_content_md5, record: stored }, { what: file.path, kind: 'file', md5: file.md5 });
	return { ...stored, md5: file.md5 };
}

/** Vault's largest page of items. */
export const ITEMS_PAGE_MAX = 1000;

/** The items of a folder, page by page (Vault's next_page cursor lives 30 minutes). */
export async function* listStagingItemPages(vault: VaultClient, folder: { path: string; recursive: boolean; pageSize?: number }): AsyncGenerator<StagingItem[]> {
	const request = {
		method: 'GET' as const,
		path: ENDPOINTS.item(folder.path),
		qs: { recursive: String(folder.recursive), limit: Math.min(folder.pageSize ?? ITEMS_PAGE_MAX, ITEMS_PAGE_MAX) },
	};
	const pages = vaultApiPages(vault, request);
	// The first page's errors are Vault's; a later page failing must never look like a short listing.
	let next: IteratorResult<{ envelope: VaultEnvelope }> = await pages.next();
	for (let page = 1; !next.done; page++) {
		yield recordsOf(next.value.envelope) as StagingItem[];
		try {
			next = await pages.next();
		} catch (error) {
			const reason = (error as Error).message;
			throw new NodeApiError(vault.ctx.getNode(), { message: reason } as JsonObject, {
				message: `Vault refused page ${page + 1} of the listing of ${folder.path}: ${reason}`,
				description:
					'Vault keeps the cursor of a listing for 30 minutes after its first page. Run the listing again; to need fewer pages, turn off Return All and set a Limit.',
				itemIndex: vault.itemIndex,
			});
		}
	}
}

export async function createStagingFolder(vault: VaultClient, path: string): Promise<StagingItem> {
	const { head, tail, contentType } = multipartFrame({ kind: 'folder', path });
	const { data } = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.items, body: Buffer.concat([head, tail]), headers: { 'Content-Type': contentType } });
	return recordOf<StagingItem>(data);
}

/** Moves (new parent folder) and/or renames (new name) a file or folder; Vault does it in a job. */
export async function updateStagingItem(vault: VaultClient, path: string, change: { parent?: string; name?: string }): Promise<JobStarted> {
	const form: Record<string, string> = {};
	if (change.parent) form.parent = change.parent;
	if (change.name) form.name = change.name;
	const { data } = await vaultApiRequest(vault, { method: 'PUT', path: ENDPOINTS.item(path), form });
	return recordOf<JobStarted>(data);
}

/** Deletes a file or folder (a folder with content needs `recursive`); Vault does it in a job. */
export async function deleteStagingItem(vault: VaultClient, path: string, recursive: boolean): Promise<JobStarted> {
	const { data } = await vaultApiRequest(vault, { method: 'DELETE', path: ENDPOINTS.item(path), qs: { recursive: String(recursive) } });
	return recordOf<JobStarted>(data);
}

/** Vault serves at most this much per Range request. */
export const MAX_RANGE_BYTES = 50 * 1024 * 1024;
/** How many times a download cut mid-file is taken up again from the last byte received. */
export const DOWNLOAD_RESUMES = 3;

export interface StagedFileDownload {
	fileName: string;
	/** Bytes of the whole file, when Vault said (Content-Length / Content-Range). */
	size: number | undefined;
	/** The file's bytes, resumed with Range requests where the connection dropped. */
	bytes: AsyncGenerator<Buffer>;
	/** The first answer's stream, whose class can turn `bytes` into a Node.js stream. */
	firstStream: AsyncIterable<Buffer>;
}

/** "Download Item Content". A JSON answer in place of the file is Vault's error. */
export async function downloadStagedFile(vault: VaultClient, path: string): Promise<StagedFileDownload> {
	const first = await vaultApiRequestWithHeaders(vault, { method: 'GET', path: ENDPOINTS.itemContent(path), binary: true });
	const size = totalSizeOf(first.headers);
	const fileName = fileNameOf(first.headers) ?? path.split('/').pop() ?? 'file';
	return { fileName, size, firstStream: first.stream!, bytes: resumingBytes(vault, path, first.stream!, size) };
}

async function* resumingBytes(vault: VaultClient, path: string, firstStream: AsyncIterable<Buffer>, size: number | undefined): AsyncGenerator<Buffer> {
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
				message: `The download of ${path} stopped at byte ${received} of ${size ?? 'an unknown size'} ${DOWNLOAD_RESUMES + 1} times`,
				description: 'The connection to Vault keeps dropping. Try again later; nothing partial was kept.',
				itemIndex: vault.itemIndex,
			});
		}
		if (size === undefined) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'download cut' } as JsonObject, {
				message: `The download of ${path} stopped after ${received} bytes, and Vault did not say the file's size, so it cannot be resumed`,
				itemIndex: vault.itemIndex,
			});
		}
		const next = await requestRange(vault, path, received, size);
		const range = /bytes (\d+)-(\d+)\/(\d+)/.exec(headerValue(next.headers, 'content-range') ?? '');
		if (next.statusCode !== 206 || !range || Number(range[1]) !== received) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'range not honoured' } as JsonObject, {
				message: `Vault did not resume the download of ${path} at byte ${received} (it answered HTTP ${next.statusCode} without the range asked for)`,
				itemIndex: vault.itemIndex,
			});
		}
		stream = next.stream!;
		if (next.end < size - 1) stream = concatRanges(vault, path, stream, next.end + 1, size);
	}
}

/** After a resume: this range, then the following ranges of at most 50 MB up to the end. */
async function* concatRanges(vault: VaultClient, path: string, first: AsyncIterable<Buffer>, from: number, size: number): AsyncGenerator<Buffer> {
	yield* first;
	for (let start = from; start < size; start += MAX_RANGE_BYTES) yield* (await requestRange(vault, path, start, size)).stream!;
}

/** The bytes of the file from `start`, at most 50 MB of them (Vault's largest range); `end` is the last byte asked for. */
async function requestRange(vault: VaultClient, path: string, start: number, size: number): Promise<VaultAnswer & { end: number }> {
	const end = Math.min(size, start + MAX_RANGE_BYTES) - 1;
	const answer = await vaultApiRequestWithHeaders(vault, { method: 'GET', path: ENDPOINTS.itemContent(path), binary: true, headers: { Range: `bytes=${start}-${end}` } });
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
