import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteDocument } from '../../api/documents';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { DOCUMENT_ERROR_HINTS, documentIdOf, documentProperty } from './fields';

const properties: INodeProperties[] = [documentProperty, optionsCollection([itemsInParallelOption, timeoutOption])];

/** Items are independent: the router may delete several documents at once. */
export const runsItemsInParallel = true;

export const errorHints = DOCUMENT_ERROR_HINTS;

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['delete'] } }, properties);

/** Deletes the document with every version. */
export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	await deleteDocument(vault, id);
	return [{ json: { deleted: true, id: Number(id) } }];
}
