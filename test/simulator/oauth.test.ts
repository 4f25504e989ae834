// The simulator's OAuth 2.0 / OpenID Connect hosts over HTTP: the identity provider stand-in
// (RFC 6749 client credentials and error answers) and Vault's OAuth session endpoint.
import { defaultOAuthClients, defaultOAuthProfiles } from '../../simulator/seed.ts';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { ADMIN, ELSEWHERE, startSimulator } from '../harness/vault';

const [CLIENT, ELSEWHERE_CLIENT, UNMAPPED_CLIENT] = defaultOAuthClients;
const PROFILE = defaultOAuthProfiles[0].id;

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator({ oauth: true });
});
afterEach(async () => {
	await simulator.stop();
});

async function tokenRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
	const response = await fetch(simulator.idpTokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function tokenFor(client = CLIENT): Promise<string> {
	const { body } = await tokenRequest({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
	return String(body.access_token);
}

async function openSession(token: string, { profile = PROFILE, vaultDNS = new URL(simulator.baseUrl).host } = {}) {
	const response = await fetch(`${simulator.loginUrl}/auth/oauth/session/${profile}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ vaultDNS }).toString(),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown> & { errors?: Array<{ type: string; message: string }> };
}

describe('the identity provider stand-in', () => {
	test('is an origin of its own, as is Vault\'s sign-in host', () => {
		const origins = new Set([simulator.baseUrl, simulator.idpUrl, simulator.loginUrl].map((url) => new URL(url).origin));
		expect(origins.size).toBe(3);
	});

	test('issues an expiring bearer token to a registered client authenticating in the body or with HTTP Basic', async () => {
		const inBody = await tokenRequest({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, scope: 'veeva.vault' });
		expect(inBody).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, scope: 'veeva.vault', access_token: expect.any(String) } });
		expect(inBody.headers.get('cache-control')).toBe('no-store');
		const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
		const withBasic = await tokenRequest({ grant_type: 'client_credentials' }, { Authorization: `Basic ${basic}` });
		expect(withBasic.status).toBe(200);
		expect(simulator.requests.map((request) => [request.route, request.oauth, request.responseStatus])).toEqual([
			['idpToken', 'body', 'SUCCESS'],
			['idpToken', 'basic', 'SUCCESS'],
		]);
	});

	test.each([
		['a wrong client secret', { client_secret: 'wrong' }, 401, 'invalid_client', 'Client authentication failed.'],
		['an unknown client', { client_id: 'nobody' }, 401, 'invalid_client', 'Client authentication failed.'],
		['a scope not granted', { scope: 'veeva.vault admin' }, 400, 'invalid_scope', 'The scope admin is not granted to this client.'],
		['another grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', 'The grant type password is not supported.'],
	])('answers %s with RFC 6749\'s error', async (_case, change, status, error, description) => {
		const answer = await tokenRequest({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...change });
		expect(answer).toMatchObject({ status, body: { error, error_description: description } });
	});

	test('refuses a client the control API refuses, and its tokens stop working', async () => {
		const token = await tokenFor();
		simulator.refuseClient(CLIENT.clientId);
		expect((await tokenRequest({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret })).body).toMatchObject({
			error: 'invalid_client',
			error_description: 'The client is deactivated.',
		});
		expect((await openSession(token)).errors?.[0].type).toBe('INVALID_SESSION_ID');
	});
});

describe('Vault\'s OAuth session endpoint', () => {
	test('opens a session like /auth does, and the session works on the Vault', async () => {
		const answer = await openSession(await tokenFor());
		expect(answer).toMatchObject({
			responseStatus: 'SUCCESS',
			sessionId: expect.stringMatching(/^[0-9A-F]{96}$/),
			userId: ADMIN.id,
			vaultId: 1000,
			vaultIds: [
				{ id: 1000, name: 'Simulated Vault', url: `${simulator.baseUrl}/api` },
				{ id: 2000, name: 'Other Vault', url: 'https://other-vault.veevavault.example/api' },
			],
		});
		const list = await fetch(`${simulator.baseUrl}/api/v25.2/services/file_staging/upload`, { headers: { Authorization: String(answer.sessionId) } });
		expect(((await list.json()) as { responseStatus: string }).responseStatus).toBe('SUCCESS');
	});

	test('logs a user who may not use the requested Vault into another of theirs, silently', async () => {
		const answer = await openSession(await tokenFor(ELSEWHERE_CLIENT));
		expect(answer).toMatchObject({ responseStatus: 'SUCCESS', userId: ELSEWHERE.id, vaultId: 2000 });
	});

	test.each([
		['an unknown profile', async () => await openSession(await tokenFor(), { profile: 'no-such-profile' }), 'INVALID_DATA', /profile not found: no-such-profile/],
		['a token the IdP never issued', async () => await openSession('made-up-token'), 'INVALID_SESSION_ID', /unknown to the identity provider/],
		['a client no Vault user is mapped to', async () => await openSession(await tokenFor(UNMAPPED_CLIENT)), 'USER_NOT_FOUND', /Federated ID vault-sim-unmapped/],
	])('refuses %s with Vault\'s envelope', async (_case, attempt, type, message) => {
		const answer = await attempt();
		expect(answer).toMatchObject({ responseStatus: 'FAILURE', errorType: 'AUTHENTICATION_FAILED', errors: [{ type, message: expect.stringMatching(message) }] });
	});

	test('refuses a token that expired, by its lifetime or by the control API', async () => {
		const token = await tokenFor();
		simulator.advanceClock(3601 * 1000);
		expect((await openSession(token)).errors?.[0].message).toContain('the token has expired');
		const second = await tokenFor();
		simulator.expireIdpTokens();
		expect((await openSession(second)).errors?.[0].message).toContain('the token has expired');
	});

	test('refuses a token for another audience', async () => {
		const { body } = await tokenRequest({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, audience: 'api://another-app' });
		expect((await openSession(String(body.access_token))).errors?.[0].message).toContain('the audience api://another-app is not this profile\'s');
	});

	test('a profile registered through the control API with another issuer refuses this IdP\'s tokens', async () => {
		await fetch(`${simulator.baseUrl}/_sim/oauth/profiles`, {
			method: 'POST',
			body: JSON.stringify({ id: 'other-idp', name: 'Other IdP', issuer: 'https://idp.example', audience: defaultOAuthProfiles[0].audience }),
		});
		expect((await openSession(await tokenFor(), { profile: 'other-idp' })).errors?.[0].message).toContain('is not this profile\'s');
	});
});
