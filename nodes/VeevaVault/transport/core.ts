// The one request core: every request to Vault, an API call or a sign-in, is sent through
// `exchange`. It sends, judges redirects, reads the answer (a file, or Vault's envelope with the
// secrets taken out), names network failures, and retries within bounds. It decides nothing
// about sessions and words no error for the user: callers do, from the RequestFailure it returns.
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, Logger } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { burstInfo, errorTypeOf, parseVaultResponse } from './envelope';
import type { ParsedResponse, VaultEnvelope } from './envelope';
import { headerValue } from './headers';
import { describeNetworkError } from './network';
import { MAX_REDIRECTS, judgeRedirect } from './redirects';
import { pauseRequestsTo, slowDownWhenBurstLow, waitWhilePaused } from './pacing';
import { redact } from './secrets';
import { signInFailureIn } from './signIn';

export const RETRY_POLICY = {
	/** Attempts for an idempotent request whose answer was lost, garbled or timed out. */
	transportAttempts: 3,
	/** Attempts for a request refused with API_LIMIT_EXCEEDED (Vault did not process it). */
	rateLimitAttempts: 4,
	baseDelayMs: 1000,
};

/** One request as the core sends it. */
export interface Exchange {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	headers: IDataObject;
	body?: RequestBody;
	/** The answer is a file: a success comes back as a stream; a JSON answer is an envelope. */
	binary?: boolean;
	timeoutMs: number;
	/** Whether sending it twice is harmless: only then is a lost or garbled answer sent again. */
	idempotent: boolean;
	/** Whether API_LIMIT_EXCEEDED is waited out and the request sent again (Vault did not process it). */
	retryRateLimit: boolean;
	/** The only origin the request, and the secrets it carries, may go to: redirects elsewhere are refused. */
	origin: string;
	/** Taken out of everything read from an answer; the caller may add to it between attempts. */
	secrets: ReadonlySet<string>;
	/** How the answer's body is read: as Vault's envelope unless told (an identity provider's
	 * token answer reads differently). */
	parse?: (statusCode: number, body: string) => ParsedResponse;
}

/** A body, or what makes it anew for every send (a stream can be read only once). */
export type RequestBody = IHttpRequestOptions['body'] | (() => Promise<IHttpRequestOptions['body']>);

/** Sends one HTTP request (n8n's request helper, with or without the credential). */
export type Send = (options: IHttpRequestOptions) => Promise<unknown>;

export type Answer =
	| { kind: 'envelope'; envelope: VaultEnvelope; headers: Record<string, unknown>; url: string }
	| { kind: 'file'; stream: AsyncIterable<Buffer>; headers: Record<string, unknown>; statusCode: number; url: string }
	| RequestFailure;

export type FailureReason =
	/** Nothing usable arrived: the network failed, the wait timed out, or the answer was not Vault's. */
	| { kind: 'unanswered'; problem: string; timedOut: boolean; notAnApiAnswer: boolean; httpCode?: string; fix?: string }
	| { kind: 'redirect'; message: string; description: string; httpCode: string; target?: string }
	/** The sign-in that n8n ran for the request failed; its message says why. */
	| { kind: 'signIn'; message: string };

