// The simulated Vault's document types (with subtypes, classifications and the properties only
// documents of that type have) and document lifecycles (states, and the user actions of each state
// with the fields a document must have before the action may run). The metadata endpoints that
// describe types answer from here; documents.ts and documentActions.ts apply it.
import { VaultFailure, success } from './http.ts';
import type { Route } from './http.ts';
import { DOCUMENT_PROPERTIES, DOCUMENT_LIFECYCLES, DOCUMENT_TYPES } from './metadata.ts';
import type { DocumentProperty } from './metadata.ts';

export interface NamedLabel {
	name: string;
	label: string;
}

export interface DocumentSubtype extends NamedLabel {
	classifications: NamedLabel[];
}

export interface DocumentType extends NamedLabel {
	subtypes: DocumentSubtype[];
	/** Labels of the lifecycles a document of this type may take. */
	lifecycles: string[];
	/** Properties only documents of this type have. */
	properties: DocumentProperty[];
}

export interface LifecycleAction extends NamedLabel {
	/** The state (label) it leads to. */
	to: string;
	/** Fields that must hold a value before the action may run. */
	requires: string[];
}

export interface Lifecycle extends NamedLabel {
	/** State labels; the first is where a new document starts. */
	states: string[];
	/** The user actions of each state (label). */
	actions: Record<string, LifecycleAction[]>;
}

const property = (name: string, label: string, extra: Partial<DocumentProperty>): DocumentProperty => ({
	name,
	label,
	type: 'String',
	required: false,
	editable: true,
	queryable: true,
	setOnCreateOnly: false,
	hidden: false,
	...extra,
});

export const TYPE_PROPERTIES: DocumentProperty[] = [
	property('audience__c', 'Audience', {
		type: 'Picklist',
		required: true,
		picklist_values: [
			{ name: 'hcp__c', label: 'Healthcare professionals' },
			{ name: 'patient__c', label: 'Patients' },
		],
	}),
	property('expiration_date__c', 'Expiration Date', { type: 'Date' }),
	property('market__c', 'Market', { maxLength: 60 }),
];
/** Subtype and classification: labels from the type's lists, set when the document is created. */
export const DOCUMENT_CLASSIFYING_FIELDS: DocumentProperty[] = [
	property('subtype__v', 'Subtype', { setOnCreateOnly: true }),
	property('classification__v', 'Classification', { setOnCreateOnly: true }),
];

const typeProperty = (name: string) => TYPE_PROPERTIES.find((candidate) => candidate.name === name)!;

export const DOCUMENT_TYPE_MODEL: DocumentType[] = [
	{ name: 'general__c', label: DOCUMENT_TYPES[0], subtypes: [], lifecycles: [DOCUMENT_LIFECYCLES[0]], properties: [] },
	{
		name: 'labeling__c',
		label: DOCUMENT_TYPES[1],
		subtypes: [{ name: 'package_insert__c', label: 'Package Insert', classifications: [] }],
		lifecycles: [DOCUMENT_LIFECYCLES[0]],
		properties: [typeProperty('market__c')],
	},
	{
		name: 'promotional_material__c',
		label: DOCUMENT_TYPES[2],
		subtypes: [
			{ name: 'advertisement__c', label: 'Advertisement', classifications: [{ name: 'print__c', label: 'Print' }, { name: 'web__c', label: 'Web' }] },
			{ name: 'brochure__c', label: 'Brochure', classifications: [] },
		],
		lifecycles: [DOCUMENT_LIFECYCLES[1], DOCUMENT_LIFECYCLES[0]],
		properties: [typeProperty('audience__c'), typeProperty('expiration_date__c')],
	},
];

const action = (name: string, label: string, to: string, requires: string[] = []): LifecycleAction => ({ name, label, to, requires });

