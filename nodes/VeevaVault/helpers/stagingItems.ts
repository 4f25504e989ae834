// Vault's "Create Folder or File" (POST /services/file_staging/items): one multipart request for
// a file of up to 50 MB.
import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { FILE_TIMEOUT_MS, vaultApiRequest } from '../transport';
import { md5Hex } from './uploadSessions';

export async function createStagingFile(
	ctx: IExecuteFunctions,
	file: { path: string; data: Buffer; fileName?: string; mimeType?: string; overwrite: boolean },
	itemIndex: number,
): Promise<IDataObject> {
	const md5 = md5Hex(file.data);
	const boundary = `----n8nVeevaVault${randomBytes(12).toString('hex')}`;
	const body = multipartBody(boundary, { kind: 'file', path: file.path, overwrite: String(file.overwrite) }, {
		name: 'file',
		fileName: file.fileName ?? file.path.split('/').pop() ?? 'file',
		contentType: file.mimeType || 'application/octet-stream',
		data: file.data,
	});
	const { data } = await vaultApiRequest.call(
		ctx,
		{
			method: 'POST',
			path: '/services/file_staging/items',
			body,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-MD5': md5 },
			timeoutMs: FILE_TIMEOUT_MS,
		},
		itemIndex,
	);
	const stored = (data ?? {}) as IDataObject;
	if (stored.file_content_md5 && String(stored.file_content_md5).toLowerCase() !== md5) {
		throw new NodeApiError(ctx.getNode(), stored as JsonObject, {
			message: `Vault stored ${file.path} with MD5 ${String(stored.file_content_md5)}, but the file sent has MD5 ${md5}`,
			itemIndex,
		});
	}
	return { ...stored, md5 };
}

function multipartBody(
	boundary: string,
	fields: Record<string, string>,
	file: { name: string; fileName: string; contentType: string; data: Buffer },
): Buffer {
	const escape = (value: string) => value.replace(/["\r\n]/g, '_');
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	}
	chunks.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${escape(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return Buffer.concat(chunks);
}
