// Files and folders of Vault's File Staging area: one function per endpoint.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { FILE_TIMEOUT_MS, recordsOf, vaultApiPages, vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import type { VaultEnvelope } from '../transport/envelope';
import { multipartFrame } from '../transport/multipart';
import { ENDPOINTS } from './endpoints';
import { downloadFile } from './fileDownload';
import type { FileDownload } from './fileDownload';
import { recordOf } from './models';
import type { JobStarted, StagingItem } from './models';
import { checkStoredMd5 } from './storedMd5';

export { DOWNLOAD_RESUMES, MAX_RANGE_BYTES, fileNameOf } from './fileDownload';

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

/** "Download Item Content". A JSON answer in place of the file is Vault's error. */
export async function downloadStagedFile(vault: VaultClient, path: string): Promise<FileDownload> {
	return await downloadFile(vault, { urlPath: ENDPOINTS.itemContent(path), what: path, fallbackName: path.split('/').pop() ?? 'file' });
}
