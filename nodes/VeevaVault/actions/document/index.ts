import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createVersion from './createVersion.operation';
import * as deleteDocument from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as lifecycleAction from './lifecycleAction.operation';
import * as update from './update.operation';

export const operations = { get, getAll, download, create, update, createVersion, lifecycleAction, delete: deleteDocument };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a document from an input file, a staged file, or as a placeholder, with its type, lifecycle and fields',
				action: 'Create a document',
			},
			{
				name: 'Create Version',
				value: 'createVersion',
				description: 'Make a new draft version from an input file or from the latest content',
				action: 'Create a document version',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a document with all its versions', action: 'Delete a document' },
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
			{
				name: 'Lifecycle Action',
				value: 'lifecycleAction',
				description: 'Run a user action of the document\'s lifecycle (e.g. Submit for Review, Approve) that its state allows now',
				action: 'Run a document lifecycle action',
			},
			{ name: 'Update', value: 'update', description: 'Change fields of a document\'s latest version', action: 'Update a document' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...download.description,
	...create.description,
	...update.description,
	...createVersion.description,
	...lifecycleAction.description,
	...deleteDocument.description,
];
