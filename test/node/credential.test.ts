import type { ICredentialType } from 'n8n-workflow';

import { VeevaVaultApi } from '../../credentials/VeevaVaultApi.credentials';
import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';
import { VeevaVaultTrigger } from '../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { defaultApiTokens } from '../../simulator/seed.ts';
import { CREDENTIAL_ID, runVaultNode, testCredential } from '../harness/engine';
import { ADMIN, NO_API, listAll, passwordCredentials, startSimulator, tokenCredentials } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

describe('credential test (the Test button in n8n)', () => {
	test('logs in with the values in the dialog; a new credential also stores the session the node will reuse', async () => {
		const credentials = passwordCredentials(simulator);
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		// n8n logs in first because no session is stored yet; the test's own login follows.
		expect(simulator.requests.map((request) => [request.route, request.responseStatus])).toEqual([
			['auth', 'SUCCESS'],
			['auth', 'SUCCESS'],
		]);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).toMatch(/^[0-9A-F]{96}$/);
	});

	test('a saved credential edited to a wrong password fails, although its stored session still works', async () => {
		const credentials = passwordCredentials(simulator);
		expect((await runVaultNode(credentials, { parameters: listAll })).error).toBeUndefined();
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), password: 'not-the-password' });
		const result = await testCredential(credentials);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('USERNAME_OR_PASSWORD_INCORRECT');
		expect(simulator.count('auth')).toBe(2);
	});

	test('after Vault ended the session, a password user is never told about access tokens, and a fixed password passes', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.expireSessions();
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), password: 'typo' });
		const wrong = await testCredential(credentials);
		expect(wrong.status).toBe('Error');
		expect(wrong.message).not.toMatch(/token/i);
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), password: ADMIN.password });
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test.each([
		['with a trailing slash and /api', (base: string) => ` ${base}/api/ `],
		['with trailing slashes', (base: string) => `${base}//`],
	])('passes when the DNS is written %s', async (_case, write) => {
		const credentials = passwordCredentials(simulator, ADMIN, { vaultDns: write(simulator.baseUrl) });
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('fails with Vault\'s reason for a wrong password', async () => {
		const credentials = passwordCredentials(simulator, { ...ADMIN, password: 'wrong' });
		const result = await testCredential(credentials);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('USERNAME_OR_PASSWORD_INCORRECT');
		expect(result.message).toContain('Check the username and password');
	});

	test('fails when nothing answers at the DNS', async () => {
		const other = await startSimulator();
		const deadUrl = other.baseUrl;
		await other.stop();
		const result = await testCredential(passwordCredentials(simulator, ADMIN, { vaultDns: deadUrl }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`could not reach ${deadUrl}`);
	});

	test('fails for a token whose user lacks API access, naming the permissions', async () => {
		const vault = await startSimulator({ apiTokens: { ...defaultApiTokens, 'veeva-vault-sim-no-api-token': NO_API.id } });
		try {
			const result = await testCredential(tokenCredentials(vault, 'veeva-vault-sim-no-api-token'));
			expect(result).toEqual({ status: 'Error', message: expect.stringContaining('"API: Access API"') });
		} finally {
			await vault.stop();
		}
	});

	test('passes with a valid API access token without any login', async () => {
		expect(await testCredential(tokenCredentials(simulator))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.count('auth')).toBe(0);
	});

	test('fails with a revoked API access token', async () => {
		const result = await testCredential(tokenCredentials(simulator, 'veeva-vault-revoked'));
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('INVALID_SESSION_ID') });
	});

	test('fails for an API version the Vault does not serve', async () => {
		const result = await testCredential(tokenCredentials(simulator, undefined, { apiVersion: 'v99.1' }));
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('MALFORMED_URL') });
	});
});

describe('the credential test says what the node says when Vault cannot be reached', () => {
	let closedPortUrl: string;
	beforeEach(async () => {
		const other = await startSimulator();
		closedPortUrl = other.baseUrl;
		await other.stop();
	});

	const cases: Array<[string, (vault: VaultSimulator) => string, RegExp]> = [
		['https to a plain-http server', (vault) => `https://${new URL(vault.baseUrl).host}`, /this address does not speak https .*write http:\/\/127\.0\.0\.1:\d+ as the Vault DNS/],
		['a host name that does not resolve', () => 'no-such-vault.invalid', /could not reach https:\/\/no-such-vault\.invalid: the host name could not be resolved\. Check the Vault DNS for typos/],
		['a closed port', () => closedPortUrl, /could not reach http:\/\/127\.0\.0\.1:\d+: nothing accepted the connection \(connection refused\)\. Check the Vault DNS \(host and port\)/],
	];

	test.each(cases)('password, new credential: %s', async (_case, dns, words) => {
		const result = await testCredential(passwordCredentials(simulator, ADMIN, { vaultDns: dns(simulator) }));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(words) });
	});

	test.each(cases)('password, saved credential with a working session, DNS edited: %s', async (_case, dns, words) => {
		const credentials = passwordCredentials(simulator);
		expect((await runVaultNode(credentials, { parameters: listAll })).error).toBeUndefined();
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), vaultDns: dns(simulator) });
		const result = await testCredential(credentials);
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(words) });
	});

	test.each(cases)('API access token: %s', async (_case, dns, words) => {
		const result = await testCredential(tokenCredentials(simulator, undefined, { vaultDns: dns(simulator) }));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(words) });
	});
});

describe('the credential test of a saved credential', () => {
	test('with a working session: one login per test (the test\'s own), after a keep-alive with the session', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		const baseline = simulator.requests.length;
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests.slice(baseline).map((request) => [request.route, request.responseStatus])).toEqual([
			['keepAlive', 'SUCCESS'],
			['auth', 'SUCCESS'],
		]);
	});

	test('after Vault ended the session: n8n signs in again and stores the session, then the test logs in', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		const ended = credentials.get(CREDENTIAL_ID)?.sessionToken;
		simulator.expireSessions();
		const baseline = simulator.requests.length;
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests.slice(baseline).map((request) => request.route)).toEqual(['keepAlive', 'auth', 'auth']);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).not.toEqual(ended);
		// The node goes on with the stored session: no login.
		expect((await runVaultNode(credentials, { parameters: listAll })).error).toBeUndefined();
		expect(simulator.count('auth')).toBe(3);
	});
});

describe('n8n offers no "Custom API Call" and no use of the credential in its HTTP Request node', () => {
	// n8n's LoadNodesAndCredentials (supportsProxyAuth) offers both for a credential type that can
	// authenticate any request: one with `authenticate`, or one that extends an OAuth type.
	const supportsProxyAuth = (type: ICredentialType) =>
		type.authenticate !== undefined || (type.extends ?? []).some((parent) => ['oAuth2Api', 'googleOAuth2Api', 'oAuth1Api'].includes(parent));

	test('the credential type cannot authenticate other requests', () => {
		expect(supportsProxyAuth(new VeevaVaultApi())).toBe(false);
	});

	test('the nodes use this credential only, and list no "Custom API Call"', () => {
		for (const node of [new VeevaVault(), new VeevaVaultTrigger()]) {
			expect(node.description.credentials?.map((credential) => credential.name)).toEqual(['veevaVaultApi']);
			const options = node.description.properties.flatMap((property) => ('options' in property ? (property.options ?? []) : []));
			expect(JSON.stringify(options)).not.toMatch(/custom ?api ?call/i);
		}
	});
});
