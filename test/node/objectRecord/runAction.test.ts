// Object Record → Run Action through n8n's engine against the simulator: a lifecycle user action on
// the record each item names, up to 500 records per request (one record: the single-record call),
// each record's result paired back to its item; the action list loaded for the editor.
import type { IDataObject, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

const TO_ACTIVE = 'Objectlifecyclestateuseraction.product__v.draft_state__c.change_state_to_active_useraction__c';
const TO_INACTIVE = 'Objectlifecyclestateuseraction.product__v.active_state__c.change_state_to_inactive_useraction__c';
const runAction = (action: string) => ({ resource: 'objectRecord', operation: 'runAction', object: { mode: 'name', value: 'product__v' }, recordId: '={{ $json.id }}', action });
const paired = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const products = (count: number, fields: IDataObject = {}) => Array.from({ length: count }, (_, index) => vault.simulator.addRecord('product__v', { name__v: `Product ${index}`, ...fields }));
const itemsOf = (records: IDataObject[]): INodeExecutionData[] => records.map((record) => ({ json: { id: record.id } }));
const stateOf = (id: unknown) => vault.simulator.recordsOf('product__v').find((record) => record.id === id)?.state__v;
const actionRequests = () => vault.simulator.count('runObjectRecordsAction') + vault.simulator.count('runObjectRecordAction');

test('1,201 items are 3 requests of at most 500; every item gets its result, paired and in order', async () => {
	const records = products(1201);
	const result = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf(records) });
	expect(result.error).toBeUndefined();
	expect(vault.simulator.count('runObjectRecordsAction')).toBe(3);
	expect(result.items).toHaveLength(1201);
	expect(result.items.every((item, index) => paired(item) === index && item.json.id === records[index].id && item.json.action === TO_ACTIVE)).toBe(true);
	expect(records.every((record) => stateOf(record.id) === 'active_state__c')).toBe(true);
	const sent = vault.simulator.requests.filter((request) => request.route === 'runObjectRecordsAction');
	expect(sent.map((request) => request.path)).toEqual(Array(3).fill(`/api/v25.2/vobjects/product__v/actions/${TO_ACTIVE}`));
});

test('Continue on Fail: a record whose state does not allow the action is an error item paired with its item, with Vault\'s reason; the others run', async () => {
	const [first, alreadyActive, third] = [...products(1), ...products(1, { state__v: 'active_state__c' }), ...products(1)];
	const result = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf([first, alreadyActive, third]), onError: 'continueRegularOutput' });
	expect(result.error).toBeUndefined();
	expect(result.items.map(paired)).toEqual([0, 1, 2]);
	expect(result.items[0].json).toEqual({ id: first.id, action: TO_ACTIVE });
	expect(result.items[1].json).toEqual({
		error: `Vault refused the action on the record of item 1 (${String(alreadyActive.id)}): OPERATION_NOT_ALLOWED: Action [change_state_to_active_useraction__c] cannot be initiated on record [${String(alreadyActive.id)}] in state [active_state__c]`,
		id: alreadyActive.id,
		action: TO_ACTIVE,
		errors: [{ type: 'OPERATION_NOT_ALLOWED', message: `Action [change_state_to_active_useraction__c] cannot be initiated on record [${String(alreadyActive.id)}] in state [active_state__c]` }],
	});
	expect(result.items[2].json).toEqual({ id: third.id, action: TO_ACTIVE });
	expect(vault.simulator.count('runObjectRecordsAction')).toBe(1);
});

test('without Continue on Fail: the node fails after the request that refused a record, naming it and the records the action ran on; later batches are not sent', async () => {
	const records = products(700);
	vault.simulator.recordsOf('product__v')[3].state__v = 'inactive_state__c';
	const result = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf(records) });
	expect(result.error?.message).toMatch(/^Vault refused the action on the record of item 3 \(00P\d{12}\): OPERATION_NOT_ALLOWED: /);
	expect(result.error?.description).toContain('The action ran on 499 of 700 records of this run before it stopped (items 0-2, 4-499)');
	expect(result.error?.context?.itemIndex).toBe(3);
	expect(vault.simulator.count('runObjectRecordsAction')).toBe(1);
	expect(stateOf(records[600].id)).toBe('draft_state__c');
});

