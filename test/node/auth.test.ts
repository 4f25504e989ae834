import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { CREDENTIAL_ID, runVaultNode } from '../harness/engine';
import type { RunResult } from '../harness/engine';
import {
	ADMIN,
	ADMIN_TOKEN,
	ELSEWHERE,
	NO_API,
	UPLOADER,
	listAll,
	passwordCredentials,
	startSimulator,
	tokenCredentials,
	uploadSessionOp,
} from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator({ sessionIdleMinutes: 30 });
});
afterEach(async () => {
	await simulator.stop();
});

/** Everything an execution exposes: items and the error with all of its fields. */
function exposed(result: RunResult): string {
	const error = result.error ? { ...result.error, message: result.error.message, description: result.error.description } : null;
	return JSON.stringify({ items: result.items, error });
}

describe('Vault session reuse and renewal', () => {
	test('the session from the first execution is reused by later ones: one login in all', async () => {
		const credentials = passwordCredentials(simulator);
		for (let run = 0; run < 3; run++) {
			const { items, error } = await runVaultNode(credentials, { parameters: listAll });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
		}
		expect(simulator.count('auth')).toBe(1);
		expect(simulator.count('listUploadSessions')).toBe(3);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).toMatch(/^[0-9A-F]{96}$/);
	});

	test('no API request goes out without the session: a sign-in rides on a request for Vault\'s API versions, whose answer is not used', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.expireSessions();
		await runVaultNode(credentials, { parameters: uploadSessionOp('create', { path: '/inbox/new.bin', size: 10 }) });
		await runVaultNode(credentials, { parameters: listAll });
		expect(simulator.requests.map((request) => [request.route, request.authorized, request.responseStatus])).toEqual([
			['auth', false, 'SUCCESS'],
			['versions', false, 'SUCCESS'],
			['listUploadSessions', true, 'SUCCESS'],
			// Vault ended the session: the create is refused unprocessed, and sent once more with the new one.
			['createUploadSession', false, 'FAILURE'],
			['auth', false, 'SUCCESS'],
			['versions', false, 'SUCCESS'],
			['createUploadSession', true, 'SUCCESS'],
			['listUploadSessions', true, 'SUCCESS'],
		]);
	});

	test('when Vault ends the session, exactly one new login happens and later executions use it', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		const firstSession = credentials.get(CREDENTIAL_ID)?.sessionToken;

		simulator.expireSessions();
		const renewed = await runVaultNode(credentials, { parameters: listAll });
		expect(renewed.error).toBeUndefined();
		expect(renewed.items).toHaveLength(3);
		expect(simulator.count('auth')).toBe(2);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).not.toEqual(firstSession);

		await runVaultNode(credentials, { parameters: listAll });
		expect(simulator.count('auth')).toBe(2);
		// The expired call was answered INVALID_SESSION_ID once, then sent again.
		expect(simulator.requests.filter((request) => request.responseStatus === 'FAILURE')).toHaveLength(1);
	});

	test('a renewal followed by a lost answer retries without logging in again', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.expireSessions();
		simulator.injectFault({ kind: 'http502', path: '/services/file_staging/upload', after: 1 });
		const { items, error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count('fault:http502')).toBe(1);
		expect(simulator.count('auth')).toBe(2);
	});

	test('with several items, one renewal serves them all', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.expireSessions();
		const { items, error } = await runVaultNode(credentials, {
			parameters: listAll,
			inputItems: [{ json: { run: 1 } }, { json: { run: 2 } }, { json: { run: 3 } }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(9);
		expect(simulator.count('auth')).toBe(2);
		expect(simulator.count('listUploadSessions')).toBe(5);
	});

	test('an idle timeout is handled like any ended session', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.advanceClock(31 * 60 * 1000);
		const { error, items } = await runVaultNode(credentials, { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count('auth')).toBe(2);
	});

	test('a failed renewal fails the execution with the login error, without looping', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.setUser(ADMIN.username, { password: 'changed-in-vault' });
		simulator.expireSessions();
		const { error, items } = await runVaultNode(credentials, { parameters: listAll });
		expect(items).toEqual([]);
		expect(error?.message).toContain('Vault login failed: USERNAME_OR_PASSWORD_INCORRECT');
		expect(simulator.count('auth')).toBe(2);
		expect(simulator.count('listUploadSessions')).toBe(2);
	});

	test('a session stored for another username is not reused after the credential changes', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		const stored = credentials.get(CREDENTIAL_ID)!;
		// What n8n's editor does when the user edits the credential: the hidden session stays.
		credentials.set(CREDENTIAL_ID, { ...stored, username: UPLOADER.username, password: UPLOADER.password });
		simulator.addUploadSession({ path: `/u${UPLOADER.id}/mine.bin`, size: 10, owner: UPLOADER.id });

		const { items, error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.owner)).toEqual([UPLOADER.id]);
		expect(simulator.count('auth')).toBe(2);
	});
});

