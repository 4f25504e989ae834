/* eslint-disable @n8n/community-nodes/no-restricted-globals --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Signing in: API versions, /auth with its own burst limit, sessions and API tokens, Client IDs.
import { randomBytes } from 'node:crypto';

import { VaultFailure, headerValue, readForm, success } from './http.ts';
import type { Caller, RequestContext, Route } from './http.ts';
import { HOUR } from './model.ts';
import type { SimState } from './state.ts';

const VAULT_SESSION_MAX_MS = 48 * HOUR;

export const SUPPORTED_VERSIONS = [
	'v21.1', 'v21.2', 'v21.3', 'v22.1', 'v22.2', 'v22.3', 'v23.1', 'v23.2', 'v23.3',
	'v24.1', 'v24.2', 'v24.3', 'v25.1', 'v25.2', 'v25.3', 'v26.1', 'v26.2',
];

export const authRoutes: Route[] = [
	{ method: 'GET', pattern: /^$/, name: 'versions', handler: async (state, ctx) => listVersions(state, ctx), public: true },
	{ method: 'POST', pattern: /^\/auth$/, name: 'auth', handler: async (state, ctx) => authenticate(state, ctx), public: true },
	{ method: 'POST', pattern: /^\/keep-alive$/, name: 'keepAlive', handler: async (state, ctx) => success(state, ctx, {}) },
	{ method: 'DELETE', pattern: /^\/session$/, name: 'endSession', handler: async (state, ctx) => endSession(state, ctx) },
];

export function listVersions(state: SimState, ctx: RequestContext): Promise<void> {
	const base = `http://${headerValue(ctx.req, 'host') ?? 'localhost'}/api`;
	return success(state, ctx, { values: Object.fromEntries(SUPPORTED_VERSIONS.map((version) => [version, `${base}/${version}`])) });
}

async function authenticate(state: SimState, ctx: RequestContext): Promise<void> {
	const { fields } = await readForm(ctx);
	const username = fields.username ?? '';
	const password = fields.password ?? '';
	if (!username || !password) {
		throw new VaultFailure(password ? 'USERNAME_OR_PASSWORD_INCORRECT' : 'NO_PASSWORD_PROVIDED', 'Authentication failed for user: ' + username, { errorType: 'AUTHENTICATION_FAILED' });
	}
	await countAuthBurst(state, username);
	const user = state.users.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
	if (!user || user.password !== password) {
		throw new VaultFailure('USERNAME_OR_PASSWORD_INCORRECT', `Authentication failed for user: ${username}.`, { errorType: 'AUTHENTICATION_FAILED' });
	}
	if (!user.active) throw new VaultFailure('INACTIVE_USER', 'User is inactive or not found.', { errorType: 'AUTHENTICATION_FAILED' });

	const requestHost = headerValue(ctx.req, 'host') ?? '';
	const requestedHost = (fields.vaultDNS || requestHost).toLowerCase();
	const vaultIds = state.vaults
		.filter((vault) => user.vaultIds.includes(vault.id))
		.map((vault) => ({ id: vault.id, name: vault.name, url: `${vault.host ? 'https' : 'http'}://${vault.host ?? requestHost}/api` }));
	// Vault logs the user into the requested Vault when they may use it, and silently into
	// another of their Vaults when they may not.
	const requested = vaultIds.find((vault) => new URL(vault.url).host.toLowerCase() === requestedHost);
	const vaultId = (requested ?? vaultIds[0]).id;

	const sessionId = randomBytes(48).toString('hex').toUpperCase();
	const now = state.now();
	state.vaultSessions.set(sessionId, { userId: user.id, created: now, lastUsed: now });
	ctx.record.userId = user.id;
	return success(state, ctx, { sessionId, userId: user.id, vaultIds, vaultId });
}

async function countAuthBurst(state: SimState, username: string): Promise<void> {
	const now = state.now();
	const key = username.toLowerCase();
	let window = state.authWindows.get(key);
	if (!window || now - window.start >= 60_000) {
		window = { start: now, count: 0 };
		state.authWindows.set(key, window);
	}
	window.count++;
	if (window.count > state.options.authBurstLimit) {
		throw new VaultFailure('API_LIMIT_EXCEEDED', 'You have exceeded the maximum number of authentication API calls allowed in a one minute period.');
	}
	if (window.count > state.options.authBurstLimit / 2) await new Promise((resolve) => setTimeout(resolve, state.options.responseDelayMs));
}

function endSession(state: SimState, ctx: RequestContext): Promise<void> {
	const credential = headerValue(ctx.req, 'authorization')?.replace(/^Bearer\s+/i, '').trim() ?? '';
	state.vaultSessions.delete(credential);
	return success(state, ctx, {});
}

export function checkClientId(state: SimState, clientId: string | null): void {
	if (clientId !== null && !/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
		throw new VaultFailure('INVALID_DATA', 'Invalid client ID: use up to 100 letters, digits, periods, underscores and hyphens.');
	}
	const allowed = state.options.allowedClientIds;
	if (allowed && (clientId === null || !allowed.includes(clientId))) {
		throw new VaultFailure('INSUFFICIENT_ACCESS', 'Client ID filtering is enabled and this client ID is not allowed.');
	}
}

export function authorize(state: SimState, ctx: RequestContext): Caller {
	const header = headerValue(ctx.req, 'authorization');
	const credential = header?.replace(/^Bearer\s+/i, '').trim();
	if (!credential) throw new VaultFailure('INVALID_SESSION_ID', 'Invalid or expired session ID.');
	const now = state.now();
	let userId: number | undefined;
	const tokenUser = state.apiTokens[credential];
	if (tokenUser !== undefined) {
		userId = tokenUser;
	} else {
		const session = state.vaultSessions.get(credential);
		const idleMs = state.options.sessionIdleMinutes * 60 * 1000;
		if (session && (now - session.lastUsed > idleMs || now - session.created > VAULT_SESSION_MAX_MS)) {
			state.vaultSessions.delete(credential);
		} else if (session) {
			session.lastUsed = now;
			userId = session.userId;
		}
	}
	const user = state.users.find((candidate) => candidate.id === userId);
	if (!user) throw new VaultFailure('INVALID_SESSION_ID', 'Invalid or expired session ID.');
	ctx.record.authorized = true;
	ctx.record.userId = user.id;
	if (!user.active) throw new VaultFailure('INACTIVE_USER', 'User is inactive or not found.');
	if (!user.apiAccess) throw new VaultFailure('INSUFFICIENT_ACCESS', 'User does not have sufficient privileges to perform the action.');
	return { user };
}
