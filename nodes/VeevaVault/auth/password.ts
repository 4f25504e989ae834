// Signing in with username and password: a Vault session from POST /auth, stored by n8n in the
// credential (preAuthentication) and reused until Vault ends it or the credential changes.
import { createHmac } from 'crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { ENDPOINTS } from '../api/endpoints';
import { clientIdOf, hostOf, validApiVersion, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { errorMessageOf, errorTypeOf, isSuccess, parseVaultResponse } from '../transport/envelope';
import { hintFor } from '../transport/hints';
import { describeNetworkError } from '../transport/network';
import { MAX_REDIRECTS, judgeRedirect } from '../transport/redirects';
import { redact, secretsOf } from '../transport/secrets';
import type { SignInMethod } from './index';

/** Marks login failures so the transport can tell them from a failing API call. */
export const LOGIN_FAILED = 'Vault login failed';

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

export const passwordSignIn: SignInMethod = {
	signIn: async (helper, credentials) => await openVaultSession(helper, credentials),
	storedSessionIsStale: (credentials) =>
		Boolean(credentials.sessionToken) && credentials.sessionFingerprint !== sessionFingerprint(credentials, credentials.sessionToken!),
	renewable: true,
	hints: {
		INVALID_SESSION_ID:
			'Vault ended the session and did not accept the new one either. Check that the user is active and may use this Vault, then run the workflow again.',
	},
};

/** Logs in with username and password; the new session with its fingerprint. */
export async function openVaultSession(
	helper: IHttpRequestHelper,
	credentials: VeevaVaultCredentials,
): Promise<{ sessionToken: string; sessionFingerprint: string }> {
	const baseUrl = vaultBaseUrl(credentials.vaultDns);
	let authUrl = `${baseUrl}/api/${validApiVersion(credentials.apiVersion)}${ENDPOINTS.auth}`;
	if (!credentials.username || !credentials.password) {
		throw new Error(`${LOGIN_FAILED}: the credential has no username or password. Enter both, or choose API Access Token.`);
	}
	const secrets = secretsOf(credentials);

	let statusCode = 0;
	let body = '';
	for (let hops = 0; ; hops++) {
		let response: { statusCode: number; headers: Record<string, unknown>; body: unknown } | undefined;
		let unreachable = '';
		try {
			response = (await helper.helpers.httpRequest({
				method: 'POST',
				url: authUrl,
				headers: {
					Accept: 'application/json',
					'Content-Type': 'application/x-www-form-urlencoded',
					'X-VaultAPI-ClientID': clientIdOf(credentials),
				},
				body: new URLSearchParams({
					username: credentials.username,
					password: credentials.password,
					vaultDNS: new URL(baseUrl).host,
				}).toString(),
				json: false,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: LOGIN_TIMEOUT_MS,
				// The form holds the password: a redirect must never re-post it to another host.
				disableFollowRedirect: true,
			})) as typeof response;
		} catch (error) {
			const network = describeNetworkError(error);
			unreachable = network.timing ? `nothing arrived from Vault for ${LOGIN_TIMEOUT_MS / 1000} s` : network.problem;
		}
		if (!response) throw new Error(`${LOGIN_FAILED}: could not reach ${baseUrl}: ${unreachable}. Check the Vault DNS in the credential.`);
		const redirect = judgeRedirect(response.statusCode, response.headers, authUrl, 'POST', baseUrl);
		if (redirect.kind === 'refuse') throw new Error(`${LOGIN_FAILED}: ${redirect.message}. ${redirect.description}`);
		if (redirect.kind === 'follow') {
			if (hops >= MAX_REDIRECTS) throw new Error(`${LOGIN_FAILED}: Vault redirected the login more than ${MAX_REDIRECTS} times. Check the Vault DNS in the credential.`);
			authUrl = redirect.url;
			continue;
		}
		statusCode = response.statusCode;
		body = redact(typeof response.body === 'string' ? response.body : JSON.stringify(response.body), secrets);
		break;
	}

	const parsed = parseVaultResponse(statusCode, body);
	if (parsed.kind === 'transport') {
		throw new Error(`${LOGIN_FAILED}: ${parsed.message} from ${authUrl}. Check the Vault DNS and API version in the credential.`);
	}
	const envelope = parsed.envelope;
	if (!isSuccess(envelope)) {
		throw new Error(sentences(`${LOGIN_FAILED}: ${errorMessageOf(envelope)}`, hintFor(errorTypeOf(envelope), passwordSignIn.hints)));
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
