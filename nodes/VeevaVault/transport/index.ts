// Every API request to Vault goes through here: the credential's session (./session: reused, or
// renewed once when Vault ends it), the request core (./core) for sending, retries and rate
// limits, Vault's envelope, and paging. How a credential signs in is handed in with the
// VaultClient (see ./signIn); the API layer (../api) says what it wants.
import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { vaultCredentials } from './client';
import type { VaultClient } from './client';
import { apiBaseUrl, vaultBaseUrl } from './connection';
import type { VeevaVaultCredentials } from './connection';
import { exchange } from './core';
import type { Answer, RequestBody } from './core';
import { errorTypeOf, isSuccess } from './envelope';
import type { VaultEnvelope } from './envelope';
import { requestError, vaultError } from './errors';
import { SessionInUse } from './session';

export { RETRY_POLICY } from './core';
export { MAX_REQUESTS_IN_FLIGHT } from './pacing';
export { vaultCredentials } from './client';
export type { VaultClient, VaultContext } from './client';

export interface VaultRequest {
	method: IHttpRequestMethods;
	/** Path below /api/{version} (e.g. /services/file_staging/upload), or a next_page from Vault. */
	path: string;
	qs?: IDataObject;
	/** Sent as application/x-www-form-urlencoded. */
	form?: Record<string, string>;
	body?: RequestBody;
	headers?: IDataObject;
	/** Whether sending the request twice is harmless. Defaults to true for GET only. */
	idempotent?: boolean;
	/** The answer is a file: a success comes back as a stream (see VaultAnswer.stream); a JSON
	 * answer is Vault's envelope (an error) as usual. */
	binary?: boolean;
	/** How long this request may wait with nothing arriving, unless the user set a timeout. */
	timeoutMs?: number;
}

/**
 * How long a request may wait with nothing arriving (n8n's client times the socket's silence,
 * before and after the answer's headers). Three attempts of 30 s and the back-offs make a stalled
 * read fail in about a minute and a half.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** For requests that carry a file or a part: Vault checks and stores up to 50 MB before answering. */
export const FILE_TIMEOUT_MS = 120_000;

export interface VaultAnswer {
	envelope: VaultEnvelope;
	headers: Record<string, unknown>;
	/** For a binary request: the file's bytes as they arrive, and the HTTP status (200 or 206). */
	stream?: AsyncIterable<Buffer>;
	statusCode?: number;
}

export async function vaultApiRequest(vault: VaultClient, request: VaultRequest): Promise<VaultEnvelope> {
	return (await vaultApiRequestWithHeaders(vault, request)).envelope;
}

/** Like vaultApiRequest, with the response headers (e.g. X-VaultAPI-UserId) as well. */
export async function vaultApiRequestWithHeaders(vault: VaultClient, request: VaultRequest): Promise<VaultAnswer> {
	const session = new SessionInUse(vault, await vaultCredentials(vault));
	let renewedAfterFailure = false;
	for (;;) {
		const answer = await sendWithSession(vault, session, request);
		if (answer.kind === 'failed') throw requestError(vault.ctx.getNode(), answer, vault.itemIndex);
		if (answer.kind === 'file') return { envelope: { responseStatus: 'SUCCESS' }, headers: answer.headers, stream: answer.stream, statusCode: answer.statusCode };
		const { envelope } = answer;
		if (isSuccess(envelope)) return { envelope, headers: answer.headers };
		if (errorTypeOf(envelope) === 'INVALID_SESSION_ID' && session.rules.renewable && !renewedAfterFailure) {
			// Vault ended the session (idle timeout, 48 h cap, security event). Vault did not
			// process the request, so it is sent once more with a fresh session.
			session.renewAtNextSend();
			renewedAfterFailure = true;
			continue;
		}
		throw vaultError(vault.ctx.getNode(), envelope, request.method, answer.url, vault.itemIndex, { ...vault.hints, ...session.rules.hints });
	}
}

/** The request through the core, with the credential's session. */
async function sendWithSession(vault: VaultClient, session: SessionInUse, request: VaultRequest): Promise<Answer> {
	const url = resolveUrl(vault, session.credentials, request.path);
	return await exchange(
		session.send,
		{
			method: request.method,
			url,
			qs: request.qs,
			headers: {
				Accept: 'application/json',
				...(request.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
				...request.headers,
			},
			body: request.form ? new URLSearchParams(request.form).toString() : request.body,
			binary: request.binary,
			timeoutMs: vault.timeoutMs ?? request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			idempotent: request.idempotent ?? request.method === 'GET',
			retryRateLimit: true,
			origin: vaultBaseUrl(session.credentials.vaultDns),
			secrets: session.secrets,
		},
		vault.ctx.logger,
	);
}

/** Requests `request` and then every page Vault links with `responseDetails.next_page`. */
export async function* vaultApiPages(
	vault: VaultClient,
	request: VaultRequest,
): AsyncGenerator<{ envelope: VaultEnvelope; headers: Record<string, unknown> }> {
	const seenPages = new Set<string>();
	let next: VaultRequest | null = request;
	while (next) {
		const page: { envelope: VaultEnvelope; headers: Record<string, unknown> } = await vaultApiRequestWithHeaders(vault, next);
		yield page;
		const nextPage: string | undefined = page.envelope.responseDetails?.next_page;
		if (!nextPage) return;
		if (seenPages.has(nextPage)) {
			throw new NodeApiError(vault.ctx.getNode(), { message: 'Repeated next_page' } as JsonObject, {
				message: 'Vault returned the same next page twice; stopped paging to avoid a loop',
				itemIndex: vault.itemIndex,
			});
		}
		seenPages.add(nextPage);
		next = { method: 'GET', path: nextPage, timeoutMs: request.timeoutMs };
	}
}

/** The `data` records of every page, stopping as soon as `limit` records are in hand. */
export async function vaultApiRequestAllItems(vault: VaultClient, request: VaultRequest, limit?: number): Promise<unknown[]> {
	const records: unknown[] = [];
	for await (const { envelope } of vaultApiPages(vault, request)) {
		records.push(...recordsOf(envelope));
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
	}
	return records;
}

export function recordsOf(envelope: VaultEnvelope): unknown[] {
	const data = envelope.data;
	if (Array.isArray(data)) return data;
	return data === undefined || data === null ? [] : [data];
}

/** Builds the absolute URL; next_page links are followed only on the Vault's own host. */
function resolveUrl(vault: VaultClient, credentials: VeevaVaultCredentials, path: string): string {
	let base: string;
	let apiBase: string;
	try {
		base = vaultBaseUrl(credentials.vaultDns);
		apiBase = apiBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(vault.ctx.getNode(), (error as Error).message, {
			itemIndex: vault.itemIndex,
			description: 'Fix the Veeva Vault credential.',
		});
	}
	if (!/^(https?:)?\/\//i.test(path) && !path.startsWith('/api/')) return `${apiBase}${path}`;
	const target = new URL(path, base);
	if (target.origin !== base) {
		throw new NodeApiError(vault.ctx.getNode(), { message: 'next_page on another host' } as JsonObject, {
			message: `Vault's next page points at another host (${target.host}); not following it, so the session is never sent there`,
			itemIndex: vault.itemIndex,
		});
	}
	return target.toString();
}
