import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createDocumentDraft } from '../../api/documents';
import { binarySource } from '../../binary/binarySource';
import { checkDocumentFileSize } from '../../rules/documents';
import type { VaultClient } from '../../vaultClient';
import { binaryPropertyNameProperty, itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { documentIdOf, documentProperty } from './fields';

const properties: INodeProperties[] = [
	documentProperty,
	{
		displayName: 'Content',
		name: 'content',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A new file from the input item, up to 4 GB' },
			{ name: 'Latest Content', value: 'latest', description: 'The same file as the latest version (e.g. to change fields in a new draft)' },
		],
		default: 'binary',
	},
	{ ...binaryPropertyNameProperty, hint: 'The name of the input binary field holding the new version\'s file', displayOptions: { show: { content: ['binary'] } } },
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may make several drafts at once (of different documents). */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Document: Vault has no such document, or it cannot take a new draft in its current state.',
	EXCEEDS_FILE_MAX_SIZE: 'Vault takes files of up to 4 GB in one request: load a larger version through File Staging with Vault Loader (Document Versions).',
};

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['createVersion'] } }, properties);

/** A new draft (the next minor version) of the document. */
export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	let version: { major: number; minor: number };
	if (this.getNodeParameter('content', itemIndex, 'binary') === 'binary') {
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		const file = await binarySource(this, itemIndex, field);
		checkDocumentFileSize(file.bytes, field);
		version = await createDocumentDraft(vault, id, { bytes: file.bytes, fileName: file.fileName ?? `document-${id}`, mimeType: file.mimeType, content: file.framed });
	} else {
		version = await createDocumentDraft(vault, id);
	}
	return [{ json: { id: Number(id), version: `${version.major}.${version.minor}`, major_version_number__v: version.major, minor_version_number__v: version.minor } }];
}
