import { LOADER_OBJECT_TYPES, columnsFromMetadata, fixedColumns, loaderColumnsOf, mapperFieldOf, unfilledRequiredColumns } from '../../nodes/VeevaVault/rules/loaderColumns';
import type { LoaderColumn, VaultField } from '../../nodes/VeevaVault/rules/loaderColumns';

const fields: VaultField[] = [
	{ name: 'id', label: 'ID', type: 'ID', editable: false, system_managed: true, unique: true },
	{ name: 'name__v', label: 'Name', type: 'String', required: true, editable: true },
	{ name: 'external_id__v', label: 'External ID', type: 'String', unique: true, editable: true },
	{ name: 'area__c', label: 'Area', type: 'Picklist', editable: true, picklist_values: [{ name: 'one__c', label: 'One' }, { name: 'two__c' }] },
	{ name: 'created_date__v', type: 'DateTime', editable: true, system_managed: true },
	{ name: 'locked__c', type: 'String', editable: false },
	{ name: 'plain__c' },
];

test('Create: editable fields that are not system managed, no id; required as Vault says; labels with names', () => {
	const columns = loaderColumnsOf(fields, 'vobjects__v', 'create');
	expect(columns.map((column) => [column.name, column.required, column.unique])).toEqual([
		['name__v', true, false],
		['external_id__v', false, true],
		['area__c', false, false],
		['plain__c', false, false],
	]);
	expect(columns[0].label).toBe('Name (name__v)');
	expect(columns[3]).toEqual({ name: 'plain__c', label: 'plain__c', type: 'String', required: false, unique: false });
	expect(columns[2].options).toEqual([
		{ name: 'One', value: 'one__c' },
		{ name: 'two__c', value: 'two__c' },
	]);
});

test.each(['update', 'upsert', 'delete'] as const)('%s: id is a column that finds one record, and nothing is required', (action) => {
	const columns = loaderColumnsOf(fields, 'vobjects__v', action);
	expect(columns[0]).toMatchObject({ name: 'id', unique: true, required: false });
	expect(columns.filter((column) => column.required)).toEqual([]);
});

test('documents add the file column, required on create, absent on delete', () => {
	expect(loaderColumnsOf(fields, 'documents__v', 'create').at(-1)).toMatchObject({ name: 'file', required: true });
	expect(loaderColumnsOf(fields, 'documents__v', 'update').at(-1)).toMatchObject({ name: 'file', required: false });
	expect(loaderColumnsOf(fields, 'documents__v', 'delete').some((column) => column.name === 'file')).toBe(false);
	expect(loaderColumnsOf(fields, 'vobjects__v', 'create').some((column) => column.name === 'file')).toBe(false);
});

test('versions, renditions and attachments have fixed columns; other types none', () => {
	expect(fixedColumns('document_versions__v').map(({ name }) => name)).toEqual(['id', 'external_id__v', 'file']);
	expect(fixedColumns('document_renditions__v').filter(({ required }) => required).map(({ name }) => name)).toEqual(['file', 'rendition_type__v']);
	expect(fixedColumns('document_attachments__v').map(({ name }) => name)).toEqual(['id', 'external_id__v', 'file', 'major_version_number__v', 'minor_version_number__v']);
	expect(fixedColumns('groups__v')).toEqual([]);
});

test('mapperFieldOf: n8n\'s column mapping types from Vault\'s field types', () => {
	const [name, externalId, area] = loaderColumnsOf(fields, 'vobjects__v', 'create');
	expect(mapperFieldOf(name)).toEqual({ id: 'name__v', displayName: 'Name (name__v)', required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' });
	expect(mapperFieldOf(externalId).canBeUsedToMatch).toBe(true);
	expect(mapperFieldOf(area)).toMatchObject({ type: 'options', options: [{ name: 'One', value: 'one__c' }, { name: 'two__c', value: 'two__c' }] });
	const typeOf = (type: string) => mapperFieldOf({ name: 'x', label: 'x', type, required: false, unique: false }).type;
	expect([typeOf('Number'), typeOf('Currency'), typeOf('Boolean'), typeOf('Date'), typeOf('DateTime'), typeOf('LongText'), typeOf('Picklist')]).toEqual([
		'number',
		'number',
		'boolean',
		'dateTime',
		'dateTime',
		'string',
		'string',
	]);
	expect(mapperFieldOf({ name: 'x', label: 'x', type: 'Picklist', required: false, unique: false }).options).toBeUndefined();
});

test('what Vault Loader loads, and how: object records and documents with four actions, the rest created', () => {
	expect(LOADER_OBJECT_TYPES).toEqual([
		{ value: 'vobjects__v', name: 'Object Records', actions: ['create', 'update', 'upsert', 'delete'] },
		{ value: 'documents__v', name: 'Documents', actions: ['create', 'update', 'upsert', 'delete'] },
		{ value: 'document_versions__v', name: 'Document Versions', actions: ['create'] },
		{ value: 'document_renditions__v', name: 'Document Renditions', actions: ['create'] },
		{ value: 'document_attachments__v', name: 'Document Attachments', actions: ['create'] },
	]);
	expect(LOADER_OBJECT_TYPES.map(({ value }) => columnsFromMetadata(value))).toEqual([true, true, false, false, false]);
	expect(columnsFromMetadata('')).toBe(false);
});

test('the fixed columns in full, as the column mapping shows them', () => {
	const id = { name: 'id', label: 'Document ID', type: 'ID', required: false, unique: true };
	const externalId = { name: 'external_id__v', label: 'Document External ID', type: 'String', required: false, unique: true };
	const file = { name: 'file', label: 'File (staging path of the source file)', type: 'String', required: true, unique: false };
	const versions = [
		{ name: 'major_version_number__v', label: 'Major Version Number', type: 'Number', required: false, unique: false },
		{ name: 'minor_version_number__v', label: 'Minor Version Number', type: 'Number', required: false, unique: false },
	];
	expect(fixedColumns('document_versions__v')).toStrictEqual([id, externalId, file]);
	expect(fixedColumns('document_renditions__v')).toStrictEqual([id, externalId, file, { name: 'rendition_type__v', label: 'Rendition Type', type: 'String', required: true, unique: false }, ...versions]);
	expect(fixedColumns('document_attachments__v')).toStrictEqual([id, externalId, file, ...versions]);
	expect(mapperFieldOf(file)).toStrictEqual({ id: 'file', displayName: file.label, required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' });
});

test('unfilledRequiredColumns: the required columns a row leaves empty, a required Object field counting as filled through its relationship column', () => {
	const column = (name: string, required: boolean, sets?: string): LoaderColumn => ({ name, label: name, type: 'String', required, unique: false, ...(sets ? { sets } : {}) });
	const columns = [column('name__v', true), column('product__v', true), column('product__vr.external_id__v', false, 'product__v'), column('notes__c', false)];
	const filling = (...names: string[]) => (name: string) => names.includes(name);
	expect(unfilledRequiredColumns(columns, filling())).toEqual(['name__v', 'product__v']);
	expect(unfilledRequiredColumns(columns, filling('name__v', 'product__v'))).toEqual([]);
	expect(unfilledRequiredColumns(columns, filling('name__v', 'product__vr.external_id__v'))).toEqual([]);
	expect(unfilledRequiredColumns(columns, filling('product__vr.external_id__v', 'notes__c'))).toEqual(['name__v']);
});
