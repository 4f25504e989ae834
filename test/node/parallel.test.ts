// Items in parallel (Items in Parallel option): how many requests reach Vault at once, order and
// pairing, failures with and without Continue on Fail, one sign-in and one back-off for everyone.
import type { INodeExecutionData } from 'n8n-workflow';

import type { RequestRecord } from '../../simulator/vault-simulator.ts';
import { runVaultNode } from '../harness/engine';
import { listAll, passwordCredentials, simulatorPerTest, startSimulator } from '../harness/vault';

const vault = simulatorPerTest();

const FOLDERS = '/services/file_staging/items';

/** Create Folder for each input item's `path`. */
function createFolders(paths: string[], itemsInParallel?: number) {
	return {
		parameters: { resource: 'stagingItem', operation: 'createFolder', path: '={{ $json.path }}', options: itemsInParallel ? { itemsInParallel } : {} },
		inputItems: paths.map((path): INodeExecutionData => ({ json: { path } })),
	};
}

const batch = (count: number) => Array.from({ length: count }, (_, index) => `/batch/f${String(index).padStart(2, '0')}`);

test('20 items with 5 in parallel: never more than 5 requests at Vault, 5 reached, output in input order and paired', async () => {
	vault.simulator.injectFault({ kind: 'delay', ms: 150, times: 20, path: FOLDERS });
	const result = await runVaultNode(vault.credentials, createFolders(batch(20), 5));
	expect(result.error).toBeUndefined();
	expect(vault.simulator.peakStagingInFlight).toBe(5);
	expect(result.items.map((item) => item.json.path)).toEqual(batch(20));
	expect(result.items.map((item) => item.pairedItem)).toEqual(batch(20).map((_, item) => ({ item })));
	// Five first requests without a session: one sign-in, the others wait for it.
	expect(vault.simulator.count('auth')).toBe(1);
});

test('1 item in parallel sends one request at a time', async () => {
	vault.simulator.injectFault({ kind: 'delay', ms: 50, times: 6, path: FOLDERS });
	const result = await runVaultNode(vault.credentials, createFolders(batch(6), 1));
	expect(result.error).toBeUndefined();
	expect(vault.simulator.peakStagingInFlight).toBe(1);
	expect(result.items.map((item) => item.json.path)).toEqual(batch(6));
});

test('a failing item stops new items; those under way finish; the error names the item', async () => {
	const paths = batch(10);
	paths[3] = 'no-leading-slash';
	vault.simulator.injectFault({ kind: 'delay', ms: 100, times: 10, path: FOLDERS });
	const result = await runVaultNode(vault.credentials, createFolders(paths, 5));
	expect(result.error?.message).toContain('must start with a slash');
	expect(result.error?.context?.itemIndex).toBe(3);
	// Items 0, 1, 2 and 4 were under way and finished; 5 to 9 never started.
	const created = vault.simulator.requests.filter((request) => request.route === 'createItem' && request.responseStatus === 'SUCCESS');
	expect(created).toHaveLength(4);
	expect(vault.simulator.requests.some((request) => request.finishedAt === null)).toBe(false);
});

test('with Continue on Fail each failing item gets its own error item, in its place', async () => {
	const paths = batch(10);
	paths[3] = 'no-leading-slash';
	paths[7] = '/batch/../escape';
	const result = await runVaultNode(vault.credentials, { ...createFolders(paths, 5), onError: 'continueRegularOutput' });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(10);
	expect(result.items.map((item) => item.pairedItem)).toEqual(paths.map((_, item) => ({ item })));
	expect(result.items[3].json.error).toContain('must start with a slash');
	expect(result.items[7].json.error).toContain('".." segments');
	for (const index of [0, 1, 2, 4, 5, 6, 8, 9]) expect(result.items[index].json.path).toBe(paths[index]);
});

test('the session ends while 5 requests are in flight: one new sign-in, every item done', async () => {
	await runVaultNode(vault.credentials, { parameters: listAll });
	expect(vault.simulator.count('auth')).toBe(1);
	vault.simulator.injectFault({ kind: 'hold', times: 5, path: FOLDERS });
	const running = runVaultNode(vault.credentials, createFolders(batch(10), 5));
	await vault.simulator.whenHeld(5);
	vault.simulator.expireSessions();
	vault.simulator.releaseHeld();
	const result = await running;
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.path)).toEqual(batch(10));
	// The five held requests, and only they, met the ended session; each was sent again once.
	const failed = vault.simulator.requests.filter((request) => request.responseStatus === 'FAILURE');
	expect(failed.map((request) => request.route)).toEqual(Array(5).fill('createItem'));
	expect(vault.simulator.count('createItem')).toBe(15);
	expect(vault.simulator.count('auth')).toBe(2);
});

test('two executions at once after the session ended: one new sign-in', async () => {
	await runVaultNode(vault.credentials, { parameters: listAll });
	vault.simulator.expireSessions();
	vault.simulator.injectFault({ kind: 'delay', ms: 100, times: 2, path: '/services/file_staging/upload' });
	const [first, second] = await Promise.all([runVaultNode(vault.credentials, { parameters: listAll }), runVaultNode(vault.credentials, { parameters: listAll })]);
	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	expect(vault.simulator.count('auth')).toBe(2);
});

test('a rate limit met by one item makes every item wait before its next request', async () => {
	await runVaultNode(vault.credentials, { parameters: listAll });
	vault.simulator.injectFault({ kind: 'apiLimit', after: 2, times: 1, path: FOLDERS });
	const result = await runVaultNode(vault.credentials, createFolders(batch(10), 5));
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.path)).toEqual(batch(10));
	const limited = vault.simulator.requests.find((request) => request.route === 'fault:apiLimit') as RequestRecord;
	// Requests sent after the node had read the refusal all wait out the back-off (1 s).
	const later = vault.simulator.requests.filter((request) => request.startedAt > limited.finishedAt! + 50);
	expect(later.length).toBeGreaterThan(0);
	for (const request of later) expect(request.startedAt - limited.finishedAt!).toBeGreaterThanOrEqual(950);
});

test('more requests at once than Vault allows are refused and sent again: every item is done', async () => {
	await vault.simulator.stop();
	vault.simulator = await startSimulator({ maxConcurrentStagingRequests: 3 });
	vault.credentials = passwordCredentials(vault.simulator);
	vault.simulator.injectFault({ kind: 'delay', ms: 100, times: 10, path: FOLDERS });
	const result = await runVaultNode(vault.credentials, createFolders(batch(10), 5));
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.path)).toEqual(batch(10));
	expect(vault.simulator.count('stagingConcurrencyLimit')).toBeGreaterThan(0);
	expect(vault.simulator.peakStagingInFlight).toBeGreaterThan(3);
});
