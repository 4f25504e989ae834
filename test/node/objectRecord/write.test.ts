// Object Record → Create, Update, Create or Update, Delete through n8n's engine against the
// simulator: all items at once, at most 500 records per request, each record's result paired back
// to its item; a refused record is that item's error (Continue on Fail) or fails the node after
// its request, naming the records already written.
import type { IDataObject, INodeExecutionData, ResourceMapperFields } from 'n8n-workflow';

import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

const products = { resource: 'objectRecord', object: { mode: 'name', value: 'product__v' } };
const defineBelow = (value: IDataObject) => ({ columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] } });
const autoMap = { columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] } };
const itemsOf = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const paired = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const recordsOf = (object: string) => vault.simulator.recordsOf(object) as IDataObject[];
const writes = () => vault.simulator.count('createObjectRecords') + vault.simulator.count('updateObjectRecords') + vault.simulator.count('deleteObjectRecords');
const mapProduct = defineBelow({ external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}', therapeutic_area__vs: '={{ $json.area }}' });

test('Create: 1,201 items are 3 requests of at most 500; every item gets its record, paired and in order', async () => {
	const input = Array.from({ length: 1201 }, (_, index) => ({ json: { sku: `B-${index}`, name: `Product ${index}`, area: 'oncology__vs' } }));
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'create', ...mapProduct }, inputItems: input });
	expect(result.error).toBeUndefined();
	expect(vault.simulator.count('createObjectRecords')).toBe(3);
	expect(result.items).toHaveLength(1201);
	const stored = recordsOf('product__v');
	expect(stored).toHaveLength(1201);
	expect(result.items.every((item, index) => paired(item) === index && item.json.id === stored[index].id && item.json.external_id__v === `B-${index}`)).toBe(true);
	expect(result.items[0].json).toEqual({ external_id__v: 'B-0', name__v: 'Product 0', therapeutic_area__vs: 'oncology__vs', id: stored[0].id, url: `/api/v25.2/vobjects/product__v/${String(stored[0].id)}` });
});

test('Continue on Fail: a record Vault refuses is an error item paired with its item, with Vault\'s reason; the others are written', async () => {
	const input = itemsOf(
		{ sku: 'P-1', name: 'Cholecap', area: 'cardiology__vs' },
		{ sku: 'P-2', name: 'Nyaxa', area: 'dermatology__vs' },
		{ sku: 'P-1', name: 'Twin', area: 'oncology__vs' },
		{ sku: 'P-4', name: 'Veniqa', area: 'neurology__vs' },
	);
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'create', ...mapProduct }, inputItems: input, onError: 'continueRegularOutput' });
	expect(result.error).toBeUndefined();
	expect(result.items.map(paired)).toEqual([0, 1, 2, 3]);
	expect(result.items.map((item) => (item.json.error ? 'refused' : 'written'))).toEqual(['written', 'refused', 'refused', 'written']);
	expect(result.items[1].json.error).toBe('Vault refused the record of item 1: INVALID_DATA: Invalid value [dermatology__vs] for picklist field [therapeutic_area__vs]');
	expect(result.items[2].json.errors).toEqual([{ type: 'INVALID_DATA', message: 'Duplicate value for unique field [external_id__v]' }]);
	// A refused item carries the values it sent, as a written one does: a Slack or If node after it reads them from $json.
	expect(result.items[2].json).toMatchObject({ external_id__v: 'P-1', name__v: 'Twin', therapeutic_area__vs: 'oncology__vs' });
	expect(recordsOf('product__v').map((record) => record.external_id__v)).toEqual(['P-1', 'P-4']);
});

test('without Continue on Fail: the node fails after the request that refused a record, naming it and the records already written; later batches are not sent', async () => {
	const input = Array.from({ length: 700 }, (_, index) => ({ json: { sku: `F-${index}`, name: `Product ${index}`, area: index === 3 ? 'dermatology__vs' : 'oncology__vs' } }));
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'create', ...mapProduct }, inputItems: input });
	expect(result.error?.message).toBe('Vault refused the record of item 3: INVALID_DATA: Invalid value [dermatology__vs] for picklist field [therapeutic_area__vs]');
	expect(result.error?.description).toContain('499 of 700 records of this run were written before it stopped and stay in Vault (items 0-2, 4-499)');
	expect(result.error?.context?.itemIndex).toBe(3);
	expect(vault.simulator.count('createObjectRecords')).toBe(1);
	expect(recordsOf('product__v')).toHaveLength(499);
});

test('Create or Update by external ID: running the same items twice makes no duplicates; the second run updates', async () => {
	const parameters = { ...products, operation: 'upsert', keyField: 'external_id__v', ...mapProduct };
	const input = itemsOf({ sku: 'U-1', name: 'First', area: 'oncology__vs' }, { sku: 'U-2', name: 'Second', area: 'oncology__vs' });
	const first = await runVaultNode(vault.credentials, { parameters, inputItems: input });
	expect(first.error).toBeUndefined();
	const again = await runVaultNode(vault.credentials, { parameters, inputItems: itemsOf({ sku: 'U-2', name: 'Second, renamed', area: 'neurology__vs' }, { sku: 'U-1', name: 'First', area: 'oncology__vs' }) });
	expect(again.error).toBeUndefined();
	expect(again.items.map((item) => item.json.id)).toEqual([first.items[1].json.id, first.items[0].json.id]);
	expect(recordsOf('product__v').map((record) => [record.external_id__v, record.name__v])).toEqual([
		['U-1', 'First'],
		['U-2', 'Second, renamed'],
	]);
	expect(vault.simulator.requests.filter((request) => request.route === 'createObjectRecords').map((request) => request.query)).toEqual(['?idParam=external_id__v', '?idParam=external_id__v']);
});

