import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binarySource } from '../../binary/binarySource';
import { DEFAULT_PART_MB, validStagingPath } from '../../rules/stagingRules';
import { vaultCredentials } from '../../transport';
import { uploadFile } from '../../upload/uploadFile';
import { binaryPropertyNameProperty, uploadItemsInParallelOption, optionsCollection, overwriteOption, stagingPathProperty, timeoutOption, waitForJobOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

export const properties: INodeProperties[] = [
	binaryPropertyNameProperty,
	stagingPathProperty,
	optionsCollection([
		{
			displayName: 'Always Use an Upload Session',
			name: 'alwaysUseUploadSession',
			type: 'boolean',
			default: false,
			description:
				'Whether to upload files of 50 MB or less through a resumable upload session too. By default they are sent in one request.',
		},
		{
			displayName: 'Compute File MD5',
			name: 'fileMd5',
			type: 'boolean',
			default: false,
			description:
				"Whether to also compute the whole file's MD5 (output field md5) for files sent in parts. Vault checks every part against its own MD5 either way. Costs n8n about 1.4 s of CPU per GB on the thread that runs every workflow.",
		},
		uploadItemsInParallelOption,
		overwriteOption,
		{
			displayName: 'Part Size (MB)',
			name: 'partSize',
			type: 'number',
			typeOptions: { minValue: 5, maxValue: 52 },
			default: DEFAULT_PART_MB,
			description:
				'Size of each part but the last, 5 to 50 MB (52 MB from API v26.2). Larger parts mean fewer requests and more memory. By default 25 MB, more when the file would need more parts than Vault allows.',
		},
		{
			displayName: 'Resume',
			name: 'resume',
			type: 'boolean',
			default: true,
			description:
				'Whether to continue an unfinished upload session of yours for the same path and size, sending only the parts Vault does not have yet',
		},
		timeoutOption,
		waitForJobOption,
	]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	ITEM_NAME_EXISTS:
		'A file already exists at the Staging Path. To replace it, turn on Overwrite under Options; otherwise choose another Staging Path.',
	OPERATION_NOT_ALLOWED:
		'Vault refused the upload session. A Vault holds at most 50 active upload sessions: abort idle ones (Upload Session → Abort, or the "abort idle upload sessions" example), then run again; Resume continues where the upload stopped.',
};

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['uploadFile'] } }, properties);

interface UploadOptions {
	alwaysUseUploadSession?: boolean;
	fileMd5?: boolean;
	overwrite?: boolean;
	partSize?: number;
	resume?: boolean;
	waitForJob?: boolean;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const apiVersion = String((await vaultCredentials(vault)).apiVersion ?? '').trim();
	const source = await binarySource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	const path = validStagingPath(this.getNodeParameter('path', itemIndex) as string);
	const uploaded = await uploadFile(
		vault,
		source,
		{
			path,
			apiVersion,
			overwrite: options.overwrite ?? false,
			alwaysUseUploadSession: options.alwaysUseUploadSession ?? false,
			partSizeMb: options.partSize,
			resume: options.resume !== false,
			fileMd5: options.fileMd5 === true,
			waitForJob: options.waitForJob ?? false,
		},
	);
	return [{ json: uploaded }];
}
