// Every request to Vault goes through here: URL and headers, the response envelope, bounded
// retries, rate limits and paging. Which session to send, and whether an ended one can be
// renewed, is the sign-in method's call (../auth). The API layer (../api) says what it wants.
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

import { signInFailureIn, signInMethodOf, withoutStoredSession } from '../auth';
import { CREDENTIAL_TYPE, apiBaseUrl, vaultBaseUrl } from './connection';
import type { VeevaVaultCredentials } from './connection';
import { burstInfo, errorTypeOf, isSuccess, parseVaultResponse } from './envelope';
import type { VaultEnvelope } from './envelope';
import { pathForMessages, timeoutProblem, transportError, vaultError } from './errors';
import { headerValue } from './headers';
import { describeNetworkError } from './network';
import { MAX_REDIRECTS, judgeRedirect } from './redirects';
import { redact, secretsOf } from './secrets';

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
	/** The answer is a file: a success comes back as a stream (see VaultAnswer.stream); a JSON
	 * answer is Vault's envelope (an error) as usual. */
	binary?: boolean;
	timeoutMs?: number;
}

export const RETRY_POLICY = {
	/** Attempts for an idempotent request whose answer was lost, garbled or timed out. */
	transportAttempts: 3,
	/** Attempts for a request refused with API_LIMIT_EXCEEDED (Vault did not process it). */
	rateLimitAttempts: 4,
	baseDelayMs: 1000,
	/** Below this share of the burst limit, executions log a warning. */
	lowBurstShare: 0.1,
};

/**
 * How long a request may wait with nothing arriving (n8n's client times the socket's silence,
 * before and after the answer's headers). Three attempts of 30 s and the back-offs make a stalled
 * read fail in about a minute and a half.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** For requests that carry a file or a part: Vault checks and stores up to 50 MB before answering. */
export const FILE_TIMEOUT_MS = 120_000;

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface VaultAnswer {
	envelope: VaultEnvelope;
	headers: Record<string, unknown>;
	/** For a binary request: the file's bytes as they arrive, and the HTTP status (200 or 206). */
	stream?: AsyncIterable<Buffer>;
	statusCode?: number;
}

/** Longest error answer read from a binary request (an envelope is a few hundred bytes). */
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

export async function vaultApiRequest(this: VaultContext, request: VaultRequest, itemIndex = 0): Promise<VaultEnvelope> {
	return (await vaultApiRequestWithHeaders.call(this, request, itemIndex)).envelope;
}

