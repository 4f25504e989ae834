import type { INodeProperties } from 'n8n-workflow';

import * as createFolder from './createFolder.operation';
import * as deleteItem from './delete.operation';
import * as download from './download.operation';
import * as getAll from './getAll.operation';
import * as move from './move.operation';
import * as upload from './upload.operation';

/** The operations by the value stored in workflows (`delete` is a word JavaScript keeps for itself). */
export const operations = { createFolder, delete: deleteItem, download, getAll, move, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stagingItem'] } },
		options: [
			{
				name: 'Create Folder',
				value: 'createFolder',
				description: 'Create a folder in the File Staging area (missing parent folders too)',
				action: 'Create a staging folder',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a staged file or folder; Vault does it in a job',
				action: 'Delete a staged file or folder',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a staged file into a binary field, streamed and resumed where the connection drops',
				action: 'Download a staged file',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the files and folders in a staging folder, one item each (kind, path, name, size in bytes, modified_date as an ISO 8601 date)',
				action: 'Get many files and folders of a staging folder',
			},
			{
				name: 'Move or Rename',
				value: 'move',
				description: 'Move a staged file or folder to another folder and/or rename it; Vault does it in a job',
				action: 'Move or rename a staged file or folder',
			},
			{
				name: 'Upload File',
				value: 'upload',
				description: 'Upload a whole file from a binary field to a staging path, of any size up to 500 GB',
				action: 'Upload a file to file staging',
			},
		],
		default: 'getAll',
	},
	...createFolder.description,
	...deleteItem.description,
	...download.description,
	...getAll.description,
	...move.description,
	...upload.description,
];
