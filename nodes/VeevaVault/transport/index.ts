// Every request to Vault goes through here: URL and headers, the response envelope, session
// renewal, bounded retries, rate limits and paging. Operations only say what they want.
import type {
	FunctionsBase,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE, apiBaseUrl, vaultBaseUrl } from './connection';
import type { VeevaVaultCredentials } from './connection';
import { burstInfo, describeNetworkError, errorMessageOf, errorTypeOf, hintFor, isSuccess, parseVaultResponse } from './envelope';
import type { VaultEnvelope } from './envelope';
import { LOGIN_FAILED, sessionFingerprint } from './login';

export type VaultContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface VaultRequest {
	method: IHttpRequestMethods;
	/** Path below /api/{version} (e.g. /services/file_staging/upload), or a next_page from Vault. */
	path: string;
	qs?: IDataObject;
	/** Sent as application/x-www-form-urlencoded. */
	form?: Record<string, string>;
	body?: IHttpRequestOptions['body'];
	headers?: IDataObject;
	/** Whether sending the request twice is harmless. Defaults to true for GET only. */
	idempotent?: boolean;
	timeoutMs?: number;
}

export const RETRY_POLICY = {
	/** Attempts for an idempotent request whose answer was lost or garbled. */
	transportAttempts: 3,
	/** Attempts for a request refused with API_LIMIT_EXCEEDED (Vault did not process it). */
	rateLimitAttempts: 4,
	baseDelayMs: 1000,
	/** Below this share of the burst limit, executions log a warning. */
	lowBurstShare: 0.1,
};

export const DEFAULT_TIMEOUT_MS = 120_000;

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export async function vaultApiRequest(this: VaultContext, request: VaultRequest, itemIndex = 0): Promise<VaultEnvelope> {
	return (await vaultApiRequestWithHeaders.call(this, request, itemIndex)).envelope;
}

/** Like vaultApiRequest, with the response headers (e.g. X-VaultAPI-UserId) as well. */
export async function vaultApiRequestWithHeaders(
	this: VaultContext,
	request: VaultRequest,
	itemIndex = 0,
): Promise<{ envelope: VaultEnvelope; headers: Record<string, unknown> }> {
	let credentials = await vaultCredentials(this, itemIndex);
	const url = resolveUrl(this, credentials, request.path, itemIndex);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		body: request.form ? new URLSearchParams(request.form).toString() : request.body,
		headers: {
			Accept: 'application/json',
			...(request.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			...request.headers,
		},
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};

	// A fresh session is requested when the stored one belongs to other credential values,
	// and once more when Vault says the session ended. Never more than once per request.
	let renew = needsNewSession(credentials);
	let renewedAfterFailure = false;
	let transportFailures = 0;
	let rateLimited = 0;
	for (;;) {
		let response: RawResponse | undefined;
		let failure: { message: string; httpCode?: string; retryable: boolean } | undefined;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				// Passing the credentials spares n8n reading and decrypting them again; a blank
				// session makes n8n run preAuthentication and store the new session.
				{
					credentialsDecrypted: {
						id: '',
						name: '',
						type: CREDENTIAL_TYPE,
						data: (renew ? { ...credentials, sessionId: '' } : credentials) as ICredentialDataDecryptedObject,
					},
				},
			)) as RawResponse;
		} catch (error) {
			const login = loginFailureIn(error);
			if (login) throw new NodeApiError(this.getNode(), { message: login } as JsonObject, { message: login, itemIndex });
			const { problem, retryable } = describeNetworkError(error);
			const timeout = problem === 'Vault did not answer in time' ? ` (timeout ${Math.round(options.timeout! / 1000)} s)` : '';
			failure = { message: `Could not complete ${request.method} ${pathForMessages(url)}: ${problem}${timeout}`, retryable };
		}
		if (renew) {
			// The login asked for has happened by now (or failed above); n8n stored its session.
			credentials = await vaultCredentials(this, itemIndex, { reload: true });
			renew = false;
		}

		const parsed = response && parseVaultResponse(response.statusCode, typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''));
		if (parsed?.kind === 'transport') {
			failure = { message: `${parsed.message} (${request.method} ${pathForMessages(url)})`, httpCode: parsed.httpCode, retryable: parsed.retryable };
		}
		if (!response || parsed?.kind !== 'envelope') {
			const problem = failure!;
			if (problem.retryable && idempotent && ++transportFailures < RETRY_POLICY.transportAttempts) {
				await sleep(backoffMs(transportFailures));
				continue;
			}
			throw new NodeApiError(this.getNode(), { message: problem.message } as JsonObject, {
				message: problem.message,
				description: transportAdvice(idempotent, transportFailures),
				httpCode: problem.httpCode,
				itemIndex,
			});
		}

		warnWhenBurstLow(this, response.headers);
		const envelope = parsed.envelope;
		if (isSuccess(envelope)) return { envelope, headers: response.headers };

		const errorType = errorTypeOf(envelope);
		if (errorType === 'INVALID_SESSION_ID' && credentials.authMethod !== 'token' && !renewedAfterFailure) {
			// Vault ended the session (idle timeout, 48 h cap, security event). Vault did not
			// process the request, so it is sent once more with a fresh session.
			renew = true;
			renewedAfterFailure = true;
			continue;
		}
		if (errorType === 'API_LIMIT_EXCEEDED' && ++rateLimited < RETRY_POLICY.rateLimitAttempts) {
			const delay = Math.max(backoffMs(rateLimited), burstInfo(response.headers).responseDelayMs);
			this.logger.warn(`Vault answered API_LIMIT_EXCEEDED; retrying in ${delay} ms (attempt ${rateLimited + 1})`);
			await sleep(delay);
			continue;
		}
		throw vaultError(this, envelope, request, url, itemIndex);
	}
}