/** Like vaultApiRequest, with the response headers (e.g. X-VaultAPI-UserId) as well. */
export async function vaultApiRequestWithHeaders(
	this: VaultContext,
	request: VaultRequest,
	itemIndex = 0,
): Promise<VaultAnswer> {
	let credentials = await vaultCredentials(this, itemIndex);
	// Every secret this request has used, so that one echoed after a renewal is caught too.
	const secrets = new Set(secretsOf(credentials));
	let url = resolveUrl(this, credentials, request.path, itemIndex);
	const vaultOrigin = vaultBaseUrl(credentials.vaultDns);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const timeoutMs = timeoutFor(this, request, itemIndex);
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
		encoding: request.binary ? 'stream' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		// n8n's client would send the session to wherever a redirect points: see judgeRedirect.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};

	// A fresh session is requested when the stored one belongs to other credential values,
	// and once more when Vault says the session ended. Never more than once per request.
	const signIn = signInMethodOf(credentials);
	let renew = signIn.storedSessionIsStale(credentials);
	let renewedAfterFailure = false;
	let transportFailures = 0;
	let rateLimited = 0;
	let redirects = 0;
	const started = Date.now();
	for (;;) {
		let response: RawResponse | undefined;
		let failure: { message: string; httpCode?: string; retryable: boolean; timedOut?: boolean } | undefined;
		const attemptStarted = Date.now();
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
						data: (renew ? withoutStoredSession(credentials) : credentials) as ICredentialDataDecryptedObject,
					},
				},
			)) as RawResponse;
		} catch (error) {
			const signInFailure = signInFailureIn(error);
			if (signInFailure) throw new NodeApiError(this.getNode(), { message: signInFailure } as JsonObject, { message: signInFailure, itemIndex });
			const network = describeNetworkError(error);
			// n8n reports a stall after the headers like a connection cut mid-answer; the time tells.
			const timedOut = network.timing === 'waiting' || (network.timing === 'stalled' && Date.now() - attemptStarted >= timeoutMs * 0.9);
			const problem = timedOut ? timeoutProblem(timeoutMs) : network.problem;
			failure = { message: `${timedOut ? 'Timed out' : 'Could not complete'} ${request.method} ${pathForMessages(url)}: ${problem}`, retryable: network.retryable, timedOut };
		}
		if (renew) {
			// The login asked for has happened by now (or failed above); n8n stored its session.
			credentials = await vaultCredentials(this, itemIndex, { reload: true });
			for (const secret of secretsOf(credentials)) secrets.add(secret);
			renew = false;
		}

		if (response) {
			const redirect = judgeRedirect(response.statusCode, response.headers, url, request.method, vaultOrigin);
			if (redirect.kind === 'refuse' || (redirect.kind === 'follow' && ++redirects > MAX_REDIRECTS)) {
				const message = redirect.kind === 'refuse' ? redirect.message : `Vault redirected ${request.method} ${pathForMessages(url)} more than ${MAX_REDIRECTS} times`;
				throw new NodeApiError(this.getNode(), { message } as JsonObject, {
					message,
					description: redirect.kind === 'refuse' ? redirect.description : 'Check the Vault DNS and API version in the credential.',
					httpCode: String(response.statusCode),
					itemIndex,
				});
			}
			if (redirect.kind === 'follow') {
				url = redirect.url;
				options.url = url;
				// The target's own query string stands for the original one.
				options.qs = undefined;
				continue;
			}
		}

		if (response && request.binary) {
			const contentType = headerValue(response.headers, 'content-type') ?? '';
			if ((response.statusCode === 200 || response.statusCode === 206) && !/json/i.test(contentType)) {
				return { envelope: { responseStatus: 'SUCCESS' }, headers: response.headers, stream: response.body as AsyncIterable<Buffer>, statusCode: response.statusCode };
			}
			// Vault answers a failed download with its JSON envelope instead of the file.
			response.body = await textOf(response.body as AsyncIterable<Buffer>);
		}
		const bodyText = response && redact(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''), [...secrets]);
		const parsed = response && parseVaultResponse(response.statusCode, bodyText ?? '');
		if (parsed?.kind === 'transport') {
			failure = { message: `${parsed.message} (${request.method} ${pathForMessages(url)})`, httpCode: parsed.httpCode, retryable: parsed.retryable };
		}
		if (!response || parsed?.kind !== 'envelope') {
			const problem = failure!;
			const retryable = problem.retryable && idempotent;
			if (retryable) transportFailures++;
			if (retryable && transportFailures < RETRY_POLICY.transportAttempts) {
				await sleep(backoffMs(transportFailures));
				continue;
			}
			throw transportError(this, problem, { idempotent, attempts: transportFailures, elapsedMs: Date.now() - started }, itemIndex);
		}

		warnWhenBurstLow(this, response.headers);
		const envelope = parsed.envelope;
		if (isSuccess(envelope)) return { envelope, headers: response.headers };

		const errorType = errorTypeOf(envelope);
		if (errorType === 'INVALID_SESSION_ID' && signIn.renewable && !renewedAfterFailure) {
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
		throw vaultError(this, envelope, request, url, itemIndex, signIn.hints);
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

type StoredCredentials = VeevaVaultCredentials & IDataObject;

/** Credentials per node execution and item: n8n reads and decrypts them from its database on
 * every getCredentials, which costs more than a small request. */
const credentialsByExecution = new WeakMap<object, Map<number, Promise<StoredCredentials>>>();

/** The credential as the transport uses it, read once per execution and item. Operations that
 * need a credential value (e.g. the API version) read it here too. */
export async function vaultCredentials(ctx: VaultContext, itemIndex: number, { reload = false } = {}): Promise<StoredCredentials> {
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

/** The node's "Timeout (Seconds)" option when set, else the request's own default. */
function timeoutFor(ctx: VaultContext, request: VaultRequest, itemIndex: number): number {
	const fallback = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (!('getInputData' in ctx)) return fallback;
	const seconds = ctx.getNodeParameter('options.timeout', itemIndex, 0) as unknown;
	if (seconds === 0 || seconds === undefined || seconds === null || seconds === '') return fallback;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new NodeOperationError(ctx.getNode(), `Timeout (Seconds) must be a number above 0, not ${String(seconds)}`, {
			itemIndex,
			description: 'Leave it empty for the default, or enter how many seconds a request may wait with nothing arriving.',
		});
	}
	return Math.round(seconds * 1000);
}

/** A small answer read whole as text (an error envelope in place of a file). */
async function textOf(stream: AsyncIterable<Buffer>): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > MAX_ERROR_BODY_BYTES) break;
		chunks.push(Buffer.from(chunk));
	}
	return Buffer.concat(chunks).toString('utf8');
}
