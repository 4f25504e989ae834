// Vault's resumable upload sessions (File Staging): one function per endpoint.
import { FILE_TIMEOUT_MS, recordsOf, vaultApiPages, vaultApiRequest, vaultApiRequestAllItems } from '../transport';
import type { VaultClient } from '../transport';
import { headerValue } from '../transport/headers';
import { ENDPOINTS } from './endpoints';
import { recordOf } from './models';
import type { JobStarted, UploadPart, UploadSession } from './models';
import { checkStoredMd5 } from './storedMd5';

/** Vault's largest page of parts. */
export const PARTS_PAGE_MAX = 1000;

/** Every page of the list, with the ID of the user Vault answered for (X-VaultAPI-UserId). */
export async function* listUploadSessionPages(vault: VaultClient): AsyncGenerator<{ sessions: UploadSession[]; userId: string | undefined }> {
	for await (const { envelope, headers } of vaultApiPages(vault, { method: 'GET', path: ENDPOINTS.uploadSessions })) {
		yield { sessions: recordsOf(envelope) as UploadSession[], userId: headerValue(headers, 'x-vaultapi-userid') };
	}
}

export async function listUploadSessions(vault: VaultClient, limit?: number): Promise<UploadSession[]> {
	return (await vaultApiRequestAllItems(vault, { method: 'GET', path: ENDPOINTS.uploadSessions }, limit)) as UploadSession[];
}

export async function getUploadSession(vault: VaultClient, sessionId: string): Promise<UploadSession> {
	const { data } = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.uploadSession(sessionId) });
	return recordOf<UploadSession>(data);
}

export async function createUploadSession(vault: VaultClient, file: { path: string; size: number; overwrite: boolean }): Promise<UploadSession> {
	const form = { path: file.path, size: String(file.size), overwrite: String(file.overwrite) };
	const { data } = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.uploadSessions, form });
	return recordOf<UploadSession>(data);
}

export async function listUploadParts(vault: VaultClient, sessionId: string, limit?: number): Promise<UploadPart[]> {
	const pageSize = Math.min(limit ?? PARTS_PAGE_MAX, PARTS_PAGE_MAX);
	const request = { method: 'GET' as const, path: ENDPOINTS.uploadSessionParts(sessionId), qs: { limit: pageSize } };
	return (await vaultApiRequestAllItems(vault, request, limit)) as UploadPart[];
}

/** Sends one part with its MD5 (hex) and checks that Vault stored exactly those bytes. */
export async function uploadPart(vault: VaultClient, sessionId: string, part: { partNumber: number; data: Buffer; md5: string }): Promise<UploadPart> {
	const { md5 } = part;
	const { data } = await vaultApiRequest(vault, {
		method: 'PUT',
		path: ENDPOINTS.uploadSession(sessionId),
		body: part.data,
		headers: {
			'Content-Type': 'application/octet-stream',
			'Content-Length': String(part.data.length),
			'X-VaultAPI-FilePartNumber': String(part.partNumber),
			'Content-MD5': md5,
		},
		// Re-sending a part number replaces that part, so a lost answer may be retried.
		idempotent: true,
		timeoutMs: FILE_TIMEOUT_MS,
	});
	const stored = recordOf<UploadPart>(data);
	checkStoredMd5(vault, { md5: stored.part_content_md5, record: stored }, {
		what: `part ${part.partNumber}`,
		kind: 'part',
		md5,
		description: 'The part was corrupted on the way. Run the upload again; only the parts that differ are sent again.',
	});
	return stored;
}

/** Assembles the parts; Vault does it in a job. Never retried: a commit must not run twice. */
export async function commitUploadSession(vault: VaultClient, sessionId: string): Promise<JobStarted> {
	const { data } = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.uploadSession(sessionId) });
	return recordOf<JobStarted>(data);
}

export async function abortUploadSession(vault: VaultClient, sessionId: string): Promise<void> {
	await vaultApiRequest(vault, { method: 'DELETE', path: ENDPOINTS.uploadSession(sessionId) });
}
