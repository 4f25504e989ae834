import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { CREDENTIAL_ID, testCredential } from '../harness/engine';
import { ADMIN, NO_API, passwordCredentials, startSimulator, tokenCredentials } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

describe('credential test (the Test button in n8n)', () => {
	test('passes with the right DNS, password and permissions, and stores the fresh session', async () => {
		const credentials = passwordCredentials(simulator);
		expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.requests.map((request) => [request.route, request.responseStatus])).toEqual([
			['auth', 'SUCCESS'],
			['listUploadSessions', 'SUCCESS'],
		]);
		expect(credentials.get(CREDENTIAL_ID)?.sessionId).toMatch(/^[0-9A-F]{96}$/);
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

	test('fails for a user without API access, naming the permissions', async () => {
		const result = await testCredential(passwordCredentials(simulator, NO_API));
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('"API: Access API"') });
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
