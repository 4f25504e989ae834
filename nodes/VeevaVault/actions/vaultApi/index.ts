import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export const operations = { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vaultApi'] } },
		options: [
			{
				name: 'Call',
				value: 'call',
				description:
					'Call any endpoint of Vault\'s REST API with the credential\'s session: Vault\'s errors fail the item, the session is renewed when Vault ends it, pages are followed',
				action: 'Call any endpoint of the REST API',
			},
		],
		default: 'call',
	},
	...call.description,
];
