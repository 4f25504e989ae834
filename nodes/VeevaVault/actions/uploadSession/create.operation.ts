import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createUploadSession } from '../../api/uploadSessions';
import { validFileSize, validStagingPath } from '../../rules/stagingRules';
import { overwriteOption, stagingPathProperty, timeoutOption, optionsCollection } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	stagingPathProperty,
	{
		displayName: 'Size (Bytes)',
		name: 'size',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 0,
		description: 'Size of the whole file in bytes (at most 500 GB)',
	},
	optionsCollection([overwriteOption, timeoutOption]),
];

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	ITEM_NAME_EXISTS:
		'A file already exists at the Staging Path. To replace it, turn on Overwrite under Options; otherwise choose another Staging Path.',
	OPERATION_NOT_ALLOWED:
		'A Vault holds at most 50 active upload sessions: abort idle ones (Upload Session → Abort, or the "abort idle upload sessions" example), then run again.',
};

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validStagingPath(this.getNodeParameter('path', itemIndex) as string);
	const size = validFileSize(Number(this.getNodeParameter('size', itemIndex)));
	const options = this.getNodeParameter('options', itemIndex, {}) as { overwrite?: boolean };
	return [{ json: await createUploadSession(vault, { path, size, overwrite: options.overwrite ?? false }) }];
}
