import { seedUploadSessions } from '../../simulator/seed.ts';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { runVaultNode } from '../harness/engine';
import { ADMIN, UPLOADER, listAll, passwordCredentials, startSimulator } from '../harness/vault';

let simulator: VaultSimulator;
afterEach(async () => {
	await simulator.stop();
});

describe('List Upload Sessions', () => {
	test('an admin gets one item per upload session, with Vault\'s fields unchanged', async () => {
		simulator = await startSimulator();
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			seedUploadSessions.map((session) => ({ ...session, name: session.path.split('/').pop(), overwrite: false })),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('a non-admin gets only their own sessions, with paths relative to their folder', async () => {
		simulator = await startSimulator();
		const ownId = simulator.addUploadSession({ path: `/u${UPLOADER.id}/inbox/study.zip`, size: 20_000_000, owner: UPLOADER.id });
		const { items, error } = await runVaultNode(passwordCredentials(simulator, UPLOADER), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id, item.json.path, item.json.owner])).toEqual([[ownId, '/inbox/study.zip', UPLOADER.id]]);
	});

	test.each([
		['Vault answers an empty data array', false],
		['Vault omits data', true],
	])('no sessions gives zero items and no error (%s)', async (_case, omitEmptyData) => {
		simulator = await startSimulator({ seed: false, omitEmptyData });
		const { items, error, run } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(items).toEqual([]);
	});

	test('follows next_page until the last page', async () => {
		simulator = await startSimulator({ listPageSize: 2 });
		simulator.addUploadSession({ path: `/u${ADMIN.id}/a.bin`, size: 10, owner: ADMIN.id });
		simulator.addUploadSession({ path: `/u${ADMIN.id}/b.bin`, size: 10, owner: ADMIN.id });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.path)).toEqual([
			...seedUploadSessions.map((session) => session.path),
			`/u${ADMIN.id}/a.bin`,
			`/u${ADMIN.id}/b.bin`,
		]);
		expect(simulator.count('listUploadSessions')).toBe(3);
	});

	test.each([
		[1, 1],
		[2, 1],
		[3, 2],
	])('limit %i returns that many sessions and fetches only %i page(s)', async (limit, pages) => {
		simulator = await startSimulator({ listPageSize: 2 });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: { resource: 'uploadSession', operation: 'getAll', returnAll: false, limit },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(seedUploadSessions.slice(0, limit).map((session) => session.id));
		expect(simulator.count('listUploadSessions')).toBe(pages);
	});

	test('a next_page on another host is not followed', async () => {
		simulator = await startSimulator();
		simulator.injectFault({ kind: 'foreignNextPage', path: '/services/file_staging/upload' });
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: listAll });
		expect(items).toEqual([]);
		expect(error?.message).toContain('next page points at another host (elsewhere.example)');
		expect(simulator.requests.filter((request) => request.route.startsWith('fault'))).toHaveLength(1);
	});
});
