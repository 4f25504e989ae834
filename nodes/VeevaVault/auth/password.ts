// Signing in with username and password: a Vault session from POST /auth, stored by n8n in the
// credential (preAuthentication) and reused until Vault ends it or the credential changes.
import { createHmac } from 'crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, hostOf, validApiVersion, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { exchange } from '../transport/core';
import { errorMessageOf, errorTypeOf, isSuccess } from '../transport/envelope';
import { signInHintFor } from '../transport/hints';
import { secretsOf } from '../transport/secrets';
import { SIGN_IN_PATHS } from '../transport/signInPaths';
import { LOGIN_FAILED } from '../transport/signIn';
import { keepAlive, unreachedMessage } from './reach';
import type { SignInMethod } from './signInMethod';

interface AuthResponseBody {
	sessionId?: string;
	vaultId?: number;
	vaultIds?: Array<{ id: number; name: string; url: string }>;
}

/**
 * Identifies what a stored session was opened with. n8n keeps the stored session when a user
 * edits the credential, so a changed Vault, username or password must not reuse it. It is an
 * HMAC keyed with the session ID itself: it proves nothing without the session, and the password
 * cannot be tested against it without the session either.
 */
export function sessionFingerprint(
	credentials: Pick<VeevaVaultCredentials, 'vaultDns' | 'username' | 'password'>,
	sessionId: string,
): string {
	const signedIn = `${vaultBaseUrl(credentials.vaultDns)}\n${(credentials.username ?? '').trim().toLowerCase()}\n${credentials.password ?? ''}`;
	return createHmac('sha256', sessionId).update(signedIn).digest('hex').slice(0, 32);
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
	if (answer.kind === 'failed') throw new Error(unreachedMessage(LOGIN_FAILED, answer, baseUrl));
	const envelope = answer.kind === 'envelope' ? answer.envelope : { responseStatus: 'FAILURE' as const, responseMessage: 'Vault answered the login with a file' };
	if (!isSuccess(envelope)) {
		throw new Error(sentences(`${LOGIN_FAILED}: ${errorMessageOf(envelope)}`, signInHintFor(errorTypeOf(envelope))));
	}
	const auth = envelope as unknown as AuthResponseBody;
	if (!auth.sessionId) throw new Error(`${LOGIN_FAILED}: Vault's answer has no session ID.`);

	// When the user may not use the requested Vault, Vault logs them into another of theirs.
	const loggedInto = auth.vaultIds?.find((vault) => vault.id === auth.vaultId);
	const expectedHost = new URL(baseUrl).host;
	if (loggedInto && hostOf(loggedInto.url) !== expectedHost) {
		throw new Error(
			`${LOGIN_FAILED}: user ${credentials.username} cannot use the Vault at ${expectedHost}; Vault logged them into "${loggedInto.name}" (${hostOf(loggedInto.url)}) instead. Check the Vault DNS, or ask a Vault Admin for access to that Vault.`,
		);
	}
	return { sessionToken: auth.sessionId, sessionFingerprint: sessionFingerprint(credentials, auth.sessionId) };
}

/** Joins sentences with one period between them, whether or not the first already ends in one. */
function sentences(first: string, second: string): string {
	return `${first.replace(/[.\s]+$/, '')}. ${second}`;
}
