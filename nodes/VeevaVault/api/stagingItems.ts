// Files and folders of Vault's File Staging area: one function per endpoint.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { md5Hex } from '../binary/binarySource';
import { FILE_TIMEOUT_MS, recordsOf, vaultApiPages, vaultApiRequest } from '../transport';
import type { VaultContext } from '../transport';
import type { VaultEnvelope } from '../transport/envelope';
import { multipartBody } from '../transport/multipart';
import { ENDPOINTS } from './endpoints';
import type { JobStarted, StagingItem } from './models';

/** "Create Folder or File" with a file of up to 50 MB, checked against the MD5 Vault reports. */
export async function createStagingFile(
	ctx: VaultContext,
	file: { path: string; data: Buffer; fileName?: string; mimeType?: string; overwrite: boolean },
	itemIndex: number,
): Promise<StagingItem & { md5: string }> {
	const md5 = md5Hex(file.data);
	const { body, contentType } = multipartBody({ kind: 'file', path: file.path, overwrite: String(file.overwrite) }, {
		name: 'file',
		fileName: file.fileName ?? file.path.split('/').pop() ?? 'file',
		contentType: file.mimeType || 'application/octet-stream',
		data: file.data,
	});
	const { data } = await vaultApiRequest.call(
		ctx,
		{ method: 'POST', path: ENDPOINTS.items, body, headers: { 'Content-Type': contentType, 'Content-MD5': md5 }, timeoutMs: FILE_TIMEOUT_MS },
		itemIndex,
	);
	const stored = (data ?? {}) as StagingItem;
	if (stored.file_content_md5 && String(stored.file_content_md5).toLowerCase() !== md5) {
		throw new NodeApiError(ctx.getNode(), stored as JsonObject, {
			message: `Vault stored ${file.path} with MD5 ${String(stored.file_content_md5)}, but the file sent has MD5 ${md5}`,
			itemIndex,
		});
	}
	return { ...stored, md5 };
}

/** Vault's largest page of items. */
export const ITEMS_PAGE_MAX = 1000;

/** The items of a folder, page by page (Vault's next_page cursor lives 30 minutes). */
export async function* listStagingItemPages(
	ctx: VaultContext,
	folder: { path: string; recursive: boolean; pageSize?: number },
	itemIndex: number,
): AsyncGenerator<StagingItem[]> {
	const request = {
		method: 'GET' as const,
		path: ENDPOINTS.item(folder.path),
		qs: { recursive: String(folder.recursive), limit: Math.min(folder.pageSize ?? ITEMS_PAGE_MAX, ITEMS_PAGE_MAX) },
	};
	const pages = vaultApiPages.call(ctx, request, itemIndex);
	// The first page's errors are Vault's; a later page failing must never look like a short listing.
	let next: IteratorResult<{ envelope: VaultEnvelope }> = await pages.next();
	for (let page = 1; !next.done; page++) {
		yield recordsOf(next.value.envelope) as StagingItem[];
		try {
			next = await pages.next();
		} catch (error) {
			const reason = (error as Error).message;
			throw new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
				message: `Vault refused page ${page + 1} of the listing of ${folder.path}: ${reason}`,
				description:
					'Vault keeps the cursor of a listing for 30 minutes after its first page. Run the listing again; to need fewer pages, turn off Return All and set a Limit.',
				itemIndex,
			});
		}
	}
}

export async function createStagingFolder(ctx: VaultContext, path: string, itemIndex: number): Promise<StagingItem> {
	const { body, contentType } = multipartBody({ kind: 'folder', path });
	const { data } = await vaultApiRequest.call(ctx, { method: 'POST', path: ENDPOINTS.items, body, headers: { 'Content-Type': contentType } }, itemIndex);
	return (data ?? {}) as StagingItem;
}

/** Moves (new parent folder) and/or renames (new name) a file or folder; Vault does it in a job. */
export async function updateStagingItem(
	ctx: VaultContext,
	path: string,
	change: { parent?: string; name?: string },
	itemIndex: number,
): Promise<JobStarted> {
	const form: Record<string, string> = {};
	if (change.parent) form.parent = change.parent;
	if (change.name) form.name = change.name;
	const { data } = await vaultApiRequest.call(ctx, { method: 'PUT', path: ENDPOINTS.item(path), form }, itemIndex);
	return (data ?? {}) as JobStarted;
}

/** Deletes a file or folder (a folder with content needs `recursive`); Vault does it in a job. */
export async function deleteStagingItem(ctx: VaultContext, path: string, recursive: boolean, itemIndex: number): Promise<JobStarted> {
	const { data } = await vaultApiRequest.call(ctx, { method: 'DELETE', path: ENDPOINTS.item(path), qs: { recursive: String(recursive) } }, itemIndex);
	return (data ?? {}) as JobStarted;
}
