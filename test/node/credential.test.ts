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
