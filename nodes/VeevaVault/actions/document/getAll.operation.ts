import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentProperties } from '../../api/metadata';
import { runQuery } from '../../api/query';
import { documentsVql } from '../../rules/documents';
import type { DocumentFilters } from '../../rules/documents';
import type { VaultClient } from '../../vaultClient';
import { documentTypeNamed } from './vaultLists';
import { itemsInParallelOption, optionsCollection, returnAllOrLimit, timeoutOption } from '../common.descriptions';
import { filtersCollection } from '../../descriptions/filters';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Document Type Name or ID',
			name: 'documentType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getDocumentTypes' },
			default: '',
			description: 'Only documents of this type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Lifecycle State',
			name: 'lifecycleState',
			type: 'string',
			default: '',
			placeholder: 'e.g. Approved',
			description: 'Only documents in this state of their lifecycle (status__v), as Vault labels it',
		},
		{
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description: 'Only documents whose latest version changed at or after this moment (version_modified_date__v)',
		},
		{
			displayName: 'Name or Number Contains',
			name: 'nameOrNumberContains',
			type: 'string',
			default: '',
			placeholder: 'e.g. Cholecap',
			description: 'Only documents whose name or document number contains this text (any case)',
		},
	]),
	{
		displayName: 'Where (VQL)',
		name: 'where',
		type: 'string',
		default: '',
		placeholder: "e.g. lifecycle__v = 'General Lifecycle'",
		description: 'A VQL condition added to the filters with AND, for what they cannot say (OR, IN, other fields)',
	},
	optionsCollection([
		{
			displayName: 'Fields Names or IDs',
			name: 'fields',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getDocumentFieldNames' },
			default: [],
			description: 'The fields each document returns (by default every field VQL can read). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		itemsInParallelOption,
		timeoutOption,
	]),
];

/** Items are independent: the router may run several queries at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INCORRECT_QUERY_SYNTAX_ERROR: 'Check Where (VQL): a VQL condition such as name__v = \'Cholecap\', text values in single quotes.',
	INVALID_DATA: 'A field in Where (VQL) or Fields is not a field of documents.',
};

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const chosen = this.getNodeParameter('options.fields', itemIndex, []) as string[];
	const fields = chosen.length ? chosen : (await documentProperties(vault)).filter((field) => (field as { queryable?: unknown }).queryable !== false).map(({ name }) => name);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as DocumentFilters;
	// An unknown type would match nothing: say so instead of returning no documents.
	if (typeof filters.documentType === 'string' && filters.documentType.trim()) {
		filters.documentType = (await documentTypeNamed(vault, filters.documentType.trim(), 'Filters → Document Type')).label;
	}
	const vql = documentsVql(fields, filters, String(this.getNodeParameter('where', itemIndex, '') ?? ''));
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const documents = await runQuery(vault, limit === undefined ? vql : `${vql} LIMIT ${limit}`, limit);
	return documents.map((document) => ({ json: document as IDataObject }));
}
