import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getObjectRecord } from '../../api/objectRecords';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { objectOf, recordIdOf, recordIdProperty } from './fields';

const properties: INodeProperties[] = [
	recordIdProperty('The ID of the record, e.g. mapped from the ID field of Create or Get Many'),
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may read several records at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Object and Record ID: Vault has no such record of this object (or no such object).',
};

export const description = updateDisplayOptions({ show: { resource: ['objectRecord'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const object = objectOf(this, itemIndex);
	const id = recordIdOf(this, itemIndex, 'Enter the record\'s ID, or map it from an earlier node, e.g. {{ $json.id }}.');
	return [{ json: (await getObjectRecord(vault, object, id)) as IDataObject }];
}
