import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadStagedFile } from '../../api/stagingItems';
import { validStagingPath } from '../../rules/stagingRules';
import { outputFileField, storedDownload } from '../downloadedFile';
import { itemPathProperty, stagingItemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
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
	optionsCollection([stagingItemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	INVALID_DATA:
		'The File Path must name a file that exists (Staging Item → Get Many lists a folder); a folder cannot be downloaded.',
};

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validStagingPath(this.getNodeParameter('path', itemIndex) as string, 'File Path');
	const binaryPropertyName = outputFileField(this, itemIndex);
	const download = await downloadStagedFile(vault, path);
	const binary = await storedDownload(this, download);
	return [{ json: { path, name: download.fileName, size: download.size ?? binary.bytes, mimeType: binary.mimeType }, binary: { [binaryPropertyName]: binary } }];
}