/** Requests `request` and then every page Vault links with `responseDetails.next_page`. */
export async function* vaultApiPages(
	this: VaultContext,
	request: VaultRequest,
	itemIndex = 0,
): AsyncGenerator<{ envelope: VaultEnvelope; headers: Record<string, unknown> }> {
	const seenPages = new Set<string>();
	let next: VaultRequest | null = request;
	while (next) {
		const page: { envelope: VaultEnvelope; headers: Record<string, unknown> } = await vaultApiRequestWithHeaders.call(this, next, itemIndex);
		yield page;
		const nextPage: string | undefined = page.envelope.responseDetails?.next_page;
		if (!nextPage) return;
		if (seenPages.has(nextPage)) {
			throw new NodeApiError(this.getNode(), { message: 'Repeated next_page' } as JsonObject, {
				message: 'Vault returned the same next page twice; stopped paging to avoid a loop',
				itemIndex,
			});
		}
		seenPages.add(nextPage);
		next = { method: 'GET', path: nextPage, timeoutMs: request.timeoutMs };
	}
}

/** The `data` records of every page, stopping as soon as `limit` records are in hand. */
export async function vaultApiRequestAllItems(
	this: VaultContext,
	request: VaultRequest,
	itemIndex = 0,
	limit?: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for await (const { envelope } of vaultApiPages.call(this, request, itemIndex)) {
		records.push(...recordsOf(envelope));
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
	}
	return records;
}

export function recordsOf(envelope: VaultEnvelope): IDataObject[] {
	const data = envelope.data;
	if (Array.isArray(data)) return data as IDataObject[];
	return data === undefined || data === null ? [] : [data as IDataObject];
}

