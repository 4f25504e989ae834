import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { VaultClient } from '../../vaultClient';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { columnsProperty, keyFieldProperty, writeOptions } from './fields';
import { writeRecords } from './write';

const properties: INodeProperties[] = [
	keyFieldProperty(
		'upsert',
		'external_id__v',
		'The unique field that tells whether a record exists, e.g. an external ID: Vault updates the record that has the item\'s value, or creates one. Running the same items again then updates instead of duplicating. Map its value under Values to Send.',
	),
	columnsProperty,
	optionsCollection([...writeOptions, timeoutOption]),
];

/** All items at once, up to 500 records per request. */
export const runsOnceForAllItems = true;

export const description = updateDisplayOptions({ show: { resource: ['objectRecord'], operation: ['upsert'] } }, properties);

export async function execute(this: IExecuteFunctions, _itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	return await writeRecords(this, vault, 'upsert');
}
