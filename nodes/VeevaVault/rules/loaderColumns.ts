// What Vault Loader can load, and the columns each kind of load takes: from Vault's metadata for
// object records and documents, fixed for versions, renditions and attachments.
import type { FieldType, ResourceMapperField } from 'n8n-workflow';

/** A field as Vault's metadata describes it (an object's field, a document property). */
export interface VaultField {
	name: string;
	label?: string;
	type?: string;
	required?: boolean;
	unique?: boolean;
	editable?: boolean;
	system_managed?: boolean;
	/** Document properties that can be set only when the document is created. */
	setOnCreateOnly?: boolean;
	picklist?: string;
	picklist_values?: Array<{ name: string; label?: string }>;
	/** An Object field's target object, and the relationship that names its record by a unique field. */
	object?: { name?: string; label?: string };
	relationship_name?: string;
}

export type LoaderAction = 'create' | 'update' | 'upsert' | 'delete';

export interface LoaderObjectType {
	value: string;
	name: string;
	actions: readonly LoaderAction[];
}

export const LOADER_OBJECT_TYPES: readonly LoaderObjectType[] = [
	{ value: 'vobjects__v', name: 'Object Records', actions: ['create', 'update', 'upsert', 'delete'] },
	{ value: 'documents__v', name: 'Documents', actions: ['create', 'update', 'upsert', 'delete'] },
	{ value: 'document_versions__v', name: 'Document Versions', actions: ['create'] },
	{ value: 'document_renditions__v', name: 'Document Renditions', actions: ['create'] },
	{ value: 'document_attachments__v', name: 'Document Attachments', actions: ['create'] },
];

/** A column of a Loader CSV, as the column mapping shows it. */
export interface LoaderColumn {
	name: string;
	label: string;
	type: string;
	required: boolean;
	/** Whether its value finds one record (an upsert's or update's Key Field). */
	unique: boolean;
	options?: Array<{ name: string; value: string }>;
	/** For a `{relationship}.{unique field}` column: the Object field it sets. */
	sets?: string;
}

const FILE_COLUMN: LoaderColumn = { name: 'file', label: 'File (staging path of the source file)', type: 'String', required: true, unique: false };
const DOCUMENT_ID: LoaderColumn = { name: 'id', label: 'Document ID', type: 'ID', required: false, unique: true };
const DOCUMENT_EXTERNAL_ID: LoaderColumn = { name: 'external_id__v', label: 'Document External ID', type: 'String', required: false, unique: true };
const VERSION_NUMBERS: LoaderColumn[] = [
	{ name: 'major_version_number__v', label: 'Major Version Number', type: 'Number', required: false, unique: false },
	{ name: 'minor_version_number__v', label: 'Minor Version Number', type: 'Number', required: false, unique: false },
];

const FIXED_COLUMNS: Record<string, LoaderColumn[]> = {
	document_versions__v: [DOCUMENT_ID, DOCUMENT_EXTERNAL_ID, FILE_COLUMN],
	document_renditions__v: [
		DOCUMENT_ID,
		DOCUMENT_EXTERNAL_ID,
		FILE_COLUMN,
		{ name: 'rendition_type__v', label: 'Rendition Type', type: 'String', required: true, unique: false },
		...VERSION_NUMBERS,
	],
	document_attachments__v: [DOCUMENT_ID, DOCUMENT_EXTERNAL_ID, FILE_COLUMN, ...VERSION_NUMBERS],
};

/** Whether the object type's columns come from Vault's metadata (else they are fixed). */
export function columnsFromMetadata(objectType: string): boolean {
	return objectType === 'vobjects__v' || objectType === 'documents__v';
}

export function fixedColumns(objectType: string): LoaderColumn[] {
	return FIXED_COLUMNS[objectType] ?? [];
}

/**
 * The columns a load of `action` can fill, from the fields Vault describes: the editable ones, and
 * `id` (which finds the record) except on create. Required are the fields Vault requires on create,
 * and the `file` of a new document.
 */
