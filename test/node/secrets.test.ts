/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// The credential's secrets (password, session ID, access token) go to the credential's Vault and
// nowhere else, and never come back out of the node: not through a redirect, not when Vault quotes
// them in an error.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { CREDENTIAL_ID, runVaultNode } from '../harness/engine';
import type { CredentialStore, RunResult } from '../harness/engine';
import { ADMIN, ADMIN_TOKEN, listAll, passwordCredentials, startSimulator, tokenCredentials } from '../harness/vault';

const LIST = '/services/file_staging/upload';

/** Another host (another origin: same address, other port) that would gladly take credentials. */
class Catcher {
	readonly received: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = [];
	private server: Server | null = null;

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ responseStatus: 'SUCCESS', sessionId: 'CAUGHT', data: [{ id: 'attacker-session', path: '/attacker' }] }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	get origin(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

let simulator: VaultSimulator;
let catcher: Catcher;
beforeEach(async () => {
	simulator = await startSimulator();
	catcher = await new Catcher().start();
});
afterEach(async () => {
	await simulator.stop();
	await catcher.stop();
});

/** Everything n8n keeps of a run: items, the error with all its fields, the saved run data. */
function everythingExposed(result: RunResult): string {
	const error = result.error ? { ...result.error, message: result.error.message, description: result.error.description, stack: result.error.stack } : null;
	return JSON.stringify({ items: result.items, error, run: result.run });
}

function secretsOf(credentials: CredentialStore): string[] {
	const stored = credentials.get(CREDENTIAL_ID) ?? {};
	return [stored.password, stored.accessToken, stored.sessionToken].filter((value): value is string => typeof value === 'string' && value.length > 0);
}

describe('redirects', () => {
	test.each([[301], [302], [303], [307], [308]])('a %i to another host fails, naming the host, and the session never reaches it', async (status) => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.injectFault({ kind: 'redirect', path: LIST, status, location: `${catcher.origin}/api/v25.2${LIST}?cursor=secret-cursor` });

		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.items).toEqual([]);
		expect(result.error?.message).toContain(`redirected the request to another host (${catcher.origin})`);
		expect(result.error?.message).not.toContain('secret-cursor');
		expect(result.error?.description).toContain('Vault DNS');
		expect(catcher.received).toEqual([]);
	});

	test('an API access token is never sent to the host a redirect names', async () => {
		simulator.injectFault({ kind: 'redirect', path: LIST, status: 307, location: `${catcher.origin}${LIST}` });
		const result = await runVaultNode(tokenCredentials(simulator), { parameters: listAll });
		expect(result.error?.message).toContain(catcher.origin);
		expect(catcher.received).toEqual([]);
		expect(everythingExposed(result)).not.toContain(ADMIN_TOKEN);
	});

	test('a login redirected to another host fails there and the password form is never re-posted', async () => {
		simulator.injectFault({ kind: 'redirect', path: '/auth', status: 307, location: `${catcher.origin}/api/v25.2/auth` });
		const credentials = passwordCredentials(simulator);
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.error?.message).toContain('Vault login failed');
		expect(result.error?.message).toContain(catcher.origin);
		expect(catcher.received).toEqual([]);
		expect(everythingExposed(result)).not.toContain(ADMIN.password);
		expect(credentials.get(CREDENTIAL_ID)?.sessionToken).toBeUndefined();
	});

	test('a redirect to the same origin is followed, for the list and for the login', async () => {
		simulator.injectFault({ kind: 'redirect', path: '/auth', status: 307, location: '/api/v25.2/auth' });
		simulator.injectFault({ kind: 'redirect', path: LIST, status: 302, location: `${simulator.baseUrl}/api/v25.2${LIST}` });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.counts()).toMatchObject({ 'fault:redirect': 2, auth: 1, listUploadSessions: 1 });
	});

	test('a write answered with a redirect that would turn it into a GET is refused, not silently dropped', async () => {
		simulator.injectFault({ kind: 'redirect', path: LIST, method: 'POST', status: 302, location: `/api/v25.2${LIST}` });
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: { resource: 'uploadSession', operation: 'create', path: '/inbox/a.bin', size: 100 },
		});
		expect(error?.message).toContain('would turn it into a GET');
		expect(simulator.count('createUploadSession')).toBe(0);
		expect(simulator.count('listUploadSessions')).toBe(0);
	});

	test('redirects that go round in circles stop after 3 hops', async () => {
		simulator.injectFault({ kind: 'redirect', path: LIST, status: 302, location: `/api/v25.2${LIST}`, times: 10 });
		const { error } = await runVaultNode(tokenCredentials(simulator), { parameters: listAll });
		expect(error?.message).toContain('more than 3 times');
		expect(simulator.count('fault:redirect')).toBe(4);
	});
});

describe('Vault quoting a secret in its answer', () => {
	test('the stored session quoted in a failure is redacted from the message, the description and the saved run', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		simulator.injectFault({ kind: 'echoCredentials', path: LIST });
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.error?.message).toContain('Rejected request with credentials [redacted]');
		const secrets = secretsOf(credentials);
		expect(secrets).toHaveLength(2);
		for (const secret of secrets) expect(everythingExposed(result)).not.toContain(secret);
	});

	test('an ended session and its renewal, both quoted, are both redacted', async () => {
		const credentials = passwordCredentials(simulator);
		await runVaultNode(credentials, { parameters: listAll });
		const oldSession = String(credentials.get(CREDENTIAL_ID)?.sessionToken);
		simulator.injectFault({ kind: 'echoCredentials', errorType: 'INVALID_SESSION_ID', path: LIST, times: 2 });
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(simulator.count('auth')).toBe(2);
		const newSession = String(credentials.get(CREDENTIAL_ID)?.sessionToken);
		expect(newSession).not.toBe(oldSession);
		expect(result.error?.message).toContain('INVALID_SESSION_ID');
		for (const secret of [oldSession, newSession, ADMIN.password]) expect(everythingExposed(result)).not.toContain(secret);
	});

	test('a quoted access token is redacted, also from a Continue on Fail item', async () => {
		simulator.injectFault({ kind: 'echoCredentials', path: LIST });
		const result = await runVaultNode(tokenCredentials(simulator), { parameters: listAll, onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toContain('[redacted]');
		expect(everythingExposed(result)).not.toContain(ADMIN_TOKEN);
	});

	test('a login failure quoting the password is redacted, and its message has one period per sentence', async () => {
		simulator.injectFault({ kind: 'echoCredentials', path: '/auth', errorType: 'USERNAME_OR_PASSWORD_INCORRECT' });
		const credentials = passwordCredentials(simulator);
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.error?.message).toContain('Vault login failed');
		expect(result.error?.message).toContain('[redacted]');
		expect(result.error?.message).not.toContain('..');
		expect(everythingExposed(result)).not.toContain(ADMIN.password);
	});

	test('a password with characters JSON escapes is redacted in its quoted form too', async () => {
		const password = 'p"a\\ss/wörd';
		simulator.setUser(ADMIN.username, { password });
		simulator.injectFault({ kind: 'echoCredentials', path: '/auth', errorType: 'USERNAME_OR_PASSWORD_INCORRECT' });
		const credentials = passwordCredentials(simulator, { ...ADMIN, password });
		const result = await runVaultNode(credentials, { parameters: listAll });
		expect(result.error?.message).toContain('[redacted]');
		expect(everythingExposed(result)).not.toContain(JSON.stringify(password).slice(1, -1));
		expect(result.error?.message).not.toContain(password);
	});
});
