// The fields the Document operations share: the document (a resource locator), the version, and
// reading them for an item.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DocumentVersion } from '../../api/endpoints';
import { parseVersion, validDocumentId } from '../../rules/documents';
import { columnMappingProperty } from '../common.descriptions';

export const documentProperty: INodeProperties = {
	displayName: 'Document',
	name: 'documentId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The document: pick it from the list (search by name or document number), or give its ID, e.g. mapped from the ID field of Get Many or Create',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a document…',
			typeOptions: { searchListMethod: 'searchDocuments', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 101',
			validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A document ID is a whole number, e.g. 101' } }],
		},
	],
};

export const versionOption: INodeProperties = {
	displayName: 'Version',
	name: 'version',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0.2',
	description: 'The version, major.minor as Vault shows it; empty for the latest version',
};

/** The item's document ID, checked. */
export function documentIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return validDocumentId(ctx.getNodeParameter('documentId', itemIndex, '', { extractValue: true }));
}

/** The item's Version option: undefined for the latest. */
export function versionOf(ctx: IExecuteFunctions, itemIndex: number): DocumentVersion | undefined {
	return parseVersion(ctx.getNodeParameter('options.version', itemIndex, ''));
}

/** A version as Vault writes it: 1.0. */
export function versionText(fields: Record<string, unknown>): string {
	return `${Number(fields.major_version_number__v ?? 0)}.${Number(fields.minor_version_number__v ?? 0)}`;
}

/** Vault's errors of any operation on one document, in the words of its fields. */
export const DOCUMENT_ERROR_HINTS: Record<string, string> = {
	INVALID_DATA: 'Check Document (and Version, if set): Vault has no such document or version, or it refused a value named in the message.',
};

/** The Fields mapping (n8n's resource mapper): the type's fields, loaded from the Vault. */
export const fieldsProperty = columnMappingProperty({ name: 'fields', displayName: 'Fields', method: 'getDocumentFields', dependsOn: ['documentType', 'documentId.value', 'operation'] });

/** The item's mapped values: the Fields mapping, or (mapped automatically) the item's fields named
 * like the type's fields; the item's other fields are left out. */
export function mappedValues(ctx: IExecuteFunctions, itemIndex: number, columnNames: ReadonlySet<string>): Record<string, unknown> {
	const mappingMode = ctx.getNodeParameter('fields.mappingMode', itemIndex, 'defineBelow') as string;
	if (mappingMode !== 'autoMapInputData') {
		// skipValidation: the values are checked against the type's fields, each error naming its field.
		return (ctx.getNodeParameter('fields.value', itemIndex, {}, { skipValidation: true }) ?? {}) as Record<string, unknown>;
	}
	return Object.fromEntries(Object.entries(ctx.getInputData()[itemIndex].json).filter(([name]) => columnNames.has(name)));
}