export function loaderColumnsOf(fields: readonly VaultField[], objectType: string, action: LoaderAction): LoaderColumn[] {
	const columns: LoaderColumn[] = [];
	for (const field of fields) {
		const isId = field.name === 'id';
		if (isId ? action === 'create' : field.editable === false || field.system_managed === true) continue;
		columns.push({
			name: field.name,
			label: field.label ? `${field.label} (${field.name})` : field.name,
			type: field.type ?? 'String',
			required: action === 'create' && field.required === true,
			unique: isId || field.unique === true,
			...(field.picklist_values?.length ? { options: field.picklist_values.map(({ name, label }) => ({ name: label ?? name, value: name })) } : {}),
		});
	}
	if (objectType === 'documents__v' && action !== 'delete') columns.push({ ...FILE_COLUMN, required: action === 'create' });
	return columns;
}

/** The columns with the Key Field's first and required: Update, Create or Update and Delete find
 * each row's record by it, so the editor offers it before the others. */
export function withKeyColumn(columns: readonly LoaderColumn[], keyField: string | undefined): LoaderColumn[] {
	const key = keyField ? columns.find(({ name }) => name === keyField) : undefined;
	if (!key) return [...columns];
	return [{ ...key, required: true }, ...columns.filter((column) => column !== key)];
}

const FIELD_TYPES: Record<string, FieldType> = {
	Number: 'number',
	Currency: 'number',
	Boolean: 'boolean',
	Date: 'dateTime',
	DateTime: 'dateTime',
};

/** A column as n8n's column mapping shows it. A picklist is a drop-down when its values are known
 * (Vault's object metadata names the picklist without its values): else text. */
export function mapperFieldOf(column: LoaderColumn): ResourceMapperField {
	const type = column.options?.length ? 'options' : (FIELD_TYPES[column.type] ?? 'string');
	return {
		id: column.name,
		displayName: column.label,
		required: column.required,
		defaultMatch: false,
		canBeUsedToMatch: column.unique,
		display: true,
		type,
		...(type === 'options' ? { options: column.options } : {}),
	};
}


/** The Object fields of `fields` that a unique field of their object can fill, and that object. */
export function relationshipFieldsOf(fields: readonly VaultField[]): Array<VaultField & { relationship_name: string; object: { name: string } }> {
	return fields.filter(
		(field): field is VaultField & { relationship_name: string; object: { name: string } } =>
			field.type === 'Object' && typeof field.relationship_name === 'string' && typeof field.object?.name === 'string' && field.editable !== false && field.system_managed !== true,
	);
}

/** Columns that set an Object field by a unique field of the record it points to, as Vault takes
 * them: `{relationship}.{unique field}` (e.g. product__vr.external_id__v), one per unique field. */
export function relationshipColumnsOf(field: VaultField & { relationship_name: string }, targetFields: readonly VaultField[]): LoaderColumn[] {
	const fieldLabel = field.label ?? field.name;
	return targetFields
		.filter((target) => target.unique === true && target.name !== 'id')
		.map((target) => ({
			name: `${field.relationship_name}.${target.name}`,
			label: `${fieldLabel} by ${target.label ?? target.name} (${field.relationship_name}.${target.name})`,
			type: 'String',
			required: false,
			unique: false,
			sets: field.name,
		}));
}

/** The required columns a row leaves unfilled (`filled` says which columns it fills). A required
 * Object field counts as filled when a column that sets it by a unique field of its target is. */
export function unfilledRequiredColumns(columns: Iterable<LoaderColumn>, filled: (name: string) => boolean): string[] {
	const all = [...columns];
	const setThrough = new Set(all.filter((column) => column.sets && filled(column.name)).map((column) => column.sets));
	return all.filter((column) => column.required && !filled(column.name) && !setThrough.has(column.name)).map(({ name }) => name);
}
