/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Signing in with OAuth 2.0 / OpenID Connect, on two origins of their own: an identity provider
// stand-in (a token endpoint for the client credentials grant, answering errors as RFC 6749
// section 5.2 says) and Vault's sign-in host (`POST /auth/oauth/session/{profile id}`, which takes
// the identity provider's access token and opens a Vault session, as /auth does).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { applyFault, takeFault } from './faults.ts';
import { VaultFailure, headerValue, readForm, sendJson } from './http.ts';
import type { RequestContext } from './http.ts';
import type { RequestRecord } from './model.ts';
import type { SimState } from './state.ts';

/** Where the two OAuth hosts and the Vault itself are reached. */
export interface OAuthOrigins {
	idpUrl: string;
	vaultHost: string;
}

export const IDP_TOKEN_PATH = '/oauth2/token';
export const OAUTH_SESSION_PATH = /^\/auth\/oauth\/session\/([^/]+)$/;

function newRecord(state: SimState, req: IncomingMessage, url: URL, route: string): RequestRecord {
	const record: RequestRecord = {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: '',
		route,
		clientId: headerValue(req, 'x-vaultapi-clientid'),
		authorized: false,
		userId: null,
		responseStatus: null,
		contentMd5: null,
		startedAt: Date.now(),
		finishedAt: null,
	};
	state.requests.push(record);
	return record;
}

/** A fault asked for this host (`host` in the fault), applied as on the Vault; true when it answered. */
async function faultAnswered(state: SimState, host: 'idp' | 'login', req: IncomingMessage, res: ServerResponse, url: URL, record: RequestRecord): Promise<boolean> {
	const fault = takeFault(state, record.method, url.pathname, host);
	if (!fault) return false;
	const ctx: RequestContext = { req, res, url, version: '', apiPath: url.pathname, caller: null, record };
	return await applyFault(state, fault, ctx);
}

// ---------------------------------------------------------------- the identity provider

class OAuthError extends Error {
	readonly error: string;
	readonly description: string;
	readonly status: number;
	constructor(error: string, description: string, status = 400) {
		super(description);
		this.error = error;
		this.description = description;
		this.status = status;
	}
}

