// Signing in with username and password: a Vault session from POST /auth, stored by n8n in the
// credential (preAuthentication) and reused until Vault ends it or the credential changes.
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, validApiVersion, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { exchange } from '../transport/core';
import { errorMessageOf, errorTypeOf, isSuccess } from '../transport/envelope';
import { signInHintFor } from '../transport/hints';
import { secretsOf } from '../transport/secrets';
import { LOGIN_FAILED } from '../transport/signIn';
import { SIGN_IN_PATHS } from '../transport/signInPaths';
import { envelopeOf, fingerprintOf, keepAlive, refuseAnotherVault, sessionAnswerOf, unreachedMessage, vaultPeer } from './signInSteps';
import type { SignInMethod } from './signInMethod';

/**
 * Identifies what a stored session was opened with (see fingerprintOf): the Vault, the username
 * and the password.
 */
export function sessionFingerprint(
	credentials: Pick<VeevaVaultCredentials, 'vaultDns' | 'username' | 'password'>,
	sessionId: string,
): string {
	return fingerprintOf(sessionId, [vaultBaseUrl(credentials.vaultDns), (credentials.username ?? '').trim().toLowerCase(), credentials.password ?? '']);
}

const LOGIN_TIMEOUT_MS = 30_000;

const isStale = (credentials: VeevaVaultCredentials): boolean =>
	Boolean(credentials.sessionToken) && credentials.sessionFingerprint !== sessionFingerprint(credentials, credentials.sessionToken!);

export const passwordSignIn: SignInMethod = {
	signIn: async (helper, credentials) => await sessionFor(helper, credentials),
	storedSessionIsStale: isStale,
	renewable: true,
	authorization: (credentials) => credentials.sessionToken ?? '',
	hints: {
		INVALID_SESSION_ID:
			'Vault ended the session and did not accept the new one either. Check that the user is active and may use this Vault, then run the workflow again.',
	},
};

/**
 * A session for these credential values: the stored one while Vault still takes it (nothing new
 * to store), else a new one. The node asks n8n for a sign-in only when it has no session it can
 * use and then hands over none, so the check is for n8n's credential test, which hands over the
 * stored session: it reaches Vault with the dialog's DNS without a needless login.
 */
async function sessionFor(helper: IHttpRequestHelper, credentials: VeevaVaultCredentials): Promise<{ sessionToken?: string; sessionFingerprint?: string }> {
	if (credentials.sessionToken && !isStale(credentials) && isSuccess(await keepAlive(helper, credentials, credentials.sessionToken, LOGIN_FAILED))) return {};
	return await openVaultSession(helper, credentials);
}

/** Logs in with username and password; the new session with its fingerprint. */
export async function openVaultSession(
	helper: IHttpRequestHelper,
	credentials: VeevaVaultCredentials,
): Promise<{ sessionToken: string; sessionFingerprint: string }> {
	const baseUrl = vaultBaseUrl(credentials.vaultDns);
	const authUrl = `${baseUrl}/api/${validApiVersion(credentials.apiVersion)}${SIGN_IN_PATHS.auth}`;
	if (!credentials.username || !credentials.password) {
		throw new Error(`${LOGIN_FAILED}: the credential has no username or password. Enter both, or choose API Access Token.`);
	}
	const answer = await exchange(async (options) => await helper.helpers.httpRequest(options), {
		method: 'POST',
		url: authUrl,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded',
			'X-VaultAPI-ClientID': clientIdOf(credentials),
		},
		body: new URLSearchParams({ username: credentials.username, password: credentials.password, vaultDNS: new URL(baseUrl).host }).toString(),
		timeoutMs: LOGIN_TIMEOUT_MS,
		// A login is never sent twice on its own: Vault limits logins per minute.
		idempotent: false,
		retryRateLimit: false,
		// The form holds the password: it goes to the Vault DNS and nowhere else.
		origin: baseUrl,
		secrets: new Set(secretsOf(credentials)),
	});
	if (answer.kind === 'failed') throw new Error(unreachedMessage(LOGIN_FAILED, answer, vaultPeer(baseUrl)));
	const envelope = envelopeOf(answer, 'Vault answered the login with a file');
	if (!isSuccess(envelope)) {
		throw new Error(sentences(`${LOGIN_FAILED}: ${errorMessageOf(envelope)}`, signInHintFor(errorTypeOf(envelope))));
	}
	const session = sessionAnswerOf(envelope);
	if (!session) throw new Error(`${LOGIN_FAILED}: Vault's answer has no session ID.`);
	refuseAnotherVault(session, baseUrl, `user ${credentials.username}`, 'Vault logged them into');
	return { sessionToken: session.sessionId, sessionFingerprint: sessionFingerprint(credentials, session.sessionId) };
}

/** Joins sentences with one period between them, whether or not the first already ends in one. */
function sentences(first: string, second: string): string {
	return `${first.replace(/[.\s]+$/, '')}. ${second}`;
}
