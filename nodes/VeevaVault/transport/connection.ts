// Pure helpers that turn what a user typed into the credential into request targets.

export const DEFAULT_CLIENT_ID = 'n8n-nodes-veeva-vault';
export const DEFAULT_API_VERSION = 'v25.2';
export const CREDENTIAL_TYPE = 'veevaVaultApi';

export interface VeevaVaultCredentials {
	vaultDns: string;
	apiVersion: string;
	authMethod: 'password' | 'token' | 'oauth';
	username?: string;
	password?: string;
	accessToken?: string;
	clientId?: string;
	/** The Vault session ID from /auth, stored by n8n (the field's name marks it as a secret). */
	sessionToken?: string;
	sessionFingerprint?: string;
	/** OAuth 2.0 / OpenID Connect: the identity provider's token endpoint and app, and Vault's profile. */
	oauthTokenUrl?: string;
	oauthClientId?: string;
	oauthClientSecret?: string;
	oauthScope?: string;
	oauthAudience?: string;
	oauthAudienceParameter?: 'audience' | 'resource';
	oauthClientAuthentication?: 'basic' | 'body';
	oauthProfileId?: string;
	oauthVaultClientId?: string;
	/** Vault's OAuth sign-in host (login.veevavault.com). */
	oauthLoginHost?: string;
	/** The identity provider's access token, its expiry (ISO date) and fingerprint, stored by n8n. */
	oauthAccessToken?: string;
	oauthTokenExpires?: string;
	oauthTokenFingerprint?: string;
	/** The credential's expirable field: n8n runs preAuthentication before a request whose
	 * credentials have it empty (see ../transport/signIn). */
	signInTrigger?: string;
}

const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * Turns `myvault.veevavault.com`, `https://myvault.veevavault.com/api/` or
 * `http://127.0.0.1:8123` into a base URL without a trailing slash (`https://host[:port]`).
 */
export function vaultBaseUrl(vaultDns: string): string {
	const raw = (vaultDns ?? '').trim();
	if (!raw) {
		throw new Error('The Vault DNS is empty. Enter your Vault\'s host name, e.g. myvault.veevavault.com.');
	}
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw invalidDns(raw);
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (
		(url.protocol !== 'https:' && url.protocol !== 'http:') ||
		url.username ||
		url.password ||
		url.search ||
		url.hash ||
		!HOST_PATTERN.test(url.host) ||
		!/^(\/api)?$/i.test(path)
	) {
		throw invalidDns(raw);
	}
	return `${url.protocol}//${url.host.toLowerCase()}`;
}

function invalidDns(raw: string): Error {
	// A user name and password typed into the URL (https://user:secret@host) never reach a message.
	const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, (_, scheme: string | undefined) => `${scheme ?? ''}…@`);
	return new Error(
		`"${shown}" is not a Vault DNS. Enter the Vault's host name (myvault.veevavault.com) or its base URL (https://myvault.veevavault.com), without a user name or password.`,
	);
}

export function validApiVersion(apiVersion: string): string {
	const version = (apiVersion ?? '').trim();
	if (!/^v\d+\.\d+$/.test(version)) {
		throw new Error(`"${apiVersion}" is not a Vault API version. Use the form v25.2.`);
	}
	return version;
}

export function apiBaseUrl(credentials: Pick<VeevaVaultCredentials, 'vaultDns' | 'apiVersion'>): string {
	return `${vaultBaseUrl(credentials.vaultDns)}/api/${validApiVersion(credentials.apiVersion)}`;
}

export function clientIdOf(credentials: Pick<VeevaVaultCredentials, 'clientId'>): string {
	return (credentials.clientId ?? '').trim() || DEFAULT_CLIENT_ID;
}

/** Host (with port) of an absolute URL, lower-cased; null when it is not an absolute URL. */
export function hostOf(url: string): string | null {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return null;
	}
}
