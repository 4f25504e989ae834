// The Veeva Vault Trigger's document and object record events, through n8n-core's poll functions
// against the simulator, with the static data kept across polls as n8n keeps it.
import type { IDataObject } from 'n8n-workflow';

import { VeevaVaultTrigger } from '../../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';
import { runPollNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';
import type { SimRecord } from '../../../simulator/model';

// The Vault's clock is n8n's (a test moves it behind where it needs to).
const vault = simulatorPerTest({ seed: false, clock: new Date().toISOString() });

async function poll(parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger', node = new VeevaVaultTrigger()): Promise<IDataObject[]> {
	const result = await runPollNode(node, vault.credentials, { parameters, staticData, mode });
	return (result?.[0] ?? []).map((item) => item.json);
}

const vaultSecond = () => new Date(Math.floor(vault.simulator.now() / 1000) * 1000).toISOString();
/** A change to a document as Vault makes it: its fields, and the version's modified date now (Vault's clock). */
const changeDocument = (document: SimRecord, fields: SimRecord = {}, at = vaultSecond()) => Object.assign(document, fields, { version_modified_date__v: at });
const ids = (events: IDataObject[]) => events.map((event) => event.id);

describe('Document Created', () => {
	const created = { event: 'documentCreated' };

	test('the first poll starts from now: history never fires; a new document fires once, also after n8n restarts; an idle poll is one query', async () => {
		vault.simulator.addDocument({ createdAgoMs: 3600_000 });
		vault.simulator.addDocument({ createdAgoMs: 5_000 });
		const staticData: IDataObject = {};
		expect(await poll(created, staticData)).toEqual([]);
		const added = vault.simulator.addDocument();
		expect(ids(await poll(created, staticData))).toEqual([added.id]);
		// n8n restarts: a new node instance with the static data it saved.
		const restarted = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const before = vault.simulator.count('query');
		expect(await poll(created, restarted, 'trigger', new VeevaVaultTrigger())).toEqual([]);
		expect(vault.simulator.count('query') - before).toBe(1);
		expect(vault.simulator.count('queryPage')).toBe(0);
	});

	test('many new documents in one poll, more than a page: each fires once', async () => {
		const staticData: IDataObject = {};
		await poll(created, staticData);
		const added = Array.from({ length: 2300 }, () => vault.simulator.addDocument());
		const events = await poll(created, staticData);
		expect(events).toHaveLength(2300);
		expect(new Set(ids(events)).size).toBe(2300);
		expect(ids(events)).toEqual(added.map((document) => document.id));
		expect(vault.simulator.count('queryPage')).toBe(2);
		expect(await poll(created, staticData)).toEqual([]);
	});
});

describe('Document Updated', () => {
	const updated = { event: 'documentUpdated' };

	test('several changes in the same second, seen across two polls, fire once each', async () => {
		const [a, b] = [vault.simulator.addDocument({ createdAgoMs: 3600_000 }), vault.simulator.addDocument({ createdAgoMs: 3600_000 })];
		const staticData: IDataObject = {};
		await poll(updated, staticData);
		const second = vaultSecond();
		changeDocument(a, { title__v: 'first' }, second);
		expect(ids(await poll(updated, staticData))).toEqual([a.id]);
		// b changed in that same second, but only shows at the next poll.
		changeDocument(b, { title__v: 'second' }, second);
		expect(ids(await poll(updated, staticData))).toEqual([b.id]);
		expect(await poll(updated, staticData)).toEqual([]);
		// A later change of a fires again.
		changeDocument(a, { title__v: 'again' }, new Date(Date.parse(second) + 1000).toISOString());
		expect(ids(await poll(updated, staticData))).toEqual([a.id]);
	});

	test('a change that lands between polls with the Vault clock 30 s behind n8n\'s fires', async () => {
		vault.simulator.advanceClock(-30_000);
		const document = vault.simulator.addDocument({ createdAgoMs: 3600_000 });
		const staticData: IDataObject = {};
		await poll(updated, staticData);
		changeDocument(document, { title__v: 'late' });
		expect(ids(await poll(updated, staticData))).toEqual([document.id]);
		expect(await poll(updated, staticData)).toEqual([]);
	});

	test('the static data does not grow with the number of documents', async () => {
		const sizeAfterChanges = async (documents: number) => {
			vault.simulator.documents.length = 0;
			const all = Array.from({ length: documents }, () => vault.simulator.addDocument({ createdAgoMs: 3600_000 }));
			const staticData: IDataObject = {};
			await poll(updated, staticData);
			for (const document of all.slice(0, 5)) changeDocument(document, { title__v: 'x' });
			expect(await poll(updated, staticData)).toHaveLength(5);
			await poll(updated, staticData);
			return JSON.stringify(staticData).length - JSON.stringify(all.slice(0, 5).map((document) => document.id)).length;
		};
		expect(await sizeAfterChanges(6000)).toBe(await sizeAfterChanges(50));
	});

	test('the VQL Filter narrows the changes; a filter Vault refuses fails the activation naming the field', async () => {
		const [general, labeling] = [vault.simulator.addDocument({ createdAgoMs: 3600_000 }), vault.simulator.addDocument({ createdAgoMs: 3600_000, type__v: 'Labeling' })];
		const staticData: IDataObject = {};
		const filtered = { ...updated, vqlFilter: "type__v = 'Labeling'" };
		await poll(filtered, staticData);
		changeDocument(general, { title__v: 'x' });
		changeDocument(labeling, { title__v: 'y' });
		expect(ids(await poll(filtered, staticData))).toEqual([labeling.id]);

		await expect(poll({ ...updated, vqlFilter: "type__v = 'Labeling" }, {})).rejects.toThrow(/^VQL Filter → Vault refused the query: INCORRECT_QUERY_SYNTAX_ERROR/);
		await expect(poll({ ...updated, vqlFilter: "colour__c = 'red'" }, {})).rejects.toThrow(/^VQL Filter → .*INVALID_DATA.*colour__c/);
	});
});

describe('Entered State', () => {
	test('a document approved fires once; a state not chosen does not; an unknown state fails the activation naming the field', async () => {
		const document = vault.simulator.addDocument({ createdAgoMs: 3600_000, lifecycle__v: 'General Lifecycle' });
		const approved = { event: 'documentEnteredState', states: ['Approved'] };
		const staticData: IDataObject = {};
		expect(await poll(approved, staticData)).toEqual([]);
		expect(vault.simulator.count('configuration')).toBe(1);
		changeDocument(document, { status__v: 'In Review', minor_version_number__v: 2 });
		expect(await poll(approved, staticData)).toEqual([]);
		changeDocument(document, { status__v: 'Approved', major_version_number__v: 1, minor_version_number__v: 0 });
		const events = await poll(approved, staticData);
		expect(events).toEqual([expect.objectContaining({ id: document.id, status__v: 'Approved', major_version_number__v: 1 })]);
		expect(await poll(approved, staticData)).toEqual([]);
		expect(vault.simulator.count('configuration')).toBe(1);

		await expect(poll({ ...approved, states: ['Aproved'] }, {})).rejects.toThrow('State → "Aproved" is not a lifecycle state of documents');
	});

	test('a record entering a state of its object fires once', async () => {
		const record = vault.simulator.addRecord('product__v', { name__v: 'CholeCap' });
		const active = { event: 'recordEnteredState', object: { mode: 'list', value: 'product__v' }, states: ['active_state__c'] };
		const staticData: IDataObject = {};
		expect(await poll(active, staticData)).toEqual([]);
		Object.assign(record, { state__v: 'active_state__c', modified_date__v: vaultSecond() });
		expect(ids(await poll(active, staticData))).toEqual([record.id]);
		expect(await poll(active, staticData)).toEqual([]);
		await expect(poll({ ...active, states: ['approved_state__c'] }, {})).rejects.toThrow('State → "approved_state__c" is not a lifecycle state of product__v');
	});
});

test('an object Vault does not have fails the activation naming the Object field, with or without a VQL Filter', async () => {
	for (const vqlFilter of ['', "name__v = 'x'"]) {
		await expect(poll({ event: 'recordCreated', object: { mode: 'name', value: 'prodcut__v' }, vqlFilter }, {})).rejects.toThrow('Object → Vault has no object "prodcut__v" to query: INVALID_DATA: Invalid query target [prodcut__v]');
	}
});

test('Record Created and Record Updated fire once per new record and per change', async () => {
	const object = { mode: 'list', value: 'account__v' };
	const old = vault.simulator.addRecord('account__v', { name__v: 'Old', created_date__v: '2026-01-01T00:00:00.000Z', modified_date__v: '2026-01-01T00:00:00.000Z' });
	const [createdState, updatedState]: IDataObject[] = [{}, {}];
	await poll({ event: 'recordCreated', object }, createdState);
	await poll({ event: 'recordUpdated', object }, updatedState);
	const added = vault.simulator.addRecord('account__v', { name__v: 'New' });
	Object.assign(old, { city__vs: 'Basel', modified_date__v: vaultSecond() });
	expect(ids(await poll({ event: 'recordCreated', object }, createdState))).toEqual([added.id]);
	expect(ids(await poll({ event: 'recordUpdated', object }, updatedState))).toEqual([old.id]);
	expect(await poll({ event: 'recordUpdated', object }, updatedState)).toEqual([]);
});

test('Fetch Test Event returns the newest matching change and leaves the state alone', async () => {
	vault.simulator.addDocument({ createdAgoMs: 7200_000 });
	const newest = vault.simulator.addDocument({ createdAgoMs: 3600_000 });
	const staticData: IDataObject = {};
	expect(ids(await poll({ event: 'documentCreated' }, staticData, 'manual'))).toEqual([newest.id]);
	expect(staticData).toEqual({});
	await expect(poll({ event: 'documentEnteredState', states: ['Approved'] }, {}, 'manual')).rejects.toThrow('Nothing in the Vault fits this event yet');
});
