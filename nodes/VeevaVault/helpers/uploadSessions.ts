// Vault calls on upload sessions that more than one operation makes.
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FILE_TIMEOUT_MS, vaultApiRequest } from '../transport';
import { pathSegment } from '../transport/paths';
import { waitForVaultJob } from '../transport/jobs';

export const UPLOAD_SESSIONS_PATH = '/services/file_staging/upload';

export function uploadSessionPath(sessionId: string, suffix = ''): string {
	return `${UPLOAD_SESSIONS_PATH}/${pathSegment(sessionId, 'Upload Session ID')}${suffix}`;
}

export function md5Hex(data: Buffer): string {
	return createHash('md5').update(data).digest('hex');
}

/** Sends one part with its MD5 and checks that Vault stored exactly those bytes. */
export async function uploadPart(
	ctx: IExecuteFunctions,
	sessionId: string,
	partNumber: number,
	data: Buffer,
	itemIndex: number,
	md5 = md5Hex(data),
): Promise<IDataObject> {
	const envelope = await vaultApiRequest.call(
		ctx,
		{
			method: 'PUT',
			path: uploadSessionPath(sessionId),
			body: data,
			headers: {
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(data.length),
				'X-VaultAPI-FilePartNumber': String(partNumber),
				'Content-MD5': md5,
			},
			// Re-sending a part number replaces that part, so a lost answer may be retried.
			idempotent: true,
			timeoutMs: FILE_TIMEOUT_MS,
		},
		itemIndex,
	);
	const stored = (envelope.data ?? {}) as IDataObject;
	if (stored.part_content_md5 && String(stored.part_content_md5).toLowerCase() !== md5) {
		throw new NodeApiError(ctx.getNode(), stored as JsonObject, {
			message: `Vault stored part ${partNumber} with MD5 ${String(stored.part_content_md5)}, but the part sent has MD5 ${md5}`,
			description: 'The part was corrupted on the way. Run the upload again; only the parts that differ are sent again.',
			itemIndex,
		});
	}
	return stored;
}

/** Commits a session once (never retried: a commit must not run twice) and, if asked, waits for its job. */
export async function commitUploadSession(ctx: IExecuteFunctions, sessionId: string, waitForJob: boolean, itemIndex: number): Promise<IDataObject> {
	const envelope = await vaultApiRequest.call(ctx, { method: 'POST', path: uploadSessionPath(sessionId) }, itemIndex);
	const started = (envelope.data ?? {}) as IDataObject;
	if (!waitForJob || started.job_id === undefined) return started;
	const job = await waitForVaultJob.call(ctx, started.job_id as number, itemIndex);
	return { job_id: started.job_id, ...job };
}

/** The Upload Session ID parameter: a resource locator ("From List" or "By ID") or, in workflows
 * saved before it was one, a plain string. */
export function sessionIdParameter(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('sessionId', itemIndex, '', { extractValue: true }) as unknown;
	const sessionId = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!sessionId) {
		throw new NodeOperationError(ctx.getNode(), 'The Upload Session ID is empty', {
			itemIndex,
			description: 'Choose a session from the list, or map its ID from an earlier node, e.g. {{ $json.id }} after "Get Many" or "Create".',
		});
	}
	return sessionId;
}
