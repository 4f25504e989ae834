import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { VaultClient } from '../../vaultClient';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { keyFieldProperty, writeOptions } from './fields';
import { writeRecords } from './write';

const properties: INodeProperties[] = [
	keyFieldProperty('delete', 'id', 'The unique field that finds each item\'s record: the record ID, or e.g. an external ID.'),
	{
		displayName: 'Key Value',
		name: 'keyValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 00P000000000101',
		description: 'The value of the Key Field of the record to delete, for each item',
	},
	optionsCollection([...writeOptions, timeoutOption]),
];

/** All items at once, up to 500 records per request. */
export const runsOnceForAllItems = true;

export const description = updateDisplayOptions({ show: { resource: ['objectRecord'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, _itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	return await writeRecords(this, vault, 'delete');
}