export async function handleIdp(state: SimState, origins: OAuthOrigins, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://idp.invalid');
	const record = newRecord(state, req, url, 'idpToken');
	if (req.method !== 'POST' || url.pathname !== IDP_TOKEN_PATH) {
		record.route = 'unknown';
		req.resume();
		return sendJson(res, 404, { error: 'not_found', error_description: `No endpoint ${req.method} ${url.pathname}` });
	}
	if (await faultAnswered(state, 'idp', req, res, url, record)) return;
	const { fields } = await readForm({ req, res, url, version: '', apiPath: '', caller: null, record });
	try {
		const basic = clientFromBasic(headerValue(req, 'authorization'));
		if (basic && (fields.client_secret !== undefined || (fields.client_id !== undefined && fields.client_id !== basic.id))) {
			// RFC 6749 2.3.1: a client must not use more than one way to authenticate in a request.
			throw new OAuthError('invalid_request', 'The client authenticated in more than one way.');
		}
		record.oauth = basic ? 'basic' : 'body';
		const clientId = basic?.id ?? fields.client_id ?? '';
		const secret = basic?.secret ?? fields.client_secret ?? '';
		if (fields.grant_type !== 'client_credentials') {
			throw fields.grant_type
				? new OAuthError('unsupported_grant_type', `The grant type ${fields.grant_type} is not supported.`)
				: new OAuthError('invalid_request', 'The request has no grant_type.');
		}
		const client = state.oauthClients.find((candidate) => candidate.clientId === clientId);
		if (!client || client.clientSecret !== secret || state.refusedClients.has(clientId)) {
			// 401 (with WWW-Authenticate when the client used HTTP Basic), as RFC 6749 5.2 says.
			const error = new OAuthError('invalid_client', state.refusedClients.has(clientId) ? 'The client is deactivated.' : 'Client authentication failed.', 401);
			throw error;
		}
		const scopes = (fields.scope ?? '').split(/\s+/).filter(Boolean);
		const unknown = scopes.filter((scope) => !client.scopes.includes(scope));
		if (unknown.length) throw new OAuthError('invalid_scope', `The scope ${unknown.join(' ')} is not granted to this client.`);
		const audience = fields.audience || fields.resource || client.audience;
		const token = randomBytes(32).toString('base64url');
		const lifetime = state.options.idpTokenLifetimeSeconds;
		const scope = (scopes.length ? scopes : client.scopes).join(' ');
		state.idpTokens.set(token, { clientId, issuer: origins.idpUrl, audience, scope, expires: state.now() + lifetime * 1000 });
		record.responseStatus = 'SUCCESS';
		return sendJson(res, 200, { token_type: 'Bearer', expires_in: lifetime, access_token: token, scope }, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
	} catch (error) {
		if (!(error instanceof OAuthError)) throw error;
		record.responseStatus = error.error;
		const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
		if (error.status === 401) headers['WWW-Authenticate'] = 'Basic realm="simulated-idp"';
		return sendJson(res, error.status, { error: error.error, error_description: error.description }, headers);
	}
}

function clientFromBasic(header: string | null): { id: string; secret: string } | null {
	const encoded = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
	if (!encoded) return null;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return null;
	// RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
	const unescape = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
	return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

// ---------------------------------------------------------------- Vault's OAuth sign-in

export async function handleLogin(state: SimState, origins: OAuthOrigins, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://login.invalid');
	const record = newRecord(state, req, url, 'oauthSession');
	const match = OAUTH_SESSION_PATH.exec(url.pathname);
	if (!match || req.method !== 'POST') {
		record.route = 'unknown';
		req.resume();
		return sendJson(res, 404, { responseStatus: 'FAILURE', errors: [{ type: 'MALFORMED_URL', message: 'The resource cannot be found.' }] });
	}
	if (await faultAnswered(state, 'login', req, res, url, record)) return;
	const ctx: RequestContext = { req, res, url, version: '', apiPath: url.pathname, caller: null, record };
	try {
		const { fields } = await readForm(ctx);
		if (fields.client_id) record.oauth = fields.client_id;
		const answer = openSession(state, origins, decodeURIComponent(match[1]), headerValue(req, 'authorization'), fields.vaultDNS);
		record.userId = answer.userId;
		record.responseStatus = 'SUCCESS';
		return sendJson(res, 200, { responseStatus: 'SUCCESS', ...answer }, { 'X-VaultAPI-Status': 'SUCCESS' });
	} catch (error) {
		if (!(error instanceof VaultFailure)) throw error;
		req.resume();
		record.responseStatus = error.status;
		return sendJson(
			res,
			200,
			{ responseStatus: error.status, errors: [{ type: error.type, message: error.message }], ...(error.errorType ? { errorType: error.errorType } : {}) },
			{ 'X-VaultAPI-Status': error.status },
		);
	}
}

const AUTH_FAILED = { errorType: 'AUTHENTICATION_FAILED' };

function openSession(state: SimState, origins: OAuthOrigins, profileId: string, authorization: string | null, vaultDns: string | undefined) {
	const profile = state.oauthProfiles.find((candidate) => candidate.id === profileId);
	if (!profile) throw new VaultFailure('INVALID_DATA', `OAuth 2.0 / OpenID Connect profile not found: ${profileId}.`, AUTH_FAILED);
	const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
	if (!bearer) throw new VaultFailure('INVALID_SESSION_ID', 'No access token: send the identity provider\'s access token as Authorization: Bearer.', AUTH_FAILED);
	const token = state.idpTokens.get(bearer);
	const refuse = (why: string) => new VaultFailure('INVALID_SESSION_ID', `Invalid access token: ${why}.`, AUTH_FAILED);
	if (!token) throw refuse('the token is unknown to the identity provider or was revoked');
	if (token.issuer !== (profile.issuer ?? origins.idpUrl)) throw refuse(`the issuer ${token.issuer} is not this profile's`);
	if (token.audience !== profile.audience) throw refuse(`the audience ${token.audience} is not this profile's (${profile.audience})`);
	if (token.expires <= state.now()) throw refuse('the token has expired');

	const user = state.users.find((candidate) => candidate.federatedId === token.clientId);
	if (!user) throw new VaultFailure('USER_NOT_FOUND', `No Vault user has the Federated ID ${token.clientId}.`, AUTH_FAILED);
	if (!user.active) throw new VaultFailure('INACTIVE_USER', 'User is inactive or not found.', AUTH_FAILED);

	const vaultIds = state.vaults
		.filter((vault) => user.vaultIds.includes(vault.id))
		.map((vault) => ({ id: vault.id, name: vault.name, url: `${vault.host ? 'https' : 'http'}://${vault.host ?? origins.vaultHost}/api` }));
	// As /auth: the requested Vault when the user may use it, else silently another of theirs
	// (without vaultDNS, "the user's most relevant available Vault": the first).
	const requested = vaultDns ? vaultIds.find((vault) => new URL(vault.url).host.toLowerCase() === vaultDns.toLowerCase()) : undefined;
	const vaultId = (requested ?? vaultIds[0]).id;
	const sessionId = randomBytes(48).toString('hex').toUpperCase();
	const now = state.now();
	state.vaultSessions.set(sessionId, { userId: user.id, created: now, lastUsed: now });
	return { sessionId, userId: user.id, vaultIds, vaultId };
}
