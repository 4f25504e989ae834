import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteRecords from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as runAction from './runAction.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';
import { recordObjectProperty } from './fields';

export const operations = { get, getAll, create, update, upsert, delete: deleteRecords, runAction };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['objectRecord'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create one record per input item, up to 500 per request', action: 'Create object records' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update object records by a unique field',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete the record each item names', action: 'Delete object records' },
			{ name: 'Get', value: 'get', description: 'Get one record by its ID', action: 'Get an object record' },
			{ name: 'Get Many', value: 'getAll', description: 'Get the records of an object that match filters', action: 'Get many object records' },
			{
				name: 'Run Action',
				value: 'runAction',
				description: 'Run a lifecycle user action (e.g. a state change) on the record each item names, up to 500 per request',
				action: 'Run a user action on object records',
			},
			{ name: 'Update', value: 'update', description: 'Change the record each item finds by its Key Field', action: 'Update object records' },
		],
		default: 'get',
	},
	{ ...recordObjectProperty, displayOptions: { show: { resource: ['objectRecord'] } } },
	...get.description,
	...getAll.description,
	...create.description,
	...update.description,
	...upsert.description,
	...deleteRecords.description,
	...runAction.description,
];
