import type { INodeProperties } from 'n8n-workflow';

import * as query from './query.operation';

export const operations = { query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vql'] } },
		options: [
			{
				name: 'Run Query',
				value: 'query',
				description: 'Run a VQL query (documents, object records, users …) and return one item per record',
				action: 'Run a VQL query',
			},
		],
		default: 'query',
	},
	...query.description,
];
