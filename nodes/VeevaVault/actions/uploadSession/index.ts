import type { INodeProperties } from 'n8n-workflow';

import * as abort from './abort.operation';
import * as commit from './commit.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getParts from './getParts.operation';
import * as uploadFile from './uploadFile.operation';
import * as uploadPart from './uploadPart.operation';

/** The operations by the value stored in workflows: Abort was saved as "delete" and stays so. */
export const operations = { delete: abort, commit, create, get, getAll, getParts, uploadFile, uploadPart };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['uploadSession'] } },
		options: [
			{
				name: 'Abort',
				value: 'delete',
				description: 'Abort an upload session and discard its parts',
				action: 'Abort an upload session',
			},
			{
				name: 'Commit',
				value: 'commit',
				description: 'Assemble the uploaded parts into the file; Vault does it in a job',
				action: 'Commit an upload session',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Start a resumable upload session for a file',
				action: 'Create an upload session',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one upload session',
				action: 'Get an upload session with its path and upload progress',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List active upload sessions, one item each (ID, path, size and uploaded bytes, ISO 8601 dates): a Vault Admin gets every session of the Vault, other users their own',
				action: 'Get many upload sessions with their path and upload progress',
			},
			{
				name: 'List Parts',
				value: 'getParts',
				description: 'List the parts uploaded to a session so far',
				action: 'Get many parts of an upload session',
			},
			{
				name: 'Upload File',
				value: 'uploadFile',
				description: 'Upload a whole file of up to 500 GB: parts, checksums, resume and commit in one step',
				action: 'Upload a large file in resumable parts',
			},
			{
				name: 'Upload Part',
				value: 'uploadPart',
				description: 'Upload one part of a file to an upload session',
				action: 'Upload a part to an upload session',
			},
		],
		default: 'getAll',
	},
	...abort.description,
	...commit.description,
	...create.description,
	...get.description,
	...getAll.description,
	...getParts.description,
	...uploadFile.description,
	...uploadPart.description,
];
