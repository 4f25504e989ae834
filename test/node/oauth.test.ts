// Signing in with OAuth 2.0 / OpenID Connect (#19), through n8n's execution engine over HTTP: the
// simulator's identity provider and Vault's OAuth sign-in host are origins of their own.
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { CREDENTIAL_ID, runVaultNode, testCredential } from '../harness/engine';
import type { CredentialStore, RunResult } from '../harness/engine';
import {
	ADMIN,
	OAUTH_CLIENT,
	OAUTH_ELSEWHERE_CLIENT,
	OAUTH_UNMAPPED_CLIENT,
	listAll,
	oauthCredentials,
	startSimulator,
} from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator({ oauth: true });
});
afterEach(async () => {
	await simulator.stop();
});

/** Everything an execution exposes: items and the error with all of its fields. */
function exposed(result: RunResult): string {
	const error = result.error ? { ...result.error, message: result.error.message, description: result.error.description } : null;
	return JSON.stringify({ items: result.items, error });
}

const signInCalls = () => ({ idp: simulator.count('idpToken'), vault: simulator.count('oauthSession'), auth: simulator.count('auth') });

async function listed(credentials: CredentialStore): Promise<void> {
	const { items, error } = await runVaultNode(credentials, { parameters: listAll });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(3);
}

describe('sign-in and reuse', () => {
	test('the first execution gets one IdP token and opens one Vault session with it; later executions call neither', async () => {
		const credentials = oauthCredentials(simulator);
		for (let run = 0; run < 3; run++) await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 1, vault: 1, auth: 0 });
		expect(simulator.count('listUploadSessions')).toBe(3);
		expect(simulator.requests.filter((request) => request.route === 'listUploadSessions').every((request) => request.userId === ADMIN.id)).toBe(true);
		const stored = credentials.get(CREDENTIAL_ID)!;
		expect(stored.sessionToken).toMatch(/^[0-9A-F]{96}$/);
		expect(stored.oauthAccessToken).toEqual(expect.any(String));
		expect(Date.parse(String(stored.oauthTokenExpires))).toBeGreaterThan(Date.now() + 3500 * 1000);
	});

	test('the client authenticates with HTTP Basic by default, in the body when asked', async () => {
		await listed(oauthCredentials(simulator));
		await listed(oauthCredentials(simulator, OAUTH_CLIENT, { oauthClientAuthentication: 'body' }));
		expect(simulator.requests.filter((request) => request.route === 'idpToken').map((request) => request.oauth)).toEqual(['basic', 'body']);
	});

	test('Vault\'s sign-in gets the Client ID header, and client_id when a Vault client ID for introspection is set', async () => {
		await listed(oauthCredentials(simulator, OAUTH_CLIENT, { oauthVaultClientId: 'vault-introspector', clientId: 'acme-qa' }));
		const session = simulator.requests.find((request) => request.route === 'oauthSession')!;
		expect([session.oauth, session.clientId]).toEqual(['vault-introspector', 'acme-qa']);
	});

	test('many executions at once without a session make one sign-in', async () => {
		const credentials = oauthCredentials(simulator);
		const results = await Promise.all(Array.from({ length: 5 }, async () => await runVaultNode(credentials, { parameters: listAll })));
		expect(results.map((result) => result.error)).toEqual(Array(5).fill(undefined));
		expect(signInCalls()).toEqual({ idp: 1, vault: 1, auth: 0 });
	});
});

