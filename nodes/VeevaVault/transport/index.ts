// Every API request to Vault goes through here: the credential's session (reused, or renewed
// once when Vault ends it), the request core (./core) for sending, retries and rate limits,
// Vault's envelope, and paging. How a credential signs in is handed in with the VaultClient
// (see ./signIn); the API layer (../api) says what it wants.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, apiBaseUrl, clientIdOf, vaultBaseUrl } from './connection';
import type { VeevaVaultCredentials } from './connection';
import { exchange } from './core';
import type { Answer, RequestBody, Send } from './core';
import { errorTypeOf, isSuccess } from './envelope';
import type { VaultEnvelope } from './envelope';
import { requestError, vaultError } from './errors';
import { secretsOf } from './secrets';
import { Slots } from './slots';
import { signInFailureIn, withSessionInHand, withoutStoredSession } from './signIn';
import type { SessionRules, SessionRulesOf } from './signIn';

export { RETRY_POLICY } from './core';

export type VaultContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** What API requests are made with: the node's context and the item they are for, the user's
 * timeout, and the session rules of the credential's sign-in method. */
export interface VaultClient {
	ctx: VaultContext;
	itemIndex: number;
	/** How long any request may wait with nothing arriving; wins over each request's own default. */
	timeoutMs?: number;
	/** What to do about Vault's error types, in the words of the operation's fields. */
	hints?: Record<string, string>;
	sessionRulesOf: SessionRulesOf;
}

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

/** Vault runs at most this many File Staging requests at once; this process sends no more to one Vault. */
export const MAX_REQUESTS_IN_FLIGHT = 10;
const inFlightByVault = new Map<string, Slots>();

/**
 * Sign-ins under way or just done in this process, by credential and the session they replace.
 * Requests that find the same session missing or ended wait for that one sign-in and then use its
 * session: Vault limits logins per user and minute, and ten at once can lock the user out.
 */
const signIns = new Map<string, Promise<void>>();
const SIGN_INS_REMEMBERED = 100;

/**
 * The credential as one request uses it. A fresh session is asked for when there is none, when
 * the stored one belongs to other credential values, and when Vault says it ended: n8n is then
 * handed the credential without its session, which makes it sign in (preAuthentication) and store
 * the new session; or the request waits for such a sign-in already under way.
 *
 * The credential type has no `authenticate` (n8n would offer it to its HTTP Request node and a
 * "Custom API Call", which know nothing of Vault's sessions): every request carries the session or
 * token and the Client ID itself, so it never goes out without the session it is meant to carry.
 */
class SessionInUse {
	readonly rules: SessionRules;
	/** Every secret the request has carried, so that one echoed after a renewal is caught too. */
	readonly secrets: Set<string>;
	private renew: boolean;

	constructor(
		private readonly vault: VaultClient,
		public credentials: StoredCredentials,
	) {
		this.rules = vault.sessionRulesOf(credentials);
		this.secrets = new Set(secretsOf(credentials));
		this.renew = this.rules.storedSessionIsStale(credentials) || (this.rules.renewable && !credentials.sessionToken);
	}

	renewAtNextSend(): void {
		this.renew = true;
	}

	readonly send: Send = async (options) => {
		if (this.renew) {
			this.renew = false;
			await this.signIn();
		}
		const data = withSessionInHand(this.credentials);
		const headers = { ...options.headers, Authorization: this.rules.authorization(data), 'X-VaultAPI-ClientID': clientIdOf(data) };
		return await this.sendAs(data, { ...options, headers });
	};

	/** A new session, from this request's sign-in or from one under way for the same session. */
	private async signIn(): Promise<void> {
		const key = signInKey(this.vault, this.credentials);
		for (let underWay = signIns.get(key); underWay; ) {
			const missing = this.credentials.sessionToken;
			await underWay;
			await this.reload();
			// Its session, unless it stored none this request can see: then a sign-in of its own,
			// or the one another request waiting for the same started meanwhile.
			if (this.credentials.sessionToken !== missing) return;
			const next = signIns.get(key);
			underWay = next === underWay ? undefined : next;
		}
		const signingIn = this.signInWith(withoutStoredSession(this.credentials));
		remember(key, signingIn);
		try {
			await signingIn;
		} finally {
			// The sign-in has happened by now (or failed); n8n stored its session.
			await this.reload();
		}
	}

