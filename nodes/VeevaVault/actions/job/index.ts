import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the status of a Vault job (e.g. one that Commit, Move or Delete started), or wait until it ends',
				action: 'Get the status of a job',
			},
		],
		default: 'get',
	},
	...get.description,
];
