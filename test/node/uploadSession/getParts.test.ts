// List Parts: the parts uploaded to a session so far.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { runVaultNode } from '../../harness/engine';
import { passwordCredentials, startSimulator } from '../../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

/** The reference page's video: 2 parts of 5 MiB uploaded. */
const twoParts = seedUploadSessions[2];
const getParts = (extra: Record<string, unknown>) => ({ resource: 'uploadSession', operation: 'getParts', sessionId: twoParts.id, ...extra });

test('one item per part, in order, with size and MD5', async () => {
	const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: getParts({ returnAll: true }) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.part_number)).toEqual([1, 2]);
	expect(items.map((item) => item.json.size)).toEqual([5242880, 5242880]);
	expect(items.every((item) => /^[0-9a-f]{32}$/.test(String(item.json.part_content_md5)))).toBe(true);
});

test('a limit asks Vault for a page of that size and returns that many', async () => {
	const { items } = await runVaultNode(passwordCredentials(simulator), { parameters: getParts({ returnAll: false, limit: 1 }) });
	expect(items.map((item) => item.json.part_number)).toEqual([1]);
	expect(simulator.requests.filter((request) => request.route === 'listParts').map((request) => request.query)).toEqual(['?limit=1']);
});
