// Object Record → Get and Get Many through n8n's engine against the simulator, and what the editor
// shows for the write operations (columns and Key Fields from the object's metadata).
import type { INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const products = { resource: 'objectRecord', object: { mode: 'name', value: 'product__v' } };
const addProducts = (count: number) =>
	Array.from({ length: count }, (_, index) =>
		vault.simulator.addRecord('product__v', { name__v: `Product ${index}`, external_id__v: `E-${index}`, therapeutic_area__vs: index % 2 ? 'oncology__vs' : 'cardiology__vs', active__vs: index % 3 === 0 }),
	);
const queries = () => vault.simulator.count('query');

test('Get: one record by ID per item, every field Vault holds; an unknown ID is Vault\'s INVALID_DATA with the fields to check', async () => {
	const [first, second] = addProducts(2);
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, operation: 'get', recordId: '={{ $json.id }}' },
		inputItems: [{ json: { id: second.id } }, { json: { id: first.id } }],
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.id, item.json.name__v, (item.pairedItem as { item: number }).item])).toEqual([
		[second.id, 'Product 1', 0],
		[first.id, 'Product 0', 1],
	]);
	const missing = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'get', recordId: '00P999999999999' } });
	expect(missing.error?.message).toContain('INVALID_DATA');
	expect(missing.error?.description).toContain('Check Object and Record ID');
});

test('Get Many, Return All: every page (2,300 records are 3 pages of 1,000), every field of the object', async () => {
	addProducts(2300);
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'getAll', returnAll: true } });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(2300);
	expect(result.items[2299].json).toMatchObject({ name__v: 'Product 2299', external_id__v: 'E-2299' });
	expect(Object.keys(result.items[0].json)).toEqual(['id', 'name__v', 'external_id__v', 'generic_name__vs', 'therapeutic_area__vs', 'launch_date__vs', 'active__vs', 'created_date__v', 'modified_date__v', 'lifecycle__v', 'state__v']);
	expect(vault.simulator.requests.filter((request) => request.route.startsWith('query')).length).toBeGreaterThanOrEqual(3);
});

test('Get Many with a Limit reads one page; filters and a raw WHERE become VQL (text quoted, booleans bare), chosen fields only', async () => {
	addProducts(30);
	const limited = await runVaultNode(vault.credentials, { parameters: { ...products, operation: 'getAll', returnAll: false, limit: 7 } });
	expect(limited.items).toHaveLength(7);
	expect(queries()).toBe(1);
	const filtered = await runVaultNode(vault.credentials, {
		parameters: {
			...products,
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'therapeutic_area__vs', operator: 'equal', value: 'oncology__vs' }, { field: 'active__vs', operator: 'equal', value: 'true' }] },
			where: "name__v LIKE 'Product 2%' OR name__v = 'Product 9'",
			options: { fields: ['id', 'name__v'] },
		},
	});
	expect(filtered.error).toBeUndefined();
	expect(filtered.items.map((item) => item.json.name__v)).toEqual(['Product 9', 'Product 21', 'Product 27']);
	expect(Object.keys(filtered.items[0].json)).toEqual(['id', 'name__v']);
	const notANumber = await runVaultNode(vault.credentials, {
		parameters: { ...products, operation: 'getAll', filters: { conditions: [{ field: 'active__vs', operator: 'equal', value: 'yes' }] } },
	});
	expect(notANumber.error?.message).toBe('Filters → "active__vs" is a yes/no field; "yes" is neither true nor false');
});

test('the editor: Columns of Create mark required fields and offer picklist values; Create or Update marks them too; Key Fields are the unique ones', async () => {
	const columns = async (operation: string) => (await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getObjectRecordColumns', { ...products, operation })).fields;
	const create = Object.fromEntries((await columns('create')).map((field) => [field.id, field]));
	expect(create.id).toBeUndefined();
	expect(create.name__v).toMatchObject({ required: true });
	expect(create.therapeutic_area__vs.options?.map((option) => option.value)).toEqual(['cardiology__vs', 'oncology__vs', 'neurology__vs']);
	const upsert = await columns('upsert');
	expect(upsert.filter((field) => field.required).map((field) => field.id)).toEqual(['name__v']);
	expect((await columns('update')).filter((field) => field.required)).toEqual([]);
	const keys = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getKeyFields', { ...products, operation: 'upsert' });
	expect(keys.map((key) => key.value)).toEqual(['id', 'external_id__v']);
});
