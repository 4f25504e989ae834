// What the editor shows for Vault Loader: the objects to pick, the columns to map (from the Vault's
// metadata) and the Key Fields, each through n8n-core's load-options context against the simulator.
import type { INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import { runEditorMethod, runListSearch } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const productLoad = (loadAction: string) => ({ resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: { mode: 'list', value: 'product__v' }, loadAction });

test('the Object picker lists the Vault\'s objects by label, and searches label and name', async () => {
	const all = await runListSearch(vault.credentials, 'searchObjects');
	expect(all.results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['product__v', 'country__v', 'study__v']));
	expect(all.results.find((entry) => entry.value === 'product__v')?.name).toMatch(/\(product__v\)$/);
	const found = await runListSearch(vault.credentials, 'searchObjects', { filter: 'COUNTRY' });
	expect(found.results.map((entry) => entry.value)).toEqual(['country__v']);
});

test('Columns for Create: the editable fields, the required ones marked, picklists as options, no id', async () => {
	const { fields } = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', productLoad('create'));
	const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
	expect(byId.id).toBeUndefined();
	expect(byId.created_date__v).toBeUndefined();
	expect(byId.name__v).toMatchObject({ required: true, type: 'string', display: true });
	expect(byId.external_id__v).toMatchObject({ required: false, canBeUsedToMatch: true });
	expect(byId.therapeutic_area__vs.type).toBe('options');
	expect(byId.therapeutic_area__vs.options?.map((option) => option.value)).toEqual(['cardiology__vs', 'oncology__vs', 'neurology__vs']);
	expect(byId.launch_date__vs.type).toBe('dateTime');
	expect(byId.active__vs.type).toBe('boolean');
});

test('Columns for Update include id and require only the Key Field, offered first; documents add the file column; versions have fixed columns', async () => {
	const update = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', { ...productLoad('update'), keyField: 'id' });
	expect(update.fields[0]).toMatchObject({ id: 'id', required: true });
	expect(update.fields.filter((field) => field.required).map((field) => field.id)).toEqual(['id']);
	for (const loadAction of ['upsert', 'delete']) {
		const byKey = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', { ...productLoad(loadAction), keyField: 'external_id__v' });
		expect(byKey.fields.filter((field) => field.required).map((field) => field.id)).toEqual(['external_id__v']);
		expect(byKey.fields[0].id).toBe('external_id__v');
	}
	const documents = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', { resource: 'loader', operation: 'load', objectType: 'documents__v', loadAction: 'create' });
	expect(documents.fields.find((field) => field.id === 'file')).toMatchObject({ required: true });
	expect(documents.fields.find((field) => field.id === 'name__v')).toMatchObject({ required: true });
	const versions = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', { resource: 'loader', operation: 'load', objectType: 'document_versions__v' });
	expect(versions.fields.map((field) => field.id)).toEqual(['id', 'external_id__v', 'file']);
	expect(vault.simulator.requests.filter((request) => request.route !== 'auth').length).toBe(5);
});

test('without an object there is nothing to map yet, and nothing is asked of Vault', async () => {
	const empty = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', { ...productLoad('create'), object: { mode: 'list', value: '' } });
	expect(empty.fields).toEqual([]);
	expect(empty.emptyFieldsNotice).toBe('Choose an object first');
	expect(vault.simulator.requests).toHaveLength(0);
});

test('Key Field lists the fields that find one record: id and the unique ones', async () => {
	const options = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getKeyFields', productLoad('upsert'));
	expect(options.map((option) => option.value)).toEqual(['id', 'external_id__v']);
	const extractFields = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getExtractFields', { ...productLoad('create'), operation: 'extract' });
	expect(extractFields.map((option) => option.value)).toEqual(expect.arrayContaining(['id', 'name__v', 'created_date__v']));
});