describe('renewal', () => {
	test('when Vault ends the session: one new session with the stored IdP token, no IdP call', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		const first = credentials.get(CREDENTIAL_ID)!.sessionToken;
		simulator.expireSessions();
		await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 1, vault: 2, auth: 0 });
		expect(credentials.get(CREDENTIAL_ID)!.sessionToken).not.toEqual(first);
		await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 1, vault: 2, auth: 0 });
	});

	test('when the session ended and the stored IdP token has expired: a new IdP token, then one session', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		const firstToken = credentials.get(CREDENTIAL_ID)!.oauthAccessToken;
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), oauthTokenExpires: new Date(Date.now() - 1000).toISOString() });
		simulator.expireSessions();
		await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 2, vault: 2, auth: 0 });
		expect(simulator.requests.filter((request) => request.route === 'oauthSession').map((request) => request.responseStatus)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(credentials.get(CREDENTIAL_ID)!.oauthAccessToken).not.toEqual(firstToken);
	});

	test('when Vault refuses a stored IdP token that looked valid: one new IdP token and one more try', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		simulator.expireIdpTokens();
		simulator.expireSessions();
		await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 2, vault: 3, auth: 0 });
		await listed(credentials);
		expect(signInCalls()).toEqual({ idp: 2, vault: 3, auth: 0 });
	});

	test('a client IT disabled fails the renewal with the IdP\'s reason, without looping', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		simulator.refuseClient(OAUTH_CLIENT.clientId);
		simulator.expireSessions();
		const { error, items } = await runVaultNode(credentials, { parameters: listAll });
		expect(items).toEqual([]);
		expect(error?.message).toContain('the identity provider refused the token request');
		expect(error?.message).toContain('invalid_client');
		expect(signInCalls()).toEqual({ idp: 2, vault: 2, auth: 0 });
	});

	test('a stored session is not reused after the OAuth settings change', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), oauthClientId: OAUTH_UNMAPPED_CLIENT.clientId, oauthClientSecret: OAUTH_UNMAPPED_CLIENT.clientSecret });
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain('USER_NOT_FOUND');
		expect(signInCalls()).toEqual({ idp: 2, vault: 2, auth: 0 });
	});
});

describe('each refusal says which side refused and why', () => {
	test.each([
		['a wrong client secret', OAUTH_CLIENT, { oauthClientSecret: 'not-the-client-secret' }, ['the identity provider refused the token request', 'invalid_client', 'Check the IdP App Client ID and IdP App Client Secret'], { idp: 1, vault: 0 }],
		['a scope the app was not granted', OAUTH_CLIENT, { oauthScope: 'veeva.vault admin' }, ['the identity provider refused the token request', 'invalid_scope', 'Check the Scope'], { idp: 1, vault: 0 }],
		['an unknown profile', OAUTH_CLIENT, { oauthProfileId: 'no-such-profile' }, ['Vault refused the OAuth sign-in', 'INVALID_DATA', 'profile not found: no-such-profile', 'Check the OAuth Profile ID'], { idp: 1, vault: 1 }],
		['a token for another audience', OAUTH_CLIENT, { oauthAudience: 'api://another-app' }, ['Vault refused the OAuth sign-in', 'INVALID_SESSION_ID', 'the audience api://another-app'], { idp: 1, vault: 1 }],
		['a client no Vault user is mapped to', OAUTH_UNMAPPED_CLIENT, {}, ['Vault refused the OAuth sign-in', 'USER_NOT_FOUND', 'Federated ID'], { idp: 1, vault: 1 }],
		['a session opened in another Vault', OAUTH_ELSEWHERE_CLIENT, {}, [`cannot use the Vault at ${'HOST'}`, '"Other Vault"'], { idp: 1, vault: 1 }],
	])('%s', async (_case, client, extra, words, calls) => {
		const credentials = oauthCredentials(simulator, client, extra);
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.items).toEqual([]);
		for (const word of words) expect(result.error?.message).toContain(word.replace('HOST', new URL(simulator.baseUrl).host));
		expect(signInCalls()).toEqual({ ...calls, auth: 0 });
		expect(simulator.count('listUploadSessions')).toBe(0);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).toBeUndefined();
		expect(exposed(result)).not.toContain(client.clientSecret);
	});
});

