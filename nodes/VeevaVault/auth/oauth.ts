// Signing in with OAuth 2.0 / OpenID Connect: an access token from the identity provider (IdP,
// client credentials grant), then a Vault session from Vault's OAuth sign-in host with it
// (POST /auth/oauth/session/{profile id}). n8n stores the session and the IdP token with its
// expiry in the credential (preAuthentication), as it stores the password method's session:
// steady state calls neither. Each secret goes to one origin only: the client secret to the
// token URL's, the IdP token to Vault's sign-in host, the session to the Vault DNS.
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { exchange } from '../transport/core';
import { errorMessageOf, errorTypeOf, isSuccess } from '../transport/envelope';
import type { VaultEnvelope } from '../transport/envelope';
import { signInHintFor } from '../transport/hints';
import { secretsOf } from '../transport/secrets';
import { LOGIN_FAILED } from '../transport/signIn';
import { SIGN_IN_PATHS } from '../transport/signInPaths';
import { envelopeOf, fingerprintOf, refuseAnotherVault, sessionAnswerOf, unreachedMessage } from './signInSteps';
import { parseTokenAnswer } from './tokenAnswer';
import type { SignInMethod } from './signInMethod';

/** Where Veeva documents Vault's OAuth session call. */
export const DEFAULT_LOGIN_HOST = 'login.veevavault.com';

const SIGN_IN_TIMEOUT_MS = 30_000;
/** An IdP token this close to its expiry is not used for a new session. */
const EXPIRY_MARGIN_MS = 60_000;

type OAuthCredentials = VeevaVaultCredentials;
type Stored = Partial<Pick<VeevaVaultCredentials, 'sessionToken' | 'sessionFingerprint' | 'oauthAccessToken' | 'oauthTokenExpires' | 'oauthTokenFingerprint'>>;

interface IdpToken {
	token: string;
	/** ISO date, or '' when the IdP did not say (the token is then used until Vault refuses it). */
	expires: string;
}

const TOKEN_FIELDS = ['oauthTokenUrl', 'oauthClientId', 'oauthClientSecret', 'oauthScope', 'oauthAudience', 'oauthAudienceParameter', 'oauthClientAuthentication'] as const;
const SESSION_FIELDS = [...TOKEN_FIELDS, 'oauthProfileId', 'oauthVaultClientId', 'oauthLoginHost'] as const;

/** The fingerprint (see fingerprintOf) of a secret over the Vault and the credential's `fields`. */
function fingerprint(credentials: OAuthCredentials, fields: ReadonlyArray<keyof OAuthCredentials>, secret: string): string {
	return fingerprintOf(secret, [vaultBaseUrl(credentials.vaultDns), ...fields.map((field) => String(credentials[field] ?? '').trim())]);
}

export const sessionFingerprintOf = (credentials: OAuthCredentials, sessionId: string) => fingerprint(credentials, SESSION_FIELDS, sessionId);
const tokenFingerprintOf = (credentials: OAuthCredentials, token: string) => fingerprint(credentials, TOKEN_FIELDS, token);

export const oauthSignIn: SignInMethod = {
	signIn: async (helper, credentials) => await oauthSession(helper, credentials),
	storedSessionIsStale: (credentials) =>
		Boolean(credentials.sessionToken) && credentials.sessionFingerprint !== sessionFingerprintOf(credentials, credentials.sessionToken!),
	renewable: true,
	authorization: (credentials) => credentials.sessionToken ?? '',
	hints: {
		INVALID_SESSION_ID:
			'Vault ended the session and did not accept the new one either. Check that the integration user is active and may use this Vault, then run the workflow again.',
	},
};

/**
 * A new Vault session, with the stored IdP token while it is valid and was obtained with these
 * values, else with a new one; a stored token that Vault refuses is replaced once. The node hands
 * over no session when it asks for a sign-in; n8n's credential test hands over the stored one, and
 * then the dialog's values are proven afresh: a new IdP token and a new session.
 */
