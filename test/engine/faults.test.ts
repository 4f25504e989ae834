import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { runVaultNode } from '../harness/engine';
import { listAll, passwordCredentials, startSimulator } from '../harness/vault';

const LIST = '/services/file_staging/upload';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

describe('transport faults on an idempotent GET', () => {
	test.each([
		['http502' as const],
		['badJson' as const],
		['reset' as const],
	])('one %s is retried and the list still arrives', async (kind) => {
		simulator.injectFault({ kind, path: LIST });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count(`fault:${kind}`)).toBe(1);
		expect(simulator.count('listUploadSessions')).toBe(1);
	});

	test.each([
		['http502' as const, 'Vault answered HTTP 502 with an HTML page instead of an API response'],
		['badJson' as const, 'Vault\'s answer was not valid JSON'],
		['reset' as const, 'the connection was reset before Vault answered'],
	])('a persistent %s fails after 3 attempts with a clear message', async (kind, message) => {
		simulator.injectFault({ kind, path: LIST, times: 10 });
		const { items, error, run } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(run.status).toBe('error');
		expect(items).toEqual([]);
		expect(error?.message).toContain(message);
		expect(error?.message).toContain('/api/v25.2/services/file_staging/upload');
		expect(error?.description).toContain('Tried 3 time(s)');
		expect(simulator.count(`fault:${kind}`)).toBe(3);
	});

	test('a slow answer is waited for, not abandoned', async () => {
		simulator.injectFault({ kind: 'delay', path: LIST, ms: 1500 });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count('listUploadSessions')).toBe(1);
	});
});

describe('Vault failures', () => {
	test('API_LIMIT_EXCEEDED is retried after a back-off', async () => {
		simulator.injectFault({ kind: 'apiLimit', path: LIST, times: 2 });
		const started = Date.now();
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count('fault:apiLimit')).toBe(2);
		// Back-off of 1 s then 2 s: the retries were not sent straight away.
		expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
	});

	test('API_LIMIT_EXCEEDED that persists fails after 4 attempts with Vault\'s error type', async () => {
		simulator.injectFault({ kind: 'apiLimit', path: LIST, times: 10 });
		const { error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error?.message).toContain('API_LIMIT_EXCEEDED');
		expect(error?.description).toContain('rate limit');
		expect(simulator.count('fault:apiLimit')).toBe(4);
	}, 30_000);

	test('an EXCEPTION envelope fails the execution, naming Vault\'s error type and the item', async () => {
		simulator.injectFault({ kind: 'exception', path: LIST });
		const { error, run } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(run.status).toBe('error');
		expect(error?.message).toBe(
			`Vault failed GET ${simulator.baseUrl}/api/v25.2/services/file_staging/upload: UNEXPECTED_ERROR: An unexpected error occurred.`,
		);
		expect(error?.context?.itemIndex).toBe(0);
		expect(simulator.count('fault:exception')).toBe(1);
	});
});

describe('Continue on Fail', () => {
	test('a failing item becomes an error item and the other items still run', async () => {
		simulator.injectFault({ kind: 'exception', path: LIST });
		const { items, error, run } = await runVaultNode(passwordCredentials(simulator), {
			parameters: listAll,
			inputItems: [{ json: { batch: 'first' } }, { json: { batch: 'second' } }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(items[0].json.error).toContain('UNEXPECTED_ERROR');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items.slice(1).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }, { item: 1 }]);
		expect(items.slice(1).map((item) => typeof item.json.id)).toEqual(['string', 'string', 'string']);
	});
});