describe('each secret goes only where it belongs', () => {
	let elsewhere: VaultSimulator;
	beforeEach(async () => {
		elsewhere = await startSimulator();
	});
	afterEach(async () => {
		await elsewhere.stop();
	});

	test.each([
		['the token request (client secret)', 'idp' as const, '/oauth2/token'],
		['Vault\'s sign-in (IdP token)', 'login' as const, '/auth/oauth/session'],
	])('a redirect of %s to another origin is not followed', async (_case, host, path) => {
		simulator.injectFault({ kind: 'redirect', host, path, status: 307, location: `${elsewhere.baseUrl}/api/v25.2/auth` });
		const result = await runVaultNode(oauthCredentials(simulator), { parameters: listAll });
		expect(result.error?.message).toContain(`another host (${elsewhere.baseUrl})`);
		expect(elsewhere.requests).toHaveLength(0);
		expect(simulator.count('listUploadSessions')).toBe(0);
	});

	test('a sign-in calls the IdP and Vault\'s sign-in host once each, then the Vault DNS only', async () => {
		await listed(oauthCredentials(simulator));
		// The sign-in rides on Vault's list of API versions, which carries no secret.
		expect(simulator.requests.map((request) => request.route)).toEqual(['idpToken', 'oauthSession', 'versions', 'listUploadSessions']);
	});

	test('secrets echoed by the IdP or by Vault\'s sign-in are redacted from errors and items', async () => {
		const results: RunResult[] = [];
		for (const clientAuthentication of ['basic', 'body']) {
			simulator.injectFault({ kind: 'echoCredentials', host: 'idp', path: '/oauth2/token' });
			results.push(await runVaultNode(oauthCredentials(simulator, OAUTH_CLIENT, { oauthClientAuthentication: clientAuthentication }), { parameters: listAll }));
		}
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		const idpToken = String(credentials.get(CREDENTIAL_ID)!.oauthAccessToken);
		const sessionId = String(credentials.get(CREDENTIAL_ID)!.sessionToken);
		simulator.expireSessions();
		// Twice: a refused stored token is replaced once, and the new one is echoed too.
		simulator.injectFault({ kind: 'echoCredentials', host: 'login', path: '/auth/oauth/session', errorType: 'INVALID_DATA', times: 2 });
		results.push(await runVaultNode(credentials, { parameters: listAll }));
		simulator.injectFault({ kind: 'echoCredentials', path: '/services', errorType: 'INVALID_DATA' });
		results.push(await runVaultNode(credentials, { parameters: listAll, onError: 'continueRegularOutput' }));

		expect(results.filter((result) => result.error)).toHaveLength(3);
		expect(results.map(exposed).join('\n')).toContain('[redacted]');
		const everything = results.map(exposed).join('\n');
		const basic = Buffer.from(`${OAUTH_CLIENT.clientId}:${OAUTH_CLIENT.clientSecret}`).toString('base64');
		const issued = [...simulator.idpTokens.keys(), ...simulator.vaultSessions.keys()];
		expect(simulator.idpTokens.size).toBe(2);
		for (const secret of [OAUTH_CLIENT.clientSecret, basic, idpToken, sessionId, ...issued]) {
			expect(everything).not.toContain(secret);
		}
	});
});

describe('credential test', () => {
	test('passes with the right client secret: a token from the IdP and a Vault session with it', async () => {
		const credentials = oauthCredentials(simulator);
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests.map((request) => [request.route, request.responseStatus]).slice(0, 2)).toEqual([
			['idpToken', 'SUCCESS'],
			['oauthSession', 'SUCCESS'],
		]);
	});

	test('fails with a wrong client secret, saying the IdP refused it, also for a saved credential with a working session', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), oauthClientSecret: 'not-the-client-secret' });
		const result = await testCredential(credentials);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('invalid_client');
		expect(result.message).not.toContain('not-the-client-secret');
	});

	test('after IT rotated the secret it fails, although the stored IdP token and session still work', async () => {
		const credentials = oauthCredentials(simulator);
		await listed(credentials);
		simulator.oauthClients[0].clientSecret = 'rotated-by-it';
		const result = await testCredential(credentials);
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('the identity provider refused the token request (invalid_client') });
	});
});
