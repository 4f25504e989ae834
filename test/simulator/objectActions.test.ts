// The simulator's object record user actions over HTTP: the actions a record's state allows, and
// running one on one record or on many (form field ids), one result per id in input order.
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { ADMIN_TOKEN, startSimulator } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator({ seed: false });
});
afterEach(async () => {
	await simulator.stop();
});

type Body = Record<string, unknown>;
const TO_ACTIVE_FROM_DRAFT = 'Objectlifecyclestateuseraction.product__v.draft_state__c.change_state_to_active_useraction__c';
const TO_INACTIVE = 'Objectlifecyclestateuseraction.product__v.active_state__c.change_state_to_inactive_useraction__c';

async function call(method: string, path: string, form?: Record<string, string>): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2${path}`, {
		method,
		headers: { Authorization: ADMIN_TOKEN, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: form ? new URLSearchParams(form).toString() : undefined,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Body;
}

const stateOf = (id: unknown) => simulator.recordsOf('product__v').find((record) => record.id === id)?.state__v;

test('a new product starts in its lifecycle\'s first state; its actions are the ones that state allows, with Vault\'s links', async () => {
	const record = simulator.addRecord('product__v', { name__v: 'Cholecap' });
	expect(record).toMatchObject({ lifecycle__v: 'product_lifecycle__c', state__v: 'draft_state__c' });
	const answer = await call('GET', `/vobjects/product__v/${String(record.id)}/actions`);
	const href = `/api/v25.2/vobjects/product__v/${String(record.id)}/actions/${TO_ACTIVE_FROM_DRAFT}`;
	expect(answer).toEqual({
		responseStatus: 'SUCCESS',
		data: [
			{
				links: [
					{ rel: 'metadata', href, accept: 'application/json', method: 'GET' },
					{ rel: 'execute', href, accept: 'application/json', method: 'POST' },
				],
				label: 'Change State to Active',
				type: 'state_change',
				name: TO_ACTIVE_FROM_DRAFT,
			},
		],
	});
	expect(await call('GET', '/vobjects/product__v/00P999999999999/actions')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	const country = simulator.addRecord('country__v', { name__v: 'France', abbreviation__vs: 'FR' });
	expect(await call('GET', `/vobjects/country__v/${String(country.id)}/actions`)).toEqual({ responseStatus: 'SUCCESS', data: [] });
});

test('one record: the action changes its state; an action its state does not allow is refused and changes nothing', async () => {
	const record = simulator.addRecord('product__v', { name__v: 'Cholecap' });
	expect(await call('POST', `/vobjects/product__v/${String(record.id)}/actions/${TO_INACTIVE}`, {})).toEqual({
		responseStatus: 'FAILURE',
		errors: [{ type: 'OPERATION_NOT_ALLOWED', message: `Action [change_state_to_inactive_useraction__c] cannot be initiated on record [${String(record.id)}] in state [draft_state__c]` }],
	});
	expect(stateOf(record.id)).toBe('draft_state__c');
	expect(await call('POST', `/vobjects/product__v/${String(record.id)}/actions/${TO_ACTIVE_FROM_DRAFT}`, {})).toEqual({ responseStatus: 'SUCCESS' });
	expect(stateOf(record.id)).toBe('active_state__c');
	expect(await call('POST', `/vobjects/product__v/${String(record.id)}/actions/${TO_INACTIVE}`, {})).toEqual({ responseStatus: 'SUCCESS' });
	expect(stateOf(record.id)).toBe('inactive_state__c');
});

test('many records: one result per id in input order; a record in another state or unknown fails alone', async () => {
	const draft = simulator.addRecord('product__v', { name__v: 'A' });
	const active = simulator.addRecord('product__v', { name__v: 'B', state__v: 'active_state__c' });
	const alsoDraft = simulator.addRecord('product__v', { name__v: 'C' });
	const ids = `${String(draft.id)}, ${String(active.id)},00P999999999999,${String(alsoDraft.id)}`;
	const answer = await call('POST', `/vobjects/product__v/actions/${TO_ACTIVE_FROM_DRAFT}`, { ids });
	expect(answer).toEqual({
		responseStatus: 'SUCCESS',
		data: [
			{ responseStatus: 'SUCCESS', id: draft.id },
			{
				responseStatus: 'FAILURE',
				id: active.id,
				errors: [{ type: 'OPERATION_NOT_ALLOWED', message: `Action [change_state_to_active_useraction__c] cannot be initiated on record [${String(active.id)}] in state [active_state__c]` }],
			},
			{ responseStatus: 'FAILURE', id: '00P999999999999', errors: [{ type: 'INVALID_DATA', message: 'Invalid record ID [00P999999999999] for object [product__v]' }] },
			{ responseStatus: 'SUCCESS', id: alsoDraft.id },
		],
	});
	expect([draft, active, alsoDraft].map((record) => stateOf(record.id))).toEqual(['active_state__c', 'active_state__c', 'active_state__c']);
});

test('refused whole: no ids, more than 500, an action name that is not one of the object\'s', async () => {
	const record = simulator.addRecord('product__v', { name__v: 'A' });
	const many = Array.from({ length: 501 }, () => String(record.id)).join(',');
	expect(await call('POST', `/vobjects/product__v/actions/${TO_ACTIVE_FROM_DRAFT}`, {})).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'PARAMETER_REQUIRED', message: 'Missing required parameter [ids]' }] });
	expect(await call('POST', `/vobjects/product__v/actions/${TO_ACTIVE_FROM_DRAFT}`, { ids: many })).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	for (const name of ['change_state_to_active_useraction__c', TO_ACTIVE_FROM_DRAFT.replace('product__v', 'study__v'), `${TO_ACTIVE_FROM_DRAFT}x`]) {
		expect(await call('POST', `/vobjects/product__v/actions/${name}`, { ids: String(record.id) })).toEqual({
			responseStatus: 'FAILURE',
			errors: [{ type: 'INVALID_DATA', message: `Invalid action [${name}] for object [product__v]` }],
		});
	}
	expect(stateOf(record.id)).toBe('draft_state__c');
});