/** Builds the absolute URL; next_page links are followed only on the Vault's own host. */
function resolveUrl(ctx: VaultContext, credentials: VeevaVaultCredentials, path: string, itemIndex: number): string {
	let base: string;
	let apiBase: string;
	try {
		base = vaultBaseUrl(credentials.vaultDns);
		apiBase = apiBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			itemIndex,
			description: 'Fix the Veeva Vault credential.',
		});
	}
	if (!/^(https?:)?\/\//i.test(path) && !path.startsWith('/api/')) return `${apiBase}${path}`;
	const target = new URL(path, base);
	if (target.origin !== base) {
		throw new NodeApiError(ctx.getNode(), { message: 'next_page on another host' } as JsonObject, {
			message: `Vault's next page points at another host (${target.host}); not following it, so the session is never sent there`,
			itemIndex,
		});
	}
	return target.toString();
}

function needsNewSession(credentials: VeevaVaultCredentials): boolean {
	if (credentials.authMethod === 'token' || !credentials.sessionId) return false;
	return credentials.sessionFingerprint !== sessionFingerprint(credentials);
}

type StoredCredentials = VeevaVaultCredentials & IDataObject;

/** Credentials per node execution and item: n8n reads and decrypts them from its database on
 * every getCredentials, which costs more than a small request. */
const credentialsByExecution = new WeakMap<object, Map<number, Promise<StoredCredentials>>>();

async function vaultCredentials(ctx: VaultContext, itemIndex: number, { reload = false } = {}): Promise<StoredCredentials> {
	let byItem = credentialsByExecution.get(ctx);
	if (!byItem) {
		byItem = new Map();
		credentialsByExecution.set(ctx, byItem);
	}
	// After a new login every item must see the new session.
	if (reload) byItem.clear();
	let credentials = byItem.get(itemIndex);
	if (!credentials) {
		credentials = ctx.getCredentials<StoredCredentials>(CREDENTIAL_TYPE, itemIndex);
		byItem.set(itemIndex, credentials);
		credentials.catch(() => byItem.delete(itemIndex));
	}
	return await credentials;
}

/** The message of a failed login anywhere in an error's cause chain, if there is one. */
function loginFailureIn(error: unknown): string | null {
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.message === 'string' && current.message.includes(LOGIN_FAILED)) {
			return current.message.slice(current.message.indexOf(LOGIN_FAILED));
		}
		current = current.cause as typeof current;
	}
	return null;
}

function transportAdvice(idempotent: boolean, failures: number): string {
	if (idempotent && failures > 0) return `Tried ${failures} time(s). Vault or the network may be unavailable; try again later.`;
	if (!idempotent) return 'This request changes data in Vault, so it was not sent again automatically. Check in Vault whether it took effect before re-running.';
	return 'Vault or the network may be unavailable; try again later.';
}

function vaultError(ctx: VaultContext, envelope: VaultEnvelope, request: VaultRequest, url: string, itemIndex: number): NodeApiError {
	const errorType = errorTypeOf(envelope);
	return new NodeApiError(
		ctx.getNode(),
		{ responseStatus: envelope.responseStatus, errors: (envelope.errors ?? []) as unknown as JsonObject[] } as JsonObject,
		{
			message: `Vault ${envelope.responseStatus === 'EXCEPTION' ? 'failed' : 'refused'} ${request.method} ${pathForMessages(url)}: ${errorMessageOf(envelope)}`,
			description: hintFor(errorType),
			itemIndex,
		},
	);
}

/** The path of a URL without its query string (which can hold cursors, never secrets). */
function pathForMessages(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url;
	}
}

function backoffMs(attempt: number): number {
	return RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1);
}

function warnWhenBurstLow(ctx: FunctionsBase, headers: Record<string, unknown>): void {
	const burst = burstInfo(headers);
	if (burst.limit && burst.remaining !== null && burst.remaining < burst.limit * RETRY_POLICY.lowBurstShare) {
		ctx.logger.warn(
			`Vault burst limit nearly used: ${burst.remaining} of ${burst.limit} calls left in this window${burst.responseDelayMs ? `; Vault is delaying responses by ${burst.responseDelayMs} ms` : ''}`,
		);
	}
}
