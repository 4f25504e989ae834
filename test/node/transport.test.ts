import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { DEFAULT_TIMEOUT_MS } from '../../nodes/VeevaVault/transport';
import { runVaultNode } from '../harness/engine';
import { ADMIN_TOKEN, listAll, passwordCredentials, startSimulator, tokenCredentials } from '../harness/vault';

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
		expect(error?.description).toContain('Tried 3 times over');
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

describe('stalls: a request that waits with nothing arriving is a timeout', () => {
	const listWithTimeout = (seconds: number) => ({ ...listAll, options: { timeout: seconds } });

	test('an answer that stops after its headers is called a timeout, retried, and fails after 3 attempts', async () => {
		simulator.injectFault({ kind: 'stallBody', path: LIST, times: 10 });
		const { error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(1) });
		expect(error?.message).toBe(`Timed out GET ${simulator.baseUrl}/api/v25.2${LIST}: nothing arrived from Vault for 1 s`);
		expect(error?.description).toContain('Tried 3 times over');
		expect(error?.description).toContain('raise "Timeout (Seconds)"');
		expect(simulator.count('fault:stallBody')).toBe(3);
	});

	test('no answer at all is called a timeout too, after 3 attempts', async () => {
		simulator.injectFault({ kind: 'stall', path: LIST, times: 10 });
		const { error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(1) });
		expect(error?.message).toBe(`Timed out GET ${simulator.baseUrl}/api/v25.2${LIST}: nothing arrived from Vault for 1 s`);
		expect(simulator.count('fault:stall')).toBe(3);
	});

	test('one stalled answer is retried and the list still arrives', async () => {
		simulator.injectFault({ kind: 'stallBody', path: LIST });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(1) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	test('a request that changes data is not sent again after a timeout', async () => {
		simulator.injectFault({ kind: 'stall', path: LIST, method: 'POST', times: 10 });
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: { resource: 'uploadSession', operation: 'create', path: '/inbox/a.bin', size: 100, options: { timeout: 1 } },
		});
		expect(error?.message).toContain('Timed out POST');
		expect(error?.description).toContain('not sent again automatically');
		expect(simulator.count('fault:stall')).toBe(1);
	});

	test('a larger timeout waits for a slow answer', async () => {
		simulator.injectFault({ kind: 'delay', path: LIST, ms: 1500 });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(3) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(simulator.count('listUploadSessions')).toBe(1);
	});

	test('a timeout that is not a positive number is refused before any request', async () => {
		const { error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(-5) });
		expect(error?.message).toContain('Timeout (Seconds) must be a number above 0');
		expect(simulator.requests).toHaveLength(0);
	});

	test('a stalled read is sent 3 times, 1 s then 2 s after each timeout: by default it gives up after about a minute and a half', async () => {
		// The README's promise: 30 s without an answer, 3 attempts, back-offs of 1 s and 2 s.
		expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
		simulator.injectFault({ kind: 'stall', path: LIST, times: 10 });
		const { error } = await runVaultNode(passwordCredentials(simulator), { parameters: listWithTimeout(1) });
		expect(error?.message).toBe(`Timed out GET ${simulator.baseUrl}/api/v25.2${LIST}: nothing arrived from Vault for 1 s`);

		const starts = simulator.requests.filter((request) => request.route === 'fault:stall').map((request) => request.startedAt);
		expect(starts).toHaveLength(3);
		// Each attempt waits out the 1 s timeout, then the back-off, before the next one arrives
		// (give or take the moment the simulator sees it). The bounds are narrower than a back-off
		// step, so a shorter or longer back-off fails.
		const [firstBackoff, secondBackoff] = starts.slice(1).map((start, index) => start - starts[index] - 1000);
		expect(firstBackoff).toBeGreaterThanOrEqual(1000 - 300);
		expect(firstBackoff).toBeLessThan(1000 + 700);
		expect(secondBackoff).toBeGreaterThanOrEqual(2000 - 300);
		expect(secondBackoff).toBeLessThan(2000 + 900);

		const defaultGiveUpMs = DEFAULT_TIMEOUT_MS * starts.length + firstBackoff + secondBackoff;
		expect(defaultGiveUpMs).toBeLessThan(95_000);
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

test('a Vault DNS that is no address fails before any request, saying to fix the credential', async () => {
	const { error } = await runVaultNode(tokenCredentials(simulator, ADMIN_TOKEN, { vaultDns: 'https://my vault' }), { parameters: listAll });
	expect(error?.message).toContain('"https://my vault" is not a Vault DNS');
	expect(error?.description).toBe('Fix the Veeva Vault credential.');
	expect(simulator.requests).toHaveLength(0);
});