describe('login failures', () => {
	test('a wrong password fails with Vault\'s reason and how to fix it, and no items', async () => {
		const credentials = passwordCredentials(simulator, { ...ADMIN, password: 'not-the-password' });
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.run.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error?.message).toContain('USERNAME_OR_PASSWORD_INCORRECT');
		expect(result.error?.message).toContain('Check the username and password');
		expect(simulator.count('listUploadSessions')).toBe(0);
		expect(exposed(result)).not.toContain('not-the-password');
	});

	test('a Vault DNS where nothing listens fails with a clear network error', async () => {
		const closed = await startSimulator();
		const deadUrl = closed.baseUrl;
		await closed.stop();
		const credentials = passwordCredentials(simulator, ADMIN, { vaultDns: deadUrl });
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain(`could not reach ${deadUrl}: nothing accepted the connection`);
		expect(error?.message).toContain('Check the Vault DNS');
	});

	test.each([
		['password', (dns: string) => passwordCredentials(simulator, ADMIN, { vaultDns: dns })],
		['token', (dns: string) => tokenCredentials(simulator, ADMIN_TOKEN, { vaultDns: dns })],
	])('https to a plain-http Vault (%s) says the address does not speak https and what to write instead', async (_method, credentialsFor) => {
		const host = new URL(simulator.baseUrl).host;
		const { error } = await runVaultNode(credentialsFor(`https://${host}`), { parameters: listAll });
		expect(`${error?.message} ${error?.description}`).toContain('this address does not speak https');
		expect(`${error?.message} ${error?.description}`).toContain(`write http://${host} as the Vault DNS`);
		expect(`${error?.message} ${error?.description}`).not.toMatch(/certificate|try again later/i);
		expect(simulator.requests).toHaveLength(0);
	});

	test.each([
		['http://127.0.0.1:8123/somewhere/else', 'is not a Vault DNS'],
		['my vault.veevavault.com', 'is not a Vault DNS'],
		['   ', 'The Vault DNS is empty'],
	])('an invalid Vault DNS (%j) is refused before any request', async (vaultDns, message) => {
		const credentials = passwordCredentials(simulator, ADMIN, { vaultDns });
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain(message);
		expect(simulator.requests).toHaveLength(0);
	});

	test('an invalid API version is refused before any request', async () => {
		const credentials = passwordCredentials(simulator, ADMIN, { apiVersion: '25.2' });
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain('"25.2" is not a Vault API version. Use the form v25.2.');
		expect(simulator.requests).toHaveLength(0);
	});

	test('a login that Vault sends to another of the user\'s Vaults is refused', async () => {
		const credentials = passwordCredentials(simulator, ELSEWHERE);
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain(`cannot use the Vault at ${new URL(simulator.baseUrl).host}`);
		expect(error?.message).toContain('"Other Vault"');
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).toBeUndefined();
		expect(simulator.count('listUploadSessions')).toBe(0);
	});

	test('a user without API access gets INSUFFICIENT_ACCESS and the permission to ask for', async () => {
		const credentials = passwordCredentials(simulator, NO_API);
		const { error } = await runVaultNode(credentials, { parameters: listAll });
		expect(error?.message).toContain('INSUFFICIENT_ACCESS');
		expect(error?.description).toContain('"API: Access API"');
		expect(simulator.count('auth')).toBe(1);
	});
});

describe('API access tokens', () => {
	test('a token is sent as is and no login call is made', async () => {
		const credentials = tokenCredentials(simulator);
		for (let run = 0; run < 2; run++) {
			const { items, error } = await runVaultNode(credentials, { parameters: listAll });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
		}
		expect(simulator.count('auth')).toBe(0);
		expect(simulator.requests.every((request) => request.userId === ADMIN.id)).toBe(true);
	});

	test('a rejected token fails with INVALID_SESSION_ID, tells how to fix it, and never logs in', async () => {
		const credentials = tokenCredentials(simulator, 'veeva-vault-revoked-token');
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.error?.message).toContain('INVALID_SESSION_ID');
		expect(result.error?.description).toContain('Create a new token in Vault');
		expect(simulator.count('auth')).toBe(0);
		expect(simulator.count('listUploadSessions')).toBe(1);
		expect(exposed(result)).not.toContain('veeva-vault-revoked-token');
	});
});

describe('Client ID', () => {
	test('every request, the login included, carries the default Client ID', async () => {
		await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(simulator.requests.map((request) => [request.route, request.clientId])).toEqual([
			['auth', 'n8n-nodes-veeva-vault'],
			// The request the sign-in rides on (see the next test).
			['versions', 'n8n-nodes-veeva-vault'],
			['listUploadSessions', 'n8n-nodes-veeva-vault'],
		]);
	});

	test('a Client ID set in the credential is what Vault sees', async () => {
		await runVaultNode(tokenCredentials(simulator, ADMIN_TOKEN, { clientId: 'acme-qa-uploads' }), { parameters: listAll });
		expect(simulator.requests.map((request) => request.clientId)).toEqual(['acme-qa-uploads']);
	});
});

describe('secrets', () => {
	test('no password, session ID or token appears in items or errors', async () => {
		const results: RunResult[] = [];
		const credentials = passwordCredentials(simulator);
		results.push(await runVaultNode(credentials, { parameters: listAll }));
		const sessionId = String(credentials.get(CREDENTIAL_ID)?.sessionToken);
		simulator.injectFault({ kind: 'exception', path: '/services' });
		results.push(await runVaultNode(credentials, { parameters: listAll }));
		simulator.injectFault({ kind: 'exception', path: '/services' });
		results.push(await runVaultNode(credentials, { parameters: listAll, onError: 'continueRegularOutput' }));
		results.push(await runVaultNode(tokenCredentials(simulator), { parameters: listAll }));
		results.push(await runVaultNode(passwordCredentials(simulator, NO_API), { parameters: listAll }));

		expect(results.filter((result) => result.error)).toHaveLength(2);
		const everything = results.map(exposed).join('\n');
		for (const secret of [ADMIN.password, NO_API.password, sessionId, ADMIN_TOKEN]) {
			expect(everything).not.toContain(secret);
		}
	});
});
