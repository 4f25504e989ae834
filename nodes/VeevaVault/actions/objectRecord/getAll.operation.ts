import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { objectFields } from '../../api/metadata';
import { runQuery } from '../../api/query';
import { CONDITION_OPERATORS, recordsVql } from '../../rules/objectRecords';
import type { RecordCondition } from '../../rules/objectRecords';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, returnAllOrLimit, timeoutOption } from '../common.descriptions';
import { objectOf } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description: 'Conditions every record must meet (joined by AND)',
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getExtractFields', loadOptionsDependsOn: ['object.value'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: Object.entries(CONDITION_OPERATORS).map(([value, { name }]) => ({ name, value })),
						default: 'equal',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Where (VQL)',
		name: 'where',
		type: 'string',
		default: '',
		placeholder: "e.g. modified_date__v > '2026-01-01T00:00:00.000Z'",
		description: 'A VQL condition added to the filters with AND, for what they cannot say (OR, IN, functions)',
	},
	optionsCollection([
		{
			displayName: 'Fields Names or IDs',
			name: 'fields',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getExtractFields', loadOptionsDependsOn: ['object.value'] },
			default: [],
			description: 'The fields each record returns (by default all of the object\'s fields). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		itemsInParallelOption,
		timeoutOption,
	]),
];

/** Items are independent: the router may run several queries at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INCORRECT_QUERY_SYNTAX_ERROR: 'Check Where (VQL): a VQL condition such as name__v = \'Cholecap\', text values in single quotes.',
	INVALID_DATA: 'A field in Filters, Where (VQL) or Fields is not a field of this object, or the object does not exist.',
};

export const description = updateDisplayOptions({ show: { resource: ['objectRecord'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const object = objectOf(this, itemIndex);
	const metadata = await objectFields(vault, object);
	const chosen = this.getNodeParameter('options.fields', itemIndex, []) as string[];
	const fields = chosen.length ? chosen : metadata.map(({ name }) => name);
	const conditions = (this.getNodeParameter('filters.conditions', itemIndex, []) ?? []) as RecordCondition[];
	const where = String(this.getNodeParameter('where', itemIndex, '') ?? '');
	const vql = recordsVql(object, fields, conditions, where, (field) => metadata.find(({ name }) => name === field)?.type);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const records = await runQuery(vault, limit === undefined ? vql : `${vql} LIMIT ${limit}`, limit);
	return records.map((record) => ({ json: record as IDataObject }));
}
