import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDocument, updateDocument } from '../../api/documents';
import { documentColumns, documentFieldsOf } from '../../rules/documents';
import { InvalidInputError } from '../../rules/inputError';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { DOCUMENT_ERROR_HINTS, documentIdOf, documentProperty, fieldsProperty, mappedValues } from './fields';
import { documentTypeNamed, typeMetadata } from './vaultLists';

const properties: INodeProperties[] = [documentProperty, fieldsProperty, optionsCollection([itemsInParallelOption, timeoutOption])];

/** Items are independent: the router may update several documents at once. */
export const runsItemsInParallel = true;

export const errorHints = DOCUMENT_ERROR_HINTS;

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['update'] } }, properties);

/** Changes the fields of the document's latest version; the fields are checked against its type. */
export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	const document = await getDocument(vault, id);
	const type = await documentTypeNamed(vault, String(document.type__v ?? ''), `The type of document ${id}`);
	const columns = documentColumns((await typeMetadata(vault, type)).properties, 'update');
	const fields = documentFieldsOf(mappedValues(this, itemIndex, new Set(columns.map(({ name }) => name))), columns, { creating: false, typeLabel: type.label });
	if (Object.keys(fields).length === 0) throw new InvalidInputError('Fields is empty: there is nothing to update', 'Add the fields to change under Fields, and map their new values.');
	await updateDocument(vault, id, fields);
	return [{ json: { id: Number(id), ...fields } }];
}