export const LIFECYCLES: Lifecycle[] = [
	{
		name: 'general_lifecycle__c',
		label: DOCUMENT_LIFECYCLES[0],
		states: ['Draft', 'In Review', 'Approved', 'Obsolete'],
		actions: {
			Draft: [action('submit_for_review__c', 'Submit for Review', 'In Review', ['title__v'])],
			'In Review': [action('approve__c', 'Approve', 'Approved'), action('reject__c', 'Reject', 'Draft')],
			Approved: [action('make_obsolete__c', 'Make Obsolete', 'Obsolete')],
			Obsolete: [],
		},
	},
	{
		name: 'promotional_lifecycle__c',
		label: DOCUMENT_LIFECYCLES[1],
		states: ['Draft', 'In MLR Review', 'Approved for Distribution', 'Withdrawn'],
		actions: {
			Draft: [action('submit_for_review__c', 'Submit for Review', 'In MLR Review', ['title__v'])],
			'In MLR Review': [action('approve__c', 'Approve', 'Approved for Distribution', ['expiration_date__c']), action('reject__c', 'Reject', 'Draft')],
			'Approved for Distribution': [action('withdraw__c', 'Withdraw', 'Withdrawn')],
			Withdrawn: [],
		},
	},
];

export function typeByLabel(label: unknown): DocumentType | undefined {
	return DOCUMENT_TYPE_MODEL.find((type) => type.label === label);
}

export function lifecycleByLabel(label: unknown): Lifecycle | undefined {
	return LIFECYCLES.find((lifecycle) => lifecycle.label === label);
}

/** Every property a document of this type has: the shared ones, subtype and classification, then
 * the type's own. */
export function propertiesOf(type: DocumentType | undefined): DocumentProperty[] {
	return [...DOCUMENT_PROPERTIES, ...DOCUMENT_CLASSIFYING_FIELDS, ...(type?.properties ?? [])];
}

function typeNamed(name: string): DocumentType {
	const type = DOCUMENT_TYPE_MODEL.find((candidate) => candidate.name === name);
	if (!type) throw new VaultFailure('INVALID_DATA', `Invalid document type [${name}]`);
	return type;
}

const urlOf = (version: string, path: string) => `/api/${version}/metadata/objects/documents/types${path}`;

export const documentTypeRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/metadata\/objects\/documents\/types$/,
		name: 'documentTypes',
		handler: async (state, ctx) =>
			await success(state, ctx, { types: DOCUMENT_TYPE_MODEL.map(({ name, label }) => ({ label, value: urlOf(ctx.version, `/${name}`) })) }),
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/objects\/documents\/types\/([^/]+)$/,
		name: 'documentType',
		handler: async (state, ctx, [name]) => {
			const type = typeNamed(name);
			return await success(state, ctx, {
				name: type.name,
				label: type.label,
				properties: propertiesOf(type),
				availableLifecycles: type.lifecycles.map((label) => ({ name: lifecycleByLabel(label)!.name, label })),
				subtypes: type.subtypes.map(({ name: subtype, label }) => ({ label, value: urlOf(ctx.version, `/${type.name}/subtypes/${subtype}`) })),
			});
		},
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/objects\/documents\/types\/([^/]+)\/subtypes\/([^/]+)$/,
		name: 'documentSubtype',
		handler: async (state, ctx, [typeName, subtypeName]) => {
			const type = typeNamed(typeName);
			const subtype = type.subtypes.find((candidate) => candidate.name === subtypeName);
			if (!subtype) throw new VaultFailure('INVALID_DATA', `Invalid document subtype [${subtypeName}] for type [${typeName}]`);
			return await success(state, ctx, {
				name: subtype.name,
				label: subtype.label,
				properties: propertiesOf(type),
				availableLifecycles: type.lifecycles.map((label) => ({ name: lifecycleByLabel(label)!.name, label })),
				classifications: subtype.classifications.map(({ name, label }) => ({ label, value: urlOf(ctx.version, `/${type.name}/subtypes/${subtype.name}/classifications/${name}`) })),
			});
		},
	},
];
