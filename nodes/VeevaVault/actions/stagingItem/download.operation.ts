import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadStagedFile } from '../../api/stagingItems';
import type { StagedFileDownload } from '../../api/stagingItems';
import { InvalidInputError } from '../../rules/inputError';
import { validStagingPath } from '../../rules/stagingRules';
import { itemPathProperty, itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	itemPathProperty({ displayName: 'File Path', placeholder: '/inbox/report.pdf', description: 'The staged file to download: its path from the staging root, starting with /' }),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validStagingPath(this.getNodeParameter('path', itemIndex) as string, 'File Path');
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!binaryPropertyName) throw new InvalidInputError('Put Output File in Field is empty', 'Enter a field name, e.g. data.');

	const download = await downloadStagedFile(vault, path);
	// Streamed into n8n's binary store: memory stays flat whatever the file's size.
	const binary = await this.helpers.prepareBinaryData(asNodeStream(download) as Buffer, download.fileName);
	return [{ json: { path, name: download.fileName, size: download.size ?? binary.bytes, mimeType: binary.mimeType }, binary: { [binaryPropertyName]: binary } }];
}

/**
 * n8n's binary store takes a Buffer or a Node.js stream. The resumed bytes are an async
 * generator; the class of Vault's answer stream (a Node.js Readable) turns it into a stream
 * without importing Node's stream module, which n8n's rules for community nodes do not allow.
 */
function asNodeStream(download: StagedFileDownload): unknown {
	const streamClass = (download.firstStream as { constructor?: { from?: (iterable: AsyncIterable<Buffer>) => unknown } }).constructor;
	return typeof streamClass?.from === 'function' ? streamClass.from(download.bytes) : download.bytes;
}
