import type { INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll, download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Download File',
				value: 'download',
				description: 'Download the source file or a rendition (e.g. the viewable PDF) of the latest or a given version',
				action: 'Download a document file or rendition',
			},
			{ name: 'Get', value: 'get', description: 'Get the fields of a document\'s latest version, or of a given version', action: 'Get a document' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Find documents by type, lifecycle state, last change, name or number, or a VQL condition',
				action: 'Get many documents',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...download.description,
];
