import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDocument } from '../../api/documents';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { DOCUMENT_ERROR_HINTS, documentIdOf, documentProperty, versionOf, versionOption } from './fields';

const properties: INodeProperties[] = [documentProperty, optionsCollection([itemsInParallelOption, timeoutOption, versionOption])];

/** Items are independent: the router may read several documents at once. */
export const runsItemsInParallel = true;

export const errorHints = DOCUMENT_ERROR_HINTS;

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	return [{ json: (await getDocument(vault, id, versionOf(this, itemIndex))) as IDataObject }];
}
