// The simulated Vault's data model (three objects and the document properties) and the metadata
// endpoints that describe it. The Loader, VQL and the metadata answers all read this one model.
import { VaultFailure, success } from './http.ts';
import type { Route } from './http.ts';
import { lifecycleOf } from './lifecycleModel.ts';

export type FieldType = 'ID' | 'String' | 'LongText' | 'Number' | 'Boolean' | 'Date' | 'DateTime' | 'Picklist' | 'Object';

export interface PicklistValue {
	name: string;
	label: string;
}

/** A field as Vault's object metadata describes it, plus `picklist_values` (a simulator extension). */
export interface ObjectField {
	name: string;
	label: string;
	type: FieldType;
	required: boolean;
	unique: boolean;
	editable: boolean;
	system_managed?: boolean;
	max_length?: number;
	picklist?: string;
	picklist_values?: PicklistValue[];
	/** For an Object field: the object its value (a record id) points to. */
	object?: { name: string; label: string };
	/** For an Object field: its relationship's name, which with a unique field of the object it points
	 * to names a record by that field (`product__vsr.external_id__v`). */
	relationship_name?: string;
}

export interface VaultObject {
	name: string;
	label: string;
	label_plural: string;
	/** The first three characters of every record id (Vault's object prefix). */
	prefix: string;
	fields: ObjectField[];
}

/** A document property as Vault's document metadata describes it. */
export interface DocumentProperty {
	name: string;
	label: string;
	type: FieldType;
	required: boolean;
	editable: boolean;
	queryable: boolean;
	setOnCreateOnly: boolean;
	hidden: boolean;
	/** Not in Vault's answer: the simulator's Loader and `idparam` check read it. */
	unique?: boolean;
	maxLength?: number;
	picklist_values?: PicklistValue[];
}

const ID_FIELD: ObjectField = { name: 'id', label: 'ID', type: 'ID', required: false, unique: true, editable: false, system_managed: true };
const NAME_FIELD: ObjectField = { name: 'name__v', label: 'Name', type: 'String', required: true, unique: false, editable: true, max_length: 128 };
const EXTERNAL_ID_FIELD: ObjectField = { name: 'external_id__v', label: 'External ID', type: 'String', required: false, unique: true, editable: true, max_length: 100 };

function picklist(...names: string[]): PicklistValue[] {
	return names.map((name) => ({ name, label: name.replace(/__\w+$/, '').replace(/_/g, ' ').replace(/^\w/, (first) => first.toUpperCase()) }));
}

export const VAULT_OBJECTS: VaultObject[] = [
	{
		name: 'product__v',
		label: 'Product',
		label_plural: 'Products',
		prefix: '00P',
		fields: [
			ID_FIELD,
			NAME_FIELD,
			EXTERNAL_ID_FIELD,
			{ name: 'generic_name__vs', label: 'Generic Name', type: 'String', required: false, unique: false, editable: true, max_length: 128 },
			{
				name: 'therapeutic_area__vs',
				label: 'Therapeutic Area',
				type: 'Picklist',
				required: false,
				unique: false,
				editable: true,
				picklist: 'therapeutic_area__vs',
				picklist_values: picklist('cardiology__vs', 'oncology__vs', 'neurology__vs'),
			},
			{ name: 'launch_date__vs', label: 'Launch Date', type: 'Date', required: false, unique: false, editable: true },
			{ name: 'active__vs', label: 'Active', type: 'Boolean', required: false, unique: false, editable: true },
			{ name: 'created_date__v', label: 'Created Date', type: 'DateTime', required: false, unique: false, editable: false, system_managed: true },
			{ name: 'modified_date__v', label: 'Last Modified Date', type: 'DateTime', required: false, unique: false, editable: false, system_managed: true },
			{ name: 'lifecycle__v', label: 'Lifecycle', type: 'String', required: false, unique: false, editable: false, system_managed: true },
			{ name: 'state__v', label: 'Lifecycle State', type: 'String', required: false, unique: false, editable: false, system_managed: true },
		],
	},
	{
		name: 'country__v',
		label: 'Country',
		label_plural: 'Countries',
		prefix: '00C',
		fields: [
			ID_FIELD,
			NAME_FIELD,
			{ name: 'abbreviation__vs', label: 'Abbreviation', type: 'String', required: true, unique: true, editable: true, max_length: 10 },
			EXTERNAL_ID_FIELD,
		],
	},
	{
		name: 'account__v',
		label: 'Account',
		label_plural: 'Accounts',
		prefix: '0AC',
		fields: [
			ID_FIELD,
			NAME_FIELD,
			EXTERNAL_ID_FIELD,
			{
				name: 'account_type__vs',
				label: 'Account Type',
				type: 'Picklist',
				required: false,
				unique: false,
				editable: true,
				picklist: 'account_type__vs',
				picklist_values: picklist('hospital__vs', 'clinic__vs', 'pharmacy__vs'),
			},
			{ name: 'city__vs', label: 'City', type: 'String', required: false, unique: false, editable: true, max_length: 80 },
			{ name: 'created_date__v', label: 'Created Date', type: 'DateTime', required: false, unique: false, editable: false, system_managed: true },
			{ name: 'modified_date__v', label: 'Last Modified Date', type: 'DateTime', required: false, unique: false, editable: false, system_managed: true },
		],
	},
	{
		name: 'study__v',
		label: 'Study',
		label_plural: 'Studies',
		prefix: '0ST',
		fields: [
			ID_FIELD,
			NAME_FIELD,
			EXTERNAL_ID_FIELD,
			{
				name: 'product__vs',
				label: 'Product',
				type: 'Object',
				required: false,
				unique: false,
				editable: true,
				object: { name: 'product__v', label: 'Product' },
				relationship_name: 'product__vsr',
			},
		],
	},
];

