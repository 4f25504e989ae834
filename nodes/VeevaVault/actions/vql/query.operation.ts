import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runQuery } from '../../api/query';
import { InvalidInputError } from '../../rules/inputError';
import { itemsInParallelOption, optionsCollection, returnAllOrLimit, timeoutOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	{
		displayName: 'VQL Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: "SELECT id, name__v, document_number__v FROM documents WHERE document_creation_date__v >= '2026-11-30T00:00:00.000Z'",
		description:
			'A query in Vault Query Language: SELECT fields FROM documents, an object (e.g. product__v) or user__sys, with WHERE, ORDER BY. Text values go in single quotes; put expressions inside them, e.g. \'{{ $now.startOf("week").toUTC().toISO() }}\'.',
	},
	...returnAllOrLimit,
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may run several queries at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	INCORRECT_QUERY_SYNTAX_ERROR:
		'Check the VQL Query field: SELECT fields FROM target, then optional WHERE, ORDER BY; text values in single quotes; field names as in Vault (e.g. name__v).',
	INVALID_DATA:
		'A field or target in the VQL Query field does not exist in this Vault, or cannot be queried this way. Check the names in Vault\'s configuration (Admin → Configuration) or Vault\'s VQL reference.',
	PARAMETER_REQUIRED: 'The VQL Query field is empty: enter a query.',
	INSUFFICIENT_ACCESS: 'The credential\'s Vault user may not read what the VQL Query field selects; a Vault Admin can grant it.',
};

export const description = updateDisplayOptions({ show: { resource: ['vql'], operation: ['query'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const vql = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (!vql) throw new InvalidInputError('The VQL Query is empty', 'Enter a query, e.g. SELECT id, name__v FROM documents.');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const records = await runQuery(vault, vql, limit);
	return records.map((record) => ({ json: record as IDataObject }));
}
