// The steps the sign-in methods share: a check that Vault takes a session or token (Vault's
// keep-alive), the fingerprint of the values a secret was obtained with, the reading of Vault's
// answer with a new session (and the refusal of a session in another Vault), and the words for a
// step that could not reach whom it asked.
import { createHmac } from 'crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, hostOf, validApiVersion, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { exchange } from '../transport/core';
import type { Answer, RequestFailure } from '../transport/core';
import type { VaultEnvelope } from '../transport/envelope';
import { secretsOf } from '../transport/secrets';
import { LOGIN_FAILED } from '../transport/signIn';
import { SIGN_IN_PATHS } from '../transport/signInPaths';

const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** Whom a sign-in step asks, as its messages name it, and what the user checks when it fails. */
export interface SignInPeer {
	/** e.g. "the identity provider"; none for the Vault DNS, whose redirects the request core words. */
	name?: string;
	origin: string;
	/** The credential's field(s) to check when the answer is not the API's. */
	fields: string;
}

/** The Vault DNS of a credential as a sign-in peer. */
export const vaultPeer = (baseUrl: string): SignInPeer => ({ origin: baseUrl, fields: 'Vault DNS and API version' });

/**
 * Vault's answer to a keep-alive with `authorization` (a session or a token): SUCCESS while Vault
 * takes it. Throws an Error starting with `prefix` when no answer from Vault arrives.
 */
export async function keepAlive(
	helper: IHttpRequestHelper,
	credentials: VeevaVaultCredentials,
	authorization: string,
	prefix: string,
): Promise<VaultEnvelope> {
	const baseUrl = vaultBaseUrl(credentials.vaultDns);
	const answer = await exchange(async (options) => await helper.helpers.httpRequest(options), {
		method: 'POST',
		url: `${baseUrl}/api/${validApiVersion(credentials.apiVersion)}${SIGN_IN_PATHS.keepAlive}`,
		headers: { Accept: 'application/json', Authorization: authorization, 'X-VaultAPI-ClientID': clientIdOf(credentials) },
		timeoutMs: KEEP_ALIVE_TIMEOUT_MS,
		// One check, at once: it is sent where someone waits for it (the credential test).
		idempotent: false,
		retryRateLimit: false,
		// The session or token goes to the Vault DNS and nowhere else.
		origin: baseUrl,
		secrets: new Set([...secretsOf(credentials), authorization]),
	});
	if (answer.kind === 'failed') throw new Error(unreachedMessage(prefix, answer, vaultPeer(baseUrl)));
	return envelopeOf(answer, 'Vault answered the keep-alive with a file');
}

/** Why a sign-in step could not get its peer's answer, with what to check. */
export function unreachedMessage(prefix: string, failure: RequestFailure, peer: SignInPeer): string {
	const { reason } = failure;
	const check = `Check the ${peer.fields} in the credential.`;
	switch (reason.kind) {
		case 'redirect':
			return peer.name
				? `${prefix}: ${peer.name} redirected the request to another host (${reason.target ?? 'unknown'}); not following it, so no secret is sent there. ${check}`
				: `${prefix}: ${reason.message}. ${reason.description}`;
		case 'unanswered':
			if (reason.notAnApiAnswer) return `${prefix}: ${peer.name ? reason.problem.replace(/^Vault /, `${peer.name} `) : reason.problem} from ${failure.request.url}. ${check}`;
			return peer.name
				? `${prefix}: could not reach ${peer.name} at ${peer.origin}: ${reason.problem}. ${check}`
				: `${prefix}: could not reach ${peer.origin}: ${reason.problem}. ${reason.fix ?? 'Check the Vault DNS in the credential.'}`;
		case 'signIn':
			return reason.message;
	}
}

/** The envelope of an answer; a file where an envelope was due reads as a FAILURE saying so. */
export function envelopeOf(answer: Exclude<Answer, RequestFailure>, fileMessage: string): VaultEnvelope {
	return answer.kind === 'envelope' ? answer.envelope : { responseStatus: 'FAILURE', responseMessage: fileMessage };
}

/**
 * Identifies what a stored secret (a session, an IdP token) was obtained with. n8n keeps it when a
 * user edits the credential, so changed values must not reuse it. It is an HMAC keyed with the
 * secret itself: it proves nothing without the secret, and the values (a password among them)
 * cannot be tested against it without the secret either.
 */
export function fingerprintOf(secret: string, values: readonly string[]): string {
	return createHmac('sha256', secret).update(values.join('\n')).digest('hex').slice(0, 32);
}

/** Vault's answer with a new session, as the sign-in reads it. */
export interface SessionAnswer {
	sessionId: string;
	userId?: number;
	vaultId?: number;
	vaultIds: Array<{ id: number; name: string; url: string }>;
}

/** The session answer in a SUCCESS envelope, read field by field; null when it has no session ID. */
export function sessionAnswerOf(envelope: VaultEnvelope): SessionAnswer | null {
	const { sessionId, userId, vaultId, vaultIds } = envelope;
	if (typeof sessionId !== 'string' || !sessionId) return null;
	const vaults = (Array.isArray(vaultIds) ? (vaultIds as unknown[]) : []).flatMap((vault) => {
		const { id, name, url } = (vault ?? {}) as Record<string, unknown>;
		return typeof id === 'number' && typeof url === 'string' ? [{ id, name: String(name ?? ''), url }] : [];
	});
	return {
		sessionId,
		...(typeof userId === 'number' ? { userId } : {}),
		...(typeof vaultId === 'number' ? { vaultId } : {}),
		vaultIds: vaults,
	};
}

/**
 * When the user may not use the requested Vault, Vault signs them in to another of theirs: that
 * session is refused, naming `who` signed in and `how` Vault says where it went instead.
 */
export function refuseAnotherVault(session: SessionAnswer, baseUrl: string, who: string, how: string): void {
	const signedInto = session.vaultIds.find((vault) => vault.id === session.vaultId);
	const expectedHost = new URL(baseUrl).host;
	if (signedInto && hostOf(signedInto.url) !== expectedHost) {
		throw new Error(
			`${LOGIN_FAILED}: ${who} cannot use the Vault at ${expectedHost}; ${how} "${signedInto.name}" (${hostOf(signedInto.url)}) instead. Check the Vault DNS, or ask a Vault Admin for access to that Vault.`,
		);
	}
}
