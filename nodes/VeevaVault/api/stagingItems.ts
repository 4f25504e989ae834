// Files and folders of Vault's File Staging area: one function per endpoint.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { md5Hex } from '../binary/binarySource';
import { FILE_TIMEOUT_MS, vaultApiRequest } from '../transport';
import type { VaultContext } from '../transport';
import { multipartBody } from '../transport/multipart';
import { ENDPOINTS } from './endpoints';
import type { StagingItem } from './models';

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