export const DOCUMENT_TYPES = ['General', 'Labeling', 'Promotional Material'];
export const DOCUMENT_LIFECYCLES = ['General Lifecycle', 'Promotional Lifecycle'];

const asPicklist = (names: string[]) => names.map((name) => ({ name, label: name }));
const systemProperty = (name: string, label: string, type: FieldType): DocumentProperty => ({
	name,
	label,
	type,
	required: false,
	editable: false,
	queryable: true,
	setOnCreateOnly: false,
	hidden: false,
});

export const DOCUMENT_PROPERTIES: DocumentProperty[] = [
	systemProperty('id', 'ID', 'ID'),
	{ name: 'name__v', label: 'Name', type: 'String', required: true, editable: true, queryable: true, setOnCreateOnly: false, hidden: false, maxLength: 100 },
	{ name: 'type__v', label: 'Type', type: 'Picklist', required: true, editable: true, queryable: true, setOnCreateOnly: false, hidden: false, picklist_values: asPicklist(DOCUMENT_TYPES) },
	{
		name: 'lifecycle__v',
		label: 'Lifecycle',
		type: 'Picklist',
		required: true,
		editable: true,
		queryable: true,
		setOnCreateOnly: true,
		hidden: false,
		picklist_values: asPicklist(DOCUMENT_LIFECYCLES),
	},
	{ name: 'title__v', label: 'Title', type: 'String', required: false, editable: true, queryable: true, setOnCreateOnly: false, hidden: false, maxLength: 255 },
	{ name: 'external_id__v', label: 'External ID', type: 'String', required: false, editable: true, queryable: true, setOnCreateOnly: false, hidden: false, unique: true, maxLength: 100 },
	systemProperty('status__v', 'Status', 'String'),
	systemProperty('document_number__v', 'Document Number', 'String'),
	systemProperty('major_version_number__v', 'Major Version', 'Number'),
	systemProperty('minor_version_number__v', 'Minor Version', 'Number'),
	systemProperty('document_creation_date__v', 'Created Date', 'DateTime'),
	systemProperty('version_modified_date__v', 'Version Modified Date', 'DateTime'),
	systemProperty('created_by__v', 'Created By', 'Number'),
];

export function findObject(name: string): VaultObject | undefined {
	return VAULT_OBJECTS.find((object) => object.name === name);
}

export function objectNotFound(name: string): VaultFailure {
	return new VaultFailure('INVALID_DATA', `Object [${name}] not found`);
}

export const metadataRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/metadata\/vobjects$/,
		name: 'listObjects',
		handler: async (state, ctx) =>
			await success(state, ctx, {
				objects: VAULT_OBJECTS.map(({ name, label, label_plural }) => ({
					name,
					label,
					label_plural,
					url: `/api/${ctx.version}/metadata/vobjects/${name}`,
					status: ['active__v'],
				})),
			}),
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/vobjects\/([^/]+)$/,
		name: 'describeObject',
		handler: async (state, ctx, [name]) => {
			const object = findObject(name);
			if (!object) throw objectNotFound(name);
			const { name: objectName, label, label_plural, fields } = object;
			const lifecycle = lifecycleOf(objectName);
			return await success(state, ctx, { object: { name: objectName, label, label_plural, fields, available_lifecycles: lifecycle ? [lifecycle.name] : [] } });
		},
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/objects\/documents\/properties$/,
		name: 'documentProperties',
		handler: async (state, ctx) => await success(state, ctx, { properties: DOCUMENT_PROPERTIES }),
	},
];