async function oauthSession(helper: IHttpRequestHelper, credentials: OAuthCredentials): Promise<Stored> {
	const settings = oauthSettings(credentials);
	const isTest = Boolean(credentials.sessionToken);
	let idp = isTest ? null : storedToken(credentials);
	const reused = idp !== null;
	idp ??= await requestToken(helper, credentials, settings);
	let answer = await openSession(helper, credentials, settings, idp.token);
	if (!isSuccess(answer) && reused) {
		// The stored token may have been revoked or have expired early: one new token, one more try.
		idp = await requestToken(helper, credentials, settings);
		answer = await openSession(helper, credentials, settings, idp.token);
	}
	if (!isSuccess(answer)) {
		const type = errorTypeOf(answer);
		throw new Error(`${LOGIN_FAILED}: Vault refused the OAuth sign-in (${errorMessageOf(answer)}). ${VAULT_HINTS[type] ?? signInHintFor(type)}`);
	}
	const session = sessionAnswerOf(answer);
	if (!session) throw new Error(`${LOGIN_FAILED}: Vault's answer to the OAuth sign-in has no session ID.`);
	refuseAnotherVault(session, vaultBaseUrl(credentials.vaultDns), `the token's Vault user (ID ${session.userId ?? 'unknown'})`, 'Vault opened the session in');
	return {
		sessionToken: session.sessionId,
		sessionFingerprint: sessionFingerprintOf(credentials, session.sessionId),
		oauthAccessToken: idp.token,
		oauthTokenExpires: idp.expires,
		oauthTokenFingerprint: tokenFingerprintOf(credentials, idp.token),
	};
}

/** The stored IdP token, if it was obtained with these values and is not about to expire. */
function storedToken(credentials: OAuthCredentials): IdpToken | null {
	const token = credentials.oauthAccessToken;
	if (!token || credentials.oauthTokenFingerprint !== tokenFingerprintOf(credentials, token)) return null;
	const expires = credentials.oauthTokenExpires ?? '';
	if (expires && !(Date.parse(expires) - EXPIRY_MARGIN_MS > Date.now())) return null;
	return { token, expires };
}

interface OAuthSettings {
	tokenUrl: string;
	tokenOrigin: string;
	loginBase: string;
	profileId: string;
}

function oauthSettings(credentials: OAuthCredentials): OAuthSettings {
	const missing = [
		['Token URL', credentials.oauthTokenUrl],
		['IdP App Client ID', credentials.oauthClientId],
		['IdP App Client Secret', credentials.oauthClientSecret],
		['OAuth Profile ID', credentials.oauthProfileId],
	].filter(([, value]) => !(value ?? '').trim());
	if (missing.length) throw new Error(`${LOGIN_FAILED}: the credential has no ${missing.map(([name]) => name).join(', ')}. Enter them for OAuth 2.0 / OpenID Connect.`);
	const tokenUrl = (credentials.oauthTokenUrl ?? '').trim();
	let parsed: URL | null = null;
	try {
		parsed = new URL(tokenUrl);
	} catch {
		parsed = null;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password || parsed.hash) {
		throw new Error(`${LOGIN_FAILED}: "${tokenUrl}" is not a Token URL. Enter the identity provider's token endpoint, e.g. https://example.okta.com/oauth2/default/v1/token.`);
	}
	const loginHost = (credentials.oauthLoginHost ?? '').trim() || DEFAULT_LOGIN_HOST;
	const loginBase = baseUrlOrNull(loginHost);
	if (!loginBase) {
		throw new Error(`${LOGIN_FAILED}: "${loginHost}" is not a Vault Sign-In Host. Leave the default, ${DEFAULT_LOGIN_HOST}, unless your Vault is on another domain.`);
	}
	return { tokenUrl: parsed.toString(), tokenOrigin: parsed.origin, loginBase, profileId: (credentials.oauthProfileId ?? '').trim() };
}

/** A host or base URL as the Vault DNS takes it (https assumed), or null. */
function baseUrlOrNull(host: string): string | null {
	try {
		return vaultBaseUrl(host);
	} catch {
		return null;
	}
}

/** RFC 6749 2.3.1: client ID and secret are form-encoded before they are joined for HTTP Basic. */
function formEncoded(value: string): string {
	return new URLSearchParams({ v: value }).toString().slice(2);
}