/** The request could not be completed; `reason` says why, for the caller to word. */
export interface RequestFailure {
	kind: 'failed';
	reason: FailureReason;
	request: { method: string; url: string; idempotent: boolean };
	/** How many times it was sent for want of an answer, and over how long. */
	attempts: number;
	elapsedMs: number;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Longest error answer read from a binary request (an envelope is a few hundred bytes). */
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

export async function exchange(send: Send, request: Exchange, logger?: Logger): Promise<Answer> {
	const started = Date.now();
	let url = request.url;
	let qs = request.qs;
	let redirects = 0;
	let unanswered = 0;
	let rateLimited = 0;
	const fail = (reason: FailureReason): RequestFailure => ({
		kind: 'failed',
		reason,
		request: { method: request.method, url, idempotent: request.idempotent },
		attempts: unanswered,
		elapsedMs: Date.now() - started,
	});

	for (;;) {
		await waitWhilePaused(request.origin);
		const attempt = await sendOnce(send, request, url, qs);
		if (attempt.kind === 'signIn') return fail(attempt);

		const hop = attempt.kind === 'response' ? nextHop(request, attempt.response, url, redirects) : undefined;
		if (hop?.kind === 'refuse') return fail(hop.reason);
		if (hop?.kind === 'follow') {
			redirects++;
			url = hop.url;
			// The target's own query string stands for the original one.
			qs = undefined;
			continue;
		}

		const answer = attempt.kind === 'response' ? await readAnswer(request, attempt.response, url) : attempt;
		if (answer.kind === 'unanswered') {
			const retryable = answer.retryable && request.idempotent;
			if (retryable) unanswered++;
			if (retryable && unanswered < RETRY_POLICY.transportAttempts) {
				await sleep(backoffMs(unanswered));
				continue;
			}
			return fail(answer.reason);
		}
		if (answer.kind === 'file') return answer;

		slowDownWhenBurstLow(request.origin, burstInfo(answer.headers), logger);
		if (errorTypeOf(answer.envelope) === 'API_LIMIT_EXCEEDED' && request.retryRateLimit && ++rateLimited < RETRY_POLICY.rateLimitAttempts) {
			const delay = Math.max(backoffMs(rateLimited), burstInfo(answer.headers).responseDelayMs);
			logger?.warn(`Vault answered API_LIMIT_EXCEEDED; every request to this Vault waits ${delay} ms, then this one is sent again (attempt ${rateLimited + 1})`);
			pauseRequestsTo(request.origin, delay);
			continue;
		}
		return answer;
	}
}

/** Whether an answer redirects, and where to: only to the request's own origin, a few hops at most. */
function nextHop(
	request: Exchange,
	response: RawResponse,
	url: string,
	hopsSoFar: number,
): { kind: 'none' } | { kind: 'follow'; url: string } | { kind: 'refuse'; reason: FailureReason } {
	const redirect = judgeRedirect(response.statusCode, response.headers, url, request.method, request.origin);
	const httpCode = String(response.statusCode);
	if (redirect.kind === 'refuse') {
		const { message, description, target } = redirect;
		return { kind: 'refuse', reason: { kind: 'redirect', message, description, httpCode, ...(target ? { target } : {}) } };
	}
	if (redirect.kind === 'follow' && hopsSoFar >= MAX_REDIRECTS) {
		const message = `Vault redirected ${request.method} ${urlForMessages(url)} more than ${MAX_REDIRECTS} times`;
		return { kind: 'refuse', reason: { kind: 'redirect', message, description: 'Check the Vault DNS and API version in the credential.', httpCode } };
	}
	return redirect.kind === 'follow' ? redirect : { kind: 'none' };
}

type Attempt =
	| { kind: 'response'; response: RawResponse }
	| { kind: 'unanswered'; retryable: boolean; reason: Extract<FailureReason, { kind: 'unanswered' }> }
	| Extract<FailureReason, { kind: 'signIn' }>;

/** One send, redirects off: n8n's client would carry the credential to wherever a redirect points. */
async function sendOnce(send: Send, request: Exchange, url: string, qs: IDataObject | undefined): Promise<Attempt> {
	const body = typeof request.body === 'function' ? await request.body() : request.body;
	const sentAt = Date.now();
	try {
		const response = (await send({
			method: request.method,
			url,
			qs,
			body,
			headers: request.headers,
			json: false,
			encoding: request.binary ? 'stream' : 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		})) as RawResponse;
		return { kind: 'response', response };
	} catch (error) {
		const signInFailure = signInFailureIn(error);
		if (signInFailure) return { kind: 'signIn', message: signInFailure };
		const network = describeNetworkError(error, url);
		// n8n reports a stall after the headers like a connection cut mid-answer; the time tells.
		const timedOut = network.timing === 'waiting' || (network.timing === 'stalled' && Date.now() - sentAt >= request.timeoutMs * 0.9);
		const problem = timedOut ? `nothing arrived from Vault for ${Math.round(request.timeoutMs / 1000)} s` : network.problem;
		const reason = { kind: 'unanswered' as const, problem, timedOut, notAnApiAnswer: false, ...(network.fix ? { fix: network.fix } : {}) };
		return { kind: 'unanswered', retryable: network.retryable, reason };
	}
}

/** The answer as a file, as Vault's envelope (secrets taken out), or as no usable answer. */
async function readAnswer(request: Exchange, response: RawResponse, url: string): Promise<Exclude<Answer, RequestFailure> | Extract<Attempt, { kind: 'unanswered' }>> {
	let body = response.body;
	if (request.binary) {
		const contentType = headerValue(response.headers, 'content-type') ?? '';
		if ((response.statusCode === 200 || response.statusCode === 206) && !/json/i.test(contentType)) {
			return { kind: 'file', stream: body as AsyncIterable<Buffer>, headers: response.headers, statusCode: response.statusCode, url };
		}
		// Vault answers a failed download with its JSON envelope instead of the file.
		body = await textOf(body as AsyncIterable<Buffer>);
	}
	const text = redact(typeof body === 'string' ? body : JSON.stringify(body ?? ''), [...request.secrets]);
	const parsed = (request.parse ?? parseVaultResponse)(response.statusCode, text);
	if (parsed.kind === 'envelope') return { kind: 'envelope', envelope: parsed.envelope, headers: response.headers, url };
	return {
		kind: 'unanswered',
		retryable: parsed.retryable,
		reason: { kind: 'unanswered', problem: parsed.message, timedOut: false, notAnApiAnswer: true, httpCode: parsed.httpCode },
	};
}

function backoffMs(attempt: number): number {
	return RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1);
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

/** The path of a URL without its query string (which can hold cursors, never secrets). */
export function urlForMessages(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url;
	}
}