	/**
	 * n8n signs in (preAuthentication) inside its request helper, before the request it was given,
	 * which it then sends as it was built: without the new session. So the sign-in rides on a small
	 * request of its own, Vault's list of API versions, whose answer is not needed; the real
	 * request follows with the new session.
	 */
	private async signInWith(data: StoredCredentials): Promise<void> {
		try {
			await this.sendAs(data, {
				method: 'GET',
				url: `${vaultBaseUrl(data.vaultDns)}/api/`,
				headers: { Accept: 'application/json', 'X-VaultAPI-ClientID': clientIdOf(data) },
				json: false,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: SIGN_IN_TIMEOUT_MS,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
			});
		} catch (error) {
			// n8n copied the new session into `data` before it sent the request: once there is one,
			// what became of the request does not matter.
			// n8n's request helper throws NodeApiErrors (a failed sign-in among them); the core reads
			// what went wrong from them.
			if (signInFailureIn(error) || !data.sessionToken) throw error instanceof NodeApiError ? error : new NodeApiError(this.vault.ctx.getNode(), error as JsonObject);
		}
	}

	private async sendAs(data: StoredCredentials, options: IHttpRequestOptions): Promise<unknown> {
		// The URL was built from the same Vault DNS, which resolveUrl has checked.
		const origin = vaultBaseUrl(data.vaultDns);
		if (!inFlightByVault.has(origin)) inFlightByVault.set(origin, new Slots(MAX_REQUESTS_IN_FLIGHT));
		const giveBack = await inFlightByVault.get(origin)!.take();
		try {
			return await this.vault.ctx.helpers.httpRequestWithAuthentication.call(this.vault.ctx, CREDENTIAL_TYPE, options, {
				// Passing the credentials spares n8n reading and decrypting them again.
				credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: data as ICredentialDataDecryptedObject },
			});
		} finally {
			giveBack();
		}
	}

	private async reload(): Promise<void> {
		this.credentials = await vaultCredentials(this.vault, { reload: true });
		for (const secret of secretsOf(this.credentials)) this.secrets.add(secret);
	}
}

/** How long the request that carries a sign-in may wait (the sign-in has its own timeout). */
const SIGN_IN_TIMEOUT_MS = 10_000;

function signInKey(vault: VaultClient, credentials: StoredCredentials): string {
	const credentialId = vault.ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? `${credentials.vaultDns} ${credentials.username ?? ''}`;
	return `${credentialId}\n${credentials.sessionToken ?? ''}`;
}

/** Remembers a sign-in for those who find the same session missing. */
function remember(key: string, request: Promise<unknown>): void {
	// Only a failed sign-in fails those who wait, and it is not remembered, so that the next request
	// (after the credential is fixed) tries again.
	const signIn = request.then(
		() => undefined,
		(error: unknown) => {
			signIns.delete(key);
			throw error;
		},
	);
	// Nobody may be waiting yet; a failure is theirs to see, not an unhandled rejection.
	signIn.catch(() => undefined);
	signIns.set(key, signIn);
	if (signIns.size > SIGN_INS_REMEMBERED) signIns.delete(signIns.keys().next().value!);
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

type StoredCredentials = VeevaVaultCredentials & IDataObject;

/** Credentials per node execution and item: n8n reads and decrypts them from its database on
 * every getCredentials, which costs more than a small request. */
const credentialsByExecution = new WeakMap<object, Map<number, Promise<StoredCredentials>>>();

/** The credential as the transport uses it, read once per execution and item. Operations that
 * need a credential value (e.g. the API version) read it here too. */
export async function vaultCredentials(vault: Pick<VaultClient, 'ctx' | 'itemIndex'>, { reload = false } = {}): Promise<StoredCredentials> {
	const { ctx, itemIndex } = vault;
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