test('one item goes through the single-record call; its refusal is that item\'s error (Continue on Fail) or the node\'s', async () => {
	const [record] = products(1);
	const done = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf([record]) });
	expect(done.error).toBeUndefined();
	expect(done.items.map((item) => item.json)).toEqual([{ id: record.id, action: TO_ACTIVE }]);
	expect([vault.simulator.count('runObjectRecordAction'), vault.simulator.count('runObjectRecordsAction')]).toEqual([1, 0]);
	expect(stateOf(record.id)).toBe('active_state__c');

	const again = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf([record]), onError: 'continueRegularOutput' });
	expect(again.items.map((item) => [paired(item), (item.json.errors as IDataObject[])?.[0]?.type])).toEqual([[0, 'OPERATION_NOT_ALLOWED']]);
	const failed = await runVaultNode(vault.credentials, { parameters: runAction(TO_ACTIVE), inputItems: itemsOf([record]) });
	expect(failed.error?.message).toContain('OPERATION_NOT_ALLOWED');
	expect(failed.error?.description).toContain('The action ran on no record of this run.');
	expect(vault.simulator.count('runObjectRecordAction')).toBe(3);
});

test('an action chosen per item by expression: one request per action, each result paired with its item', async () => {
	const [draft, active, draft2] = [...products(1), ...products(1, { state__v: 'active_state__c' }), ...products(1)];
	const input = [draft, active, draft2].map((record) => ({ json: { id: record.id, action: record.state__v === 'active_state__c' ? TO_INACTIVE : TO_ACTIVE } }));
	const result = await runVaultNode(vault.credentials, { parameters: { ...runAction(''), action: '={{ $json.action }}' }, inputItems: input });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [paired(item), item.json.id, item.json.action])).toEqual([
		[0, draft.id, TO_ACTIVE],
		[1, active.id, TO_INACTIVE],
		[2, draft2.id, TO_ACTIVE],
	]);
	expect([draft, active, draft2].map((record) => stateOf(record.id))).toEqual(['active_state__c', 'inactive_state__c', 'active_state__c']);
	expect([vault.simulator.count('runObjectRecordsAction'), vault.simulator.count('runObjectRecordAction')]).toEqual([1, 1]);
});

describe('bad input is an error naming the item and the field, before anything is sent', () => {
	test.each([
		['an empty Record ID', { id: '' }, TO_ACTIVE, 'The Record ID is empty'],
		['an action given by its short name', {}, 'change_state_to_active_useraction__c', 'Action "change_state_to_active_useraction__c" is not a user action\'s full name'],
		['an action of another object', {}, TO_ACTIVE.replace('product__v', 'study__v'), `Action "${TO_ACTIVE.replace('product__v', 'study__v')}" is an action of study__v, not of product__v`],
	])('%s', async (_what, badItem, badAction, message) => {
		const [good, other] = products(2);
		const input = [{ json: { id: good.id, action: TO_ACTIVE } }, { json: { id: other.id, action: badAction, ...badItem } }];
		const result = await runVaultNode(vault.credentials, { parameters: { ...runAction(''), action: '={{ $json.action }}' }, inputItems: input });
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(actionRequests()).toBe(0);
	});
});

test('the editor lists the actions the record under Record ID allows now; with an expression the list is empty', async () => {
	const [record] = products(1, { state__v: 'active_state__c' });
	const options = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getRecordActions', { ...runAction(''), recordId: String(record.id) });
	expect(options).toEqual([{ name: 'Change State to Inactive', value: TO_INACTIVE, description: `state_change: ${TO_INACTIVE}` }]);
	expect(await runEditorMethod(vault.credentials, 'loadOptions', 'getRecordActions', runAction(''))).toEqual([]);
	expect(vault.simulator.count('listObjectRecordActions')).toBe(1);
});
