import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadDocumentFile } from '../../api/documents';
import { InvalidInputError } from '../../rules/inputError';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { outputFileField, storedDownload } from '../downloadedFile';
import { documentIdOf, documentProperty, versionOf, versionOption } from './fields';

const properties: INodeProperties[] = [
	documentProperty,
	{
		displayName: 'File',
		name: 'file',
		type: 'options',
		options: [
			{ name: 'Source File', value: 'source', description: 'The file the document was created from' },
			{ name: 'Rendition', value: 'rendition', description: 'A rendition Vault made or holds, e.g. the viewable PDF' },
		],
		default: 'source',
	},
	{
		displayName: 'Rendition Type',
		name: 'renditionType',
		type: 'string',
		required: true,
		default: 'viewable_rendition__v',
		description: 'The rendition to download, by its name in Vault: viewable_rendition__v is the viewable PDF',
		displayOptions: { show: { file: ['rendition'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection([itemsInParallelOption, timeoutOption, versionOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA:
		'Check Document, Version and File: Vault has no such document or version, the document is a placeholder without a source file, or it has no rendition of that type (Get lists the renditions).',
};

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	const version = versionOf(this, itemIndex);
	const file = this.getNodeParameter('file', itemIndex, 'source') as string;
	const rendition = file === 'rendition' ? String(this.getNodeParameter('renditionType', itemIndex, '') ?? '').trim() : undefined;
	if (rendition === '') throw new InvalidInputError('Rendition Type is empty', 'Enter the rendition\'s name in Vault, e.g. viewable_rendition__v.');
	const binaryPropertyName = outputFileField(this, itemIndex);
	const download = await downloadDocumentFile(vault, id, { version, rendition });
	const binary = await storedDownload(this, download);
	return [
		{
			json: { id: Number(id), version: version ? `${version.major}.${version.minor}` : 'latest', file: rendition ?? 'source', name: download.fileName, size: download.size ?? binary.bytes, mimeType: binary.mimeType },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