/** A new access token from the IdP (client credentials grant), or an Error saying why not. */
async function requestToken(helper: IHttpRequestHelper, credentials: OAuthCredentials, settings: OAuthSettings): Promise<IdpToken> {
	const clientId = (credentials.oauthClientId ?? '').trim();
	const secret = credentials.oauthClientSecret ?? '';
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
	const secrets = new Set(secretsOf(credentials));
	if (credentials.oauthClientAuthentication === 'body') {
		form.set('client_id', clientId);
		form.set('client_secret', secret);
	} else {
		const basic = Buffer.from(`${formEncoded(clientId)}:${formEncoded(secret)}`).toString('base64');
		headers.Authorization = `Basic ${basic}`;
		secrets.add(basic);
	}
	const scope = (credentials.oauthScope ?? '').trim();
	if (scope) form.set('scope', scope);
	const audience = (credentials.oauthAudience ?? '').trim();
	if (audience) form.set(credentials.oauthAudienceParameter === 'resource' ? 'resource' : 'audience', audience);

	const answer = await exchange(async (options) => await helper.helpers.httpRequest(options), {
		method: 'POST',
		url: settings.tokenUrl,
		headers,
		body: form.toString(),
		timeoutMs: SIGN_IN_TIMEOUT_MS,
		// Another token is harmless: a lost answer is asked again.
		idempotent: true,
		retryRateLimit: false,
		// The client secret goes to the token URL's origin and nowhere else.
		origin: settings.tokenOrigin,
		secrets,
		parse: parseTokenAnswer,
	});
	if (answer.kind === 'failed') throw new Error(unreachedMessage(LOGIN_FAILED, answer, { name: 'the identity provider', origin: settings.tokenOrigin, fields: 'Token URL' }));
	const envelope = envelopeOf(answer, 'the answer was a file');
	if (!isSuccess(envelope)) {
		const type = errorTypeOf(envelope);
		throw new Error(`${LOGIN_FAILED}: the identity provider refused the token request (${errorMessageOf(envelope)}). ${IDP_HINTS[type] ?? 'Check the OAuth 2.0 fields of the credential.'}`);
	}
	const expiresIn = Number(envelope.expires_in);
	return {
		token: String(envelope.access_token),
		expires: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : '',
	};
}

/** Vault's answer to the OAuth session call with the IdP token. */
async function openSession(helper: IHttpRequestHelper, credentials: OAuthCredentials, settings: OAuthSettings, token: string): Promise<VaultEnvelope> {
	const form = new URLSearchParams({ vaultDNS: new URL(vaultBaseUrl(credentials.vaultDns)).host });
	const introspection = (credentials.oauthVaultClientId ?? '').trim();
	if (introspection) form.set('client_id', introspection);
	const answer = await exchange(async (options) => await helper.helpers.httpRequest(options), {
		method: 'POST',
		url: `${settings.loginBase}${SIGN_IN_PATHS.oauthSession(settings.profileId)}`,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded',
			Authorization: `Bearer ${token}`,
			'X-VaultAPI-ClientID': clientIdOf(credentials),
		},
		body: form.toString(),
		timeoutMs: SIGN_IN_TIMEOUT_MS,
		// One session per sign-in: a lost answer is not asked again.
		idempotent: false,
		retryRateLimit: false,
		// The IdP token goes to Vault's sign-in host and nowhere else.
		origin: settings.loginBase,
		secrets: new Set([...secretsOf(credentials), token]),
	});
	if (answer.kind === 'failed') throw new Error(unreachedMessage(LOGIN_FAILED, answer, { name: 'Vault\'s sign-in host', origin: settings.loginBase, fields: 'Vault Sign-In Host' }));
	return envelopeOf(answer, 'the answer was a file');
}

/** What to do about the IdP's error codes (RFC 6749 section 5.2). */
const IDP_HINTS: Record<string, string> = {
	invalid_client:
		'Check the IdP App Client ID and IdP App Client Secret (IT may have rotated or revoked the secret, or disabled the app) and the Client Authentication the app is registered for (HTTP Basic or body).',
	invalid_scope: 'Check the Scope: it must be one the app is granted at the identity provider.',
	unauthorized_client: 'The app may not use the client credentials grant: ask IT to allow it for the app.',
	unsupported_grant_type: 'The identity provider does not offer the client credentials grant at this Token URL.',
	invalid_request: 'Check the Token URL, Scope and Audience or Resource.',
	invalid_grant: 'Check the Token URL, Scope and Audience or Resource.',
};

/** What to do when Vault refuses the OAuth sign-in (see simulator/README.md, assumption 24). */
const VAULT_HINTS: Record<string, string> = {
	INVALID_DATA: 'Check the OAuth Profile ID: a Vault Admin finds it in Admin > Settings > OAuth 2.0 / OpenID Connect Profiles.',
	INVALID_SESSION_ID:
		'Vault did not accept the identity provider\'s token: check that the Token URL (issuer), Scope and Audience are those the Vault profile trusts.',
	USER_NOT_FOUND: 'No Vault user is mapped to the token\'s subject: a Vault Admin sets the integration user\'s Federated ID to it (for this grant, the app\'s client ID at most IdPs).',
};
