import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['uploadSession'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List active upload sessions: a Vault Admin gets every session of the Vault, other users their own',
				action: 'List upload sessions',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
