// What a Loader task works on, by object_type: the columns its CSV may have, the records it
// changes, and how a row finds its record. The fields come from the model (metadata.ts).
import { DOCUMENT_LIFECYCLES, DOCUMENT_PROPERTIES, DOCUMENT_TYPES, findObject } from './metadata.ts';
import type { DocumentProperty, FieldType } from './metadata.ts';
import type { SimRecord } from './model.ts';
import type { SimState } from './state.ts';

export type LoadObjectType = 'vobjects__v' | 'documents__v' | 'document_versions__v' | 'document_renditions__v' | 'document_attachments__v';
export type LoadAction = 'create' | 'update' | 'upsert' | 'delete';

/** The actions each object_type allows. */
export const LOAD_ACTIONS: Record<LoadObjectType, LoadAction[]> = {
	vobjects__v: ['create', 'update', 'upsert', 'delete'],
	documents__v: ['create', 'update', 'upsert', 'delete'],
	document_versions__v: ['create'],
	document_renditions__v: ['create'],
	document_attachments__v: ['create'],
};

/** A field a row may set, as object fields and document properties both describe it. */
export interface FieldRule {
	name: string;
	type: FieldType;
	required: boolean;
	unique: boolean;
	editable: boolean;
	maxLength?: number;
	/** A Picklist's value names. */
	values?: string[];
	/** An Object field's object. */
	object?: string;
	/** An Object field's relationship name (`{relationship}.{unique field of the object}` columns). */
	relationship?: string;
}

export interface LoadTarget {
	/** How messages name it: `object [product__v]`, `documents`, or the object_type. */
	what: string;
	isDocuments: boolean;
	rules: Map<string, FieldRule>;
	/** Columns that are not fields, e.g. `file`. */
	extraColumns: string[];
	/** Without idparam, a row finds its record by the first of these it has a value for. */
	lookupFields: string[];
	records: () => SimRecord[];
	/** Replaces the target's records (after deletions). */
	setRecords: (records: SimRecord[]) => void;
}

/** A document property's rule (a picklist's values by name; type and lifecycle by label). */
export function documentRule(property: DocumentProperty): FieldRule {
	return {
		name: property.name,
		type: property.type,
		required: property.required,
		unique: property.unique ?? property.name === 'id',
		editable: property.editable,
		maxLength: property.maxLength,
		values: property.name === 'type__v' ? DOCUMENT_TYPES : property.name === 'lifecycle__v' ? DOCUMENT_LIFECYCLES : property.picklist_values?.map(({ name }) => name),
	};
}

function documentRules(only?: string[]): Map<string, FieldRule> {
	const rules = new Map<string, FieldRule>();
	for (const property of DOCUMENT_PROPERTIES) {
		if (only && !only.includes(property.name)) continue;
		rules.set(property.name, documentRule(property));
	}
	return rules;
}

/** The target of a task; undefined for an object the model does not have. */
export function loadTarget(state: SimState, objectType: LoadObjectType, objectName?: string): LoadTarget | undefined {
	if (objectType === 'vobjects__v') {
		const object = findObject(objectName ?? '');
		if (!object) return undefined;
		const rules = new Map<string, FieldRule>(
			object.fields.map((field) => [
				field.name,
				{
					name: field.name,
					type: field.type,
					required: field.required,
					unique: field.unique,
					editable: field.editable,
					maxLength: field.max_length,
					values: field.picklist_values?.map((value) => value.name),
					object: field.object?.name,
					relationship: field.relationship_name,
				},
			]),
		);
		return {
			what: `object [${object.name}]`,
			isDocuments: false,
			rules,
			extraColumns: [],
			lookupFields: ['id'],
			records: () => state.recordsOf(object.name),
			setRecords: (records) => state.records.set(object.name, records),
		};
	}
	const documents = {
		isDocuments: true,
		lookupFields: ['id', 'external_id__v'],
		records: () => state.documents,
		setRecords: (records: SimRecord[]) => (state.documents = records),
	};
	switch (objectType) {
		case 'documents__v':
			return { ...documents, what: 'documents', rules: documentRules(), extraColumns: ['file'] };
		case 'document_versions__v':
			return { ...documents, what: objectType, rules: documentRules(), extraColumns: ['file'] };
		case 'document_renditions__v':
			return { ...documents, what: objectType, rules: documentRules(['id', 'external_id__v']), extraColumns: ['file', 'rendition_type__v'] };
		default:
			return { ...documents, what: objectType, rules: documentRules(['id', 'external_id__v']), extraColumns: ['file'] };
	}
}

/** The fields an idparam may name: `id` and the unique fields. */
export function idparamFields(target: LoadTarget): string[] {
	return [...target.rules.values()].filter((rule) => rule.unique).map((rule) => rule.name);
}
