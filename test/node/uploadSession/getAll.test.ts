// Get Many: every upload session the user can see, one item each, with filters and computed fields.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { runVaultNode } from '../../harness/engine';
import type { CredentialStore } from '../../harness/engine';
import { ADMIN, UPLOADER, listAll, passwordCredentials, startSimulator } from '../../harness/vault';

const HOUR = 3600 * 1000;
const op = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'uploadSession', operation, ...parameters });

let simulator: VaultSimulator;
let credentials: CredentialStore;
afterEach(async () => {
	await simulator.stop();
});

describe('List Upload Sessions', () => {
	test('an admin gets one item per upload session, with Vault\'s fields unchanged', async () => {
		simulator = await startSimulator();
		const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: { ...listAll, options: { computedFields: false } } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(seedUploadSessions);
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

describe('Get Many: stale-session filters and computed fields', () => {
	let staleId: string;
	let freshId: string;
	let doneId: string;
	beforeEach(async () => {
		simulator = await startSimulator({ seed: false, clock: new Date().toISOString() });
		credentials = passwordCredentials(simulator);
		staleId = simulator.addUploadSession({ path: `/u${ADMIN.id}/stale.bin`, size: 1000, uploaded: 250, owner: ADMIN.id, createdAgoMs: 60 * HOUR, lastUploadAgoMs: 5 * HOUR });
		freshId = simulator.addUploadSession({ path: `/u${UPLOADER.id}/fresh.bin`, size: 1000, uploaded: 100, owner: UPLOADER.id, createdAgoMs: 2 * HOUR, lastUploadAgoMs: 0.25 * HOUR });
		doneId = simulator.addUploadSession({ path: `/u${ADMIN.id}/done.bin`, size: 1000, uploaded: 1000, owner: ADMIN.id, createdAgoMs: 10 * HOUR, lastUploadAgoMs: 9 * HOUR });
	});

	test('idle for more than 1 hour and incomplete keeps only the stale one, with computed fields', async () => {
		const { items, error } = await runVaultNode(credentials, {
			parameters: op('getAll', { returnAll: true, filters: { idleForMoreThanHours: 1, incompleteOnly: true }, options: { computedFields: true } }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: staleId, percent_uploaded: 25, is_complete: false, hours_since_last_upload: 5, age_hours: 60, hours_until_expiry: 12 });
	});

	test.each([
		[{ idleForMoreThanHours: 1 }, () => [staleId, doneId]],
		[{ expiringWithinHours: 24 }, () => [staleId]],
		[{ owner: UPLOADER.id }, () => [freshId]],
		// Added in the editor but left at its default: no filter, not "owner 0".
		[{ owner: 0 }, () => [staleId, freshId, doneId]],
		[{ pathPrefix: `/u${ADMIN.id}/d` }, () => [doneId]],
		[{ incompleteOnly: true }, () => [staleId, freshId]],
	])('filter %j', async (filters, expected) => {
		const { items } = await runVaultNode(credentials, { parameters: op('getAll', { returnAll: true, filters }) });
		expect(items.map((item) => item.json.id).sort()).toEqual(expected().sort());
	});

	test('a filter with a bad value is named by its label in the editor', async () => {
		const { error } = await runVaultNode(credentials, { parameters: op('getAll', { returnAll: true, filters: { idleForMoreThanHours: -1 } }) });
		expect(error?.message).toBe('The filter "Idle for More Than (Hours)" must be a number of hours of 0 or more, not -1');
		expect(simulator.requests).toHaveLength(0);
	});

	const vaultFields = ['created_date', 'expiration_date', 'id', 'last_uploaded_date', 'owner', 'path', 'size', 'uploaded', 'uploaded_parts'];
	const computed = ['age_hours', 'hours_since_last_upload', 'hours_until_expiry', 'is_complete', 'percent_uploaded'];

	// "Add Computed Fields" defaults to on, and the output schema promises its fields: a Get Many
	// whose options were never touched returns them.
	test('without options the items carry Vault\'s fields and the computed ones', async () => {
		const { items } = await runVaultNode(credentials, { parameters: op('getAll', { returnAll: true }) });
		expect(items).toHaveLength(3);
		for (const item of items) expect(Object.keys(item.json).sort()).toEqual([...vaultFields, ...computed].sort());
		expect(items.find((item) => item.json.id === staleId)?.json).toMatchObject({ percent_uploaded: 25, is_complete: false, hours_since_last_upload: 5 });
	});

	test('with Add Computed Fields turned off the items are exactly Vault\'s', async () => {
		const { items } = await runVaultNode(credentials, { parameters: op('getAll', { returnAll: true, options: { computedFields: false } }) });
		expect(items).toHaveLength(3);
		for (const item of items) expect(Object.keys(item.json).sort()).toEqual(vaultFields);
	});
});
