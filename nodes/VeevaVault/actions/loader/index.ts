import type { INodeProperties } from 'n8n-workflow';

import * as extract from './extract.operation';
import * as getResults from './getResults.operation';
import * as load from './load.operation';

export const operations = { load, extract, getResults };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loader'] } },
		options: [
			{
				name: 'Load',
				value: 'load',
				description: 'Create, update, upsert or delete records or documents from rows (input items or a CSV), one item per row with its result',
				action: 'Create or update records or documents in bulk with vault loader',
			},
			{
				name: 'Extract',
				value: 'extract',
				description: 'Extract records or documents (with their files on File Staging) as one item per row',
				action: 'Extract records or documents in bulk with vault loader',
			},
			{
				name: 'Get Results',
				value: 'getResults',
				description: 'Get the rows of a Vault Loader job: what each row of a load did, or the rows of an extract',
				action: 'Get the rows of a vault loader job',
			},
		],
		default: 'load',
	},
	...load.description,
	...extract.description,
	...getResults.description,
];
