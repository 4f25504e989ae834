import { createHash, randomBytes } from 'node:crypto';

import { seedUploadSessions } from '../../simulator/seed.ts';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { fileItem } from '../harness/binary';
import { runListSearch, runVaultNode } from '../harness/engine';
import type { CredentialStore } from '../harness/engine';
import { ADMIN, UPLOADER, passwordCredentials, startSimulator } from '../harness/vault';

const MiB = 1024 * 1024;
const HOUR = 3600 * 1000;
const op = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'uploadSession', operation, ...parameters });

let simulator: VaultSimulator;
let credentials: CredentialStore;
afterEach(async () => {
	await simulator.stop();
});

describe('one session through its lifecycle, one operation per execution', () => {
	beforeEach(async () => {
		simulator = await startSimulator({ minPartSize: 1024 });
		credentials = passwordCredentials(simulator);
	});

	test('create, upload parts, list parts, get, commit and wait for the job', async () => {
		const file = randomBytes(2500);
		const created = await runVaultNode(credentials, { parameters: op('create', { path: '/inbox/a.bin', size: file.length, options: { overwrite: true } }) });
		expect(created.error).toBeUndefined();
		const session = created.items[0].json;
		expect(session).toMatchObject({ path: '/inbox/a.bin', name: 'a.bin', overwrite: true, size: 2500, uploaded: 0, owner: ADMIN.id });

		for (const [partNumber, part] of [file.subarray(0, 1250), file.subarray(1250)].entries()) {
			const uploaded = await runVaultNode(credentials, {
				parameters: op('uploadPart', { sessionId: session.id, partNumber: partNumber + 1, binaryPropertyName: 'data' }),
				inputItems: [await fileItem(part, `part${partNumber + 1}`)],
			});
			expect(uploaded.error).toBeUndefined();
			expect(uploaded.items[0].json).toEqual({ size: 1250, part_number: partNumber + 1, part_content_md5: createHash('md5').update(part).digest('hex') });
		}

		const parts = await runVaultNode(credentials, { parameters: op('getParts', { sessionId: session.id, returnAll: true }) });
		expect(parts.items.map((item) => item.json.part_number)).toEqual([1, 2]);
		const firstOnly = await runVaultNode(credentials, { parameters: op('getParts', { sessionId: session.id, returnAll: false, limit: 1 }) });
		expect(firstOnly.items.map((item) => item.json.part_number)).toEqual([1]);

		const got = await runVaultNode(credentials, { parameters: op('get', { sessionId: session.id }) });
		expect(got.items[0].json).toMatchObject({ id: session.id, uploaded: 2500, uploaded_parts: 2 });

		const committed = await runVaultNode(credentials, { parameters: op('commit', { sessionId: session.id, options: { waitForJob: true } }) });
		expect(committed.error).toBeUndefined();
		expect(committed.items[0].json).toMatchObject({ job_id: expect.any(Number), status: 'SUCCESS', created_by: ADMIN.id });
		expect(simulator.count('jobStatus')).toBe(1);
	});

	test.each([['list'], ['id']])('the Upload Session picked in the "%s" mode of the resource locator is the one used', async (mode) => {
		const id = seedUploadSessions[2].id;
		const { items, error } = await runVaultNode(credentials, { parameters: op('get', { sessionId: { __rl: true, mode, value: id } }) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([id]);
	});

	test('"From List" offers every visible session, newest activity first, with path, progress and owner; search narrows it', async () => {
		const all = await runListSearch(credentials, 'searchUploadSessions');
		expect(all.results.map((result) => result.value)).toEqual([seedUploadSessions[2].id, seedUploadSessions[0].id, seedUploadSessions[1].id]);
		expect(all.results[0].name).toBe(`${seedUploadSessions[2].path} · 31.9% · owner ${ADMIN.id}`);
		const found = await runListSearch(credentials, 'searchUploadSessions', { filter: 'gludacta' });
		expect(found.results.map((result) => result.value).sort()).toEqual([seedUploadSessions[0].id, seedUploadSessions[1].id].sort());
		expect(simulator.count('auth')).toBe(1);
	});

	test('abort returns deleted: true and the session is gone', async () => {
		const id = seedUploadSessions[1].id;
		const aborted = await runVaultNode(credentials, { parameters: op('delete', { sessionId: id }) });
		expect(aborted.items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
		const got = await runVaultNode(credentials, { parameters: op('get', { sessionId: id }) });
		expect(got.error?.message).toContain('INVALID_DATA');
	});

	test('a part out of order fails with Vault\'s reason', async () => {
		const { items } = await runVaultNode(credentials, { parameters: op('create', { path: '/inbox/b.bin', size: 5000 }) });
		const { error } = await runVaultNode(credentials, {
			parameters: op('uploadPart', { sessionId: items[0].json.id, partNumber: 2, binaryPropertyName: 'data' }),
			inputItems: [await fileItem(randomBytes(2000), 'p2')],
		});
		expect(error?.message).toContain('INVALID_DATA: Parts must be uploaded in order');
	});

	test('only the owner may upload to a session', async () => {
		const { error } = await runVaultNode(passwordCredentials(simulator, ADMIN), {
			parameters: op('uploadPart', { sessionId: 'x', partNumber: 1, binaryPropertyName: 'data' }),
			inputItems: [await fileItem(randomBytes(10), 'p1')],
		});
		expect(error?.message).toContain('INVALID_DATA: Invalid upload session ID: x');
		const uploaderSession = simulator.addUploadSession({ path: `/u${UPLOADER.id}/c.bin`, size: 100, owner: UPLOADER.id });
		const notOwner = await runVaultNode(credentials, {
			parameters: op('uploadPart', { sessionId: uploaderSession, partNumber: 1, binaryPropertyName: 'data' }),
			inputItems: [await fileItem(randomBytes(100), 'p1')],
		});
		expect(notOwner.error?.message).toContain('INSUFFICIENT_ACCESS');
	});

	test('the 51st active session is refused by Vault', async () => {
		for (let index = simulator.activeUploadSessionCount(); index < 50; index++) {
			simulator.addUploadSession({ path: `/u${ADMIN.id}/f${index}.bin`, size: 10, owner: ADMIN.id });
		}
		const { error } = await runVaultNode(credentials, { parameters: op('create', { path: '/inbox/one-too-many.bin', size: 10 }) });
		expect(error?.message).toContain('OPERATION_NOT_ALLOWED');
	});

	test.each([
		['get', '.'],
		['get', '..'],
		['getParts', '..'],
		['delete', '..'],
		['commit', '.'],
		['get', 'abc\ndef'],
		['delete', 'abc\u0000'],
	])('%s with the Upload Session ID %j is refused before any request, naming the item', async (operation, sessionId) => {
		const { error, items } = await runVaultNode(credentials, {
			parameters: op(operation, { sessionId, returnAll: true }),
			inputItems: [{ json: {} }, { json: {} }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toMatch(/^The Upload Session ID (".{1,2}" is not an ID|contains control characters)/);
		expect(items[0].json.description).toContain('{{ $json.id }}');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(simulator.requests).toHaveLength(0);
	});

	test('an Upload Session ID with slashes and other reserved characters stays one path segment', async () => {
		const { error } = await runVaultNode(credentials, { parameters: op('get', { sessionId: '../upload?x=1#y' }) });
		expect(error?.message).toContain('INVALID_DATA: Invalid upload session ID: ../upload?x=1#y');
		expect(simulator.requests.map((request) => [request.route, request.path])).toEqual([
			['auth', '/api/v25.2/auth'],
			['getUploadSession', '/api/v25.2/services/file_staging/upload/..%2Fupload%3Fx%3D1%23y'],
		]);
	});

	test('an empty Upload Session ID is refused before any request', async () => {
		const { error } = await runVaultNode(credentials, { parameters: op('get', { sessionId: '  ' }) });
		expect(error?.message).toBe('The Upload Session ID is empty');
		expect(simulator.requests).toHaveLength(0);
	});

	test('a part over the API version\'s maximum is refused before any request', async () => {
		const { error } = await runVaultNode(credentials, {
			parameters: op('uploadPart', { sessionId: 'x', partNumber: 1, binaryPropertyName: 'data' }),
			inputItems: [await fileItem(Buffer.alloc(50 * MiB + 1), 'big')],
		});
		expect(error?.message).toContain('a part holds 1 to 52428800 bytes');
		expect(simulator.requests).toHaveLength(0);
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

	test('without options the items are exactly Vault\'s', async () => {
		const { items } = await runVaultNode(credentials, { parameters: op('getAll', { returnAll: true }) });
		expect(Object.keys(items[0].json).sort()).toEqual(
			['created_date', 'expiration_date', 'id', 'last_uploaded_date', 'name', 'overwrite', 'owner', 'path', 'size', 'uploaded', 'uploaded_parts'],
		);
	});
});
