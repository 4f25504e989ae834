// The simulator's object record endpoints over HTTP: one record by ID, and create, upsert, update
// and delete of up to 500 records per request, one result per record in input order.
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { ADMIN_TOKEN, startSimulator } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

type Body = Record<string, unknown>;
type Result = { responseStatus: string; data?: { id: string; url: string }; errors?: Array<{ type: string; message: string }> };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2${path}`, {
		method,
		headers: { Authorization: ADMIN_TOKEN, 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Body;
}

const resultsOf = (answer: Body) => answer.data as Result[];
const products = () => simulator.recordsOf('product__v');

test('create: one result per record in input order; a refused record fails alone, with Vault\'s error type and reason', async () => {
	const answer = await call('POST', '/vobjects/product__v', [
		{ name__v: 'Cholecap', external_id__v: 'P-1', therapeutic_area__vs: 'cardiology__vs', active__vs: true, launch_date__vs: '2024-01-31' },
		{ external_id__v: 'P-2' },
		{ name__v: 'Nyaxa', therapeutic_area__vs: 'dermatology__vs' },
		{ name__v: 'Twin', external_id__v: 'P-1' },
		{ name__v: 'Veniqa', color__c: 'red' },
		{ name__v: { en: 'Gludacta' } },
		{ name__v: 'Plain', generic_name__vs: null },
	]);
	expect(answer.responseStatus).toBe('SUCCESS');
	const results = resultsOf(answer);
	expect(results.map((result) => result.responseStatus)).toEqual(['SUCCESS', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE', 'SUCCESS']);
	expect(results[1].errors).toEqual([{ type: 'PARAMETER_REQUIRED', message: 'Missing required field [name__v]' }]);
	expect(results[2].errors).toEqual([{ type: 'INVALID_DATA', message: 'Invalid value [dermatology__vs] for picklist field [therapeutic_area__vs]' }]);
	expect(results[3].errors).toEqual([{ type: 'INVALID_DATA', message: 'Duplicate value for unique field [external_id__v]' }]);
	expect(results[4].errors![0].message).toBe('Unknown field [color__c] for object [product__v]');
	expect(results[5].errors![0].message).toBe('Invalid value for field [name__v]: expected text, a number or a boolean');
	const stored = products();
	expect(stored.map((record) => record.name__v)).toEqual(['Cholecap', 'Plain']);
	expect(results[0].data).toEqual({ id: stored[0].id, url: `/api/v25.2/vobjects/product__v/${String(stored[0].id)}` });
	expect(stored[0]).toMatchObject({ active__vs: true, launch_date__vs: '2024-01-31', therapeutic_area__vs: 'cardiology__vs' });
});

test('upsert by a unique field: an existing record is updated, a new one created; an idParam that is not unique is refused', async () => {
	const existing = simulator.addRecord('product__v', { name__v: 'Old name', external_id__v: 'U-1' });
	const answer = await call('POST', '/vobjects/product__v?idParam=external_id__v', [
		{ external_id__v: 'U-1', name__v: 'New name' },
		{ external_id__v: 'U-2', name__v: 'Second' },
		{ name__v: 'No key' },
	]);
	const results = resultsOf(answer);
	expect(results.map((result) => result.responseStatus)).toEqual(['SUCCESS', 'SUCCESS', 'FAILURE']);
	expect(results[0].data!.id).toBe(existing.id);
	expect(results[2].errors![0]).toEqual({ type: 'PARAMETER_REQUIRED', message: 'Missing required field [external_id__v]' });
	expect(products().map((record) => [record.external_id__v, record.name__v])).toEqual([
		['U-1', 'New name'],
		['U-2', 'Second'],
	]);
	expect(await call('POST', '/vobjects/product__v?idParam=name__v', [{ name__v: 'x' }])).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
});

test('update by id or by idParam; an unknown record fails alone; null clears a field', async () => {
	const first = simulator.addRecord('product__v', { name__v: 'A', external_id__v: 'E-1', generic_name__vs: 'alpha' });
	const answer = await call('PUT', '/vobjects/product__v', [
		{ id: first.id, name__v: 'A renamed', generic_name__vs: null },
		{ id: '00P999999999999', name__v: 'Ghost' },
	]);
	expect(resultsOf(answer).map((result) => result.responseStatus)).toEqual(['SUCCESS', 'FAILURE']);
	expect(resultsOf(answer)[1].errors![0].message).toBe('Record not found for [id] = [00P999999999999]');
	expect(products()[0]).toMatchObject({ name__v: 'A renamed', generic_name__vs: null });
	const byKey = await call('PUT', '/vobjects/product__v?idParam=external_id__v', [{ external_id__v: 'E-1', name__v: 'By key' }]);
	expect(resultsOf(byKey)[0].data!.id).toBe(first.id);
	expect(products()[0].name__v).toBe('By key');
});

test('delete by id: each record\'s result; the deleted ones are gone, GET of one then answers INVALID_DATA', async () => {
	const kept = simulator.addRecord('product__v', { name__v: 'Kept' });
	const gone = simulator.addRecord('product__v', { name__v: 'Gone' });
	expect(await call('GET', `/vobjects/product__v/${String(gone.id)}`)).toMatchObject({
		responseStatus: 'SUCCESS',
		responseDetails: { object: { name: 'product__v', label: 'Product' } },
		data: { id: gone.id, name__v: 'Gone' },
	});
	const answer = await call('DELETE', '/vobjects/product__v', [{ id: gone.id }, { id: 'nothing' }]);
	expect(resultsOf(answer).map((result) => result.responseStatus)).toEqual(['SUCCESS', 'FAILURE']);
	expect(products().map((record) => record.id)).toEqual([kept.id]);
	expect(await call('GET', `/vobjects/product__v/${String(gone.id)}`)).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
});

test('at most 500 records per request; an empty list, a body that is not a list and an unknown object are refused whole', async () => {
	const many = Array.from({ length: 501 }, (_, index) => ({ name__v: `R${index}` }));
	expect(await call('POST', '/vobjects/product__v', many)).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: expect.stringContaining('500') }] });
	expect(products()).toHaveLength(0);
	expect(resultsOf(await call('POST', '/vobjects/product__v', many.slice(0, 500)))).toHaveLength(500);
	expect(await call('POST', '/vobjects/product__v', [])).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	expect(await call('POST', '/vobjects/product__v', { name__v: 'x' })).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	expect(await call('POST', '/vobjects/nothing__c', [{ name__v: 'x' }])).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'Object [nothing__c] not found' }] });
});

test('CSV input is read like JSON; the migration-mode and no-triggers headers are recorded', async () => {
	const answer = await call('POST', '/vobjects/country__v', 'name__v,abbreviation__vs\r\nFrance,FR\r\nSpain,\r\n', {
		'Content-Type': 'text/csv',
		'X-VaultAPI-MigrationMode': 'true',
		'X-VaultAPI-NoTriggers': 'true',
	});
	expect(resultsOf(answer).map((result) => result.responseStatus)).toEqual(['SUCCESS', 'FAILURE']);
	expect(simulator.recordsOf('country__v').map((record) => record.abbreviation__vs)).toEqual(['FR']);
	const request = simulator.requests.find((candidate) => candidate.route === 'createObjectRecords')!;
	expect(request).toMatchObject({ migrationMode: 'true', noTriggers: 'true' });
});

test('an Object field set by a unique field of the record it points to: {relationship}.{field}', async () => {
	const product = simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	const answer = await call('POST', '/vobjects/study__v', [
		{ name__v: 'Study A', 'product__vsr.external_id__v': 'P-1' },
		{ name__v: 'Study B', 'product__vsr.external_id__v': 'P-404' },
		{ name__v: 'Study C', 'product__vsr.name__v': 'Cholecap' },
		{ name__v: 'Study D', 'owner__vsr.external_id__v': 'P-1' },
		{ name__v: 'Study E', 'product__vsr.external_id__v': '' },
	]);
	const results = resultsOf(answer);
	expect(results.map((result) => result.responseStatus)).toEqual(['SUCCESS', 'FAILURE', 'FAILURE', 'FAILURE', 'SUCCESS']);
	expect(results[1].errors).toEqual([{ type: 'INVALID_DATA', message: 'Invalid value [P-404] for object field [product__vsr.external_id__v]: no product__v record has external_id__v [P-404]' }]);
	expect(results[2].errors![0].message).toBe('Unknown field [product__vsr.name__v] for object [study__v]');
	expect(results[3].errors![0].message).toBe('Unknown field [owner__vsr.external_id__v] for object [study__v]');
	const studies = simulator.recordsOf('study__v');
	expect(studies.map((study) => [study.name__v, study.product__vs ?? null])).toEqual([
		['Study A', product.id],
		['Study E', null],
	]);
	const metadata = (await call('GET', '/metadata/vobjects/study__v')).object as { fields: Array<Record<string, unknown>> };
	expect(metadata.fields.find((field) => field.name === 'product__vs')).toMatchObject({ type: 'Object', relationship_name: 'product__vsr', object: { name: 'product__v' } });
});