test('Update by ID and Delete: each item its record; Delete answers {deleted: true, id}; Record Migration Mode and No Triggers reach Vault', async () => {
	const kept = vault.simulator.addRecord('product__v', { name__v: 'Kept', external_id__v: 'K-1' });
	const gone = vault.simulator.addRecord('product__v', { name__v: 'Gone', external_id__v: 'G-1' });
	const updated = await runVaultNode(vault.credentials, {
		parameters: { ...products, operation: 'update', keyField: 'id', ...defineBelow({ id: '={{ $json.id }}', name__v: '={{ $json.name }}' }), options: { recordMigrationMode: true, noTriggers: true } },
		inputItems: itemsOf({ id: kept.id, name: 'Kept, renamed' }),
	});
	expect(updated.error).toBeUndefined();
	expect(recordsOf('product__v')[0].name__v).toBe('Kept, renamed');
	expect(vault.simulator.requests.find((request) => request.route === 'updateObjectRecords')).toMatchObject({ migrationMode: 'true', noTriggers: 'true', query: '' });

	const deleted = await runVaultNode(vault.credentials, {
		parameters: { ...products, operation: 'delete', keyField: 'external_id__v', keyValue: '={{ $json.key }}' },
		inputItems: itemsOf({ key: 'G-1' }),
	});
	expect(deleted.error).toBeUndefined();
	expect(deleted.items.map((item) => [item.json, paired(item)])).toEqual([[{ deleted: true, id: gone.id }, 0]]);
	expect(recordsOf('product__v').map((record) => record.id)).toEqual([kept.id]);
	expect(vault.simulator.requests.find((request) => request.route === 'deleteObjectRecords')).not.toHaveProperty('migrationMode');
});

describe('bad input is an error naming the item and the field, before anything is sent', () => {
	test.each([
		['a value that is an object', 'create', mapProduct, { sku: { code: 1 }, name: 'x', area: 'oncology__vs' }, 'Values to Send → "external_id__v" holds an object, not a value Vault can store'],
		['an unknown field', 'create', defineBelow({ name__v: '={{ $json.name }}', colour__c: '={{ $json.colour }}' }), { name: 'x', colour: 'red' }, 'Values to Send → "colour__c" is not a field of product__v'],
		['a missing required field', 'create', mapProduct, { sku: 'S-1', name: '', area: 'oncology__vs' }, 'Values to Send → "name__v" is empty; Vault needs it to create a product__v record'],
		['a missing key', 'upsert', mapProduct, { sku: '', name: 'x', area: 'oncology__vs' }, 'Values to Send → "external_id__v" (the Key Field) is empty, so Vault cannot find the record'],
	])('%s', async (_what, operation, columns, badItem, message) => {
		const input = itemsOf({ sku: 'OK-1', name: 'Fine', area: 'oncology__vs' }, badItem as IDataObject);
		const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation, keyField: 'external_id__v', ...columns }, inputItems: input });
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(writes()).toBe(0);
	});

	test('with Continue on Fail the bad item is an error item and the others are sent', async () => {
		const input = itemsOf({ sku: 'OK-1', name: 'Fine', area: 'oncology__vs' }, { sku: ['a'], name: 'x', area: 'oncology__vs' });
		const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'create', ...mapProduct }, inputItems: input, onError: 'continueRegularOutput' });
		expect(result.items.map((item) => [paired(item), item.json.error ?? item.json.external_id__v])).toEqual([
			[0, 'OK-1'],
			[1, 'Values to Send → "external_id__v" holds a list, not a value Vault can store'],
		]);
		expect(writes()).toBe(1);
	});

	test('Map Automatically sends the items\' fields named like the object\'s and names the others in a hint', async () => {
		const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'create', ...autoMap }, inputItems: itemsOf({ name__v: 'Auto', external_id__v: 'A-1', note: 'not a field' }) });
		expect(result.error).toBeUndefined();
		expect(recordsOf('product__v').map((record) => [record.name__v, record.external_id__v])).toEqual([['Auto', 'A-1']]);
		const hints = (result.run.data.resultData.runData['Veeva Vault']?.[0]?.hints ?? []).map((hint) => hint.message);
		expect(hints.join('\n')).toContain('Not sent to Vault (not fields of product__v): note');
	});
});

test('a relationship field set by a unique field of its target: the column is offered, the record found by Vault, a missing one refused for its item', async () => {
	const product = vault.simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	const studies = { resource: 'objectRecord', object: { mode: 'name', value: 'study__v' } };
	const { fields } = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getObjectRecordColumns', { ...studies, operation: 'create' });
	expect(fields.filter((field) => field.id.includes('.'))).toEqual([
		{ id: 'product__vsr.external_id__v', displayName: 'Product by External ID (product__vsr.external_id__v)', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' },
	]);
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...studies, operation: 'create', ...defineBelow({ name__v: '={{ $json.name }}', 'product__vsr.external_id__v': '={{ $json.sku }}' }) },
		inputItems: itemsOf({ name: 'Study A', sku: 'P-1' }, { name: 'Study B', sku: 'P-404' }),
		onError: 'continueRegularOutput',
	});
	expect(result.items.map((item) => [paired(item), item.json.error ?? item.json.name__v])).toEqual([
		[0, 'Study A'],
		[1, 'Vault refused the record of item 1: INVALID_DATA: Invalid value [P-404] for object field [product__vsr.external_id__v]: no product__v record has external_id__v [P-404]'],
	]);
	expect(recordsOf('study__v').map((study) => [study.name__v, study.product__vs])).toEqual([['Study A', product.id]]);
});
