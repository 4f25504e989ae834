// The simulator's metadata endpoints, Vault Loader (load, extract, logs) and VQL over object
// records, over HTTP, as loader-spec.md describes them.
import { ADMIN_TOKEN, startSimulator } from '../harness/vault';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';

let simulator: VaultSimulator;
afterEach(async () => {
	await simulator.stop();
});

type Body = Record<string, unknown>;

/** The entries of a list in an answer, by name. */
function byName(list: unknown): Record<string, Body> {
	return Object.fromEntries((list as Body[]).map((entry) => [String(entry.name), entry]));
}

async function get(path: string, token = ADMIN_TOKEN): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2${path}`, { headers: { Authorization: token } });
	return (await response.json()) as Body;
}

async function vql(q: string, token = ADMIN_TOKEN): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2/query`, { method: 'POST', headers: { Authorization: token }, body: new URLSearchParams({ q }) });
	return (await response.json()) as Body;
}

describe('metadata', () => {
	test('lists the objects and describes each with its fields; an unknown object answers INVALID_DATA', async () => {
		simulator = await startSimulator();
		const list = await get('/metadata/vobjects');
		expect(list).toMatchObject({ responseStatus: 'SUCCESS' });
		expect(Object.keys(byName(list.objects))).toEqual(['product__v', 'country__v', 'study__v']);
		expect(byName(list.objects).product__v).toEqual({ name: 'product__v', label: 'Product', label_plural: 'Products', url: '/api/v25.2/metadata/vobjects/product__v', status: ['active__v'] });

		const product = (await get('/metadata/vobjects/product__v')).object as Body;
		expect(product).toMatchObject({ name: 'product__v', label: 'Product', label_plural: 'Products' });
		const fields = byName(product.fields);
		expect(Object.keys(fields)).toEqual([
			'id',
			'name__v',
			'external_id__v',
			'generic_name__vs',
			'therapeutic_area__vs',
			'launch_date__vs',
			'active__vs',
			'created_date__v',
			'modified_date__v',
		]);
		expect(fields.id).toMatchObject({ type: 'ID', editable: false, system_managed: true });
		expect(fields.name__v).toMatchObject({ type: 'String', required: true, max_length: 128 });
		expect(fields.external_id__v).toMatchObject({ unique: true });
		expect(fields.therapeutic_area__vs).toMatchObject({
			type: 'Picklist',
			picklist: 'therapeutic_area__vs',
			picklist_values: [
				{ name: 'cardiology__vs', label: 'Cardiology' },
				{ name: 'oncology__vs', label: 'Oncology' },
				{ name: 'neurology__vs', label: 'Neurology' },
			],
		});
		expect(fields.launch_date__vs).toMatchObject({ type: 'Date' });
		expect(fields.active__vs).toMatchObject({ type: 'Boolean' });
		expect(fields.modified_date__v).toMatchObject({ type: 'DateTime', editable: false, system_managed: true });

		const study = (await get('/metadata/vobjects/study__v')).object as Body;
		expect(byName(study.fields).product__vs).toMatchObject({ type: 'Object', object: { name: 'product__v' } });
		const country = (await get('/metadata/vobjects/country__v')).object as Body;
		expect(byName(country.fields).abbreviation__vs).toMatchObject({ required: true, unique: true });

		expect(await get('/metadata/vobjects/nothing__c')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'Object [nothing__c] not found' }] });
	});

	test('describes the document properties', async () => {
		simulator = await startSimulator();
		const answer = await get('/metadata/objects/documents/properties');
		expect(answer.responseStatus).toBe('SUCCESS');
		const properties = byName(answer.properties);
		expect(properties.name__v).toMatchObject({ required: true, editable: true, queryable: true, setOnCreateOnly: false, hidden: false });
		expect(Object.keys(byName(properties.type__v.picklist_values))).toEqual(['General', 'Labeling', 'Promotional Material']);
		expect(properties.lifecycle__v).toMatchObject({ required: true, setOnCreateOnly: true, picklist_values: [{ name: 'General Lifecycle' }] });
		expect(properties.status__v).toMatchObject({ editable: false });
		expect(properties).not.toHaveProperty('file');
	});
});

test('VQL reads object records; the control API adds and lists them', async () => {
	simulator = await startSimulator();
	const added = simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	expect(added.id).toMatch(/^00P\d{12}$/);
	await fetch(`${simulator.baseUrl}/_sim/records/product__v`, { method: 'POST', body: JSON.stringify({ name__v: 'Gludacta', external_id__v: 'P-2' }) });
	const listed = (await (await fetch(`${simulator.baseUrl}/_sim/records/product__v`)).json()) as Body[];
	expect(listed.map((record) => record.name__v)).toEqual(['Cholecap', 'Gludacta']);

	const answer = await vql("SELECT id, name__v, external_id__v FROM product__v WHERE external_id__v = 'P-2'");
	expect(answer).toMatchObject({ responseStatus: 'SUCCESS', data: [{ id: listed[1].id, name__v: 'Gludacta', external_id__v: 'P-2' }] });
	expect(await vql('SELECT colour__c FROM product__v')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	expect((await fetch(`${simulator.baseUrl}/_sim/records/nothing__c`)).status).toBe(404);

	await simulator.reset();
	expect(simulator.recordsOf('product__v')).toEqual([]);
});
