import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteStagingItem } from '../../api/stagingItems';
import { validItemPath } from '../../rules/stagingRules';
import { itemPathProperty, stagingItemsInParallelOption, optionsCollection, timeoutOption, waitForJobOption } from '../common.descriptions';
import { jobOutcome } from '../jobOutcome';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	itemPathProperty({ description: 'The file or folder to delete, from the staging root. The root itself cannot be deleted.' }),
	{
		displayName: 'Delete Folder Content',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether to delete a folder with everything in it. Without it, Vault deletes only empty folders.',
	},
	optionsCollection([stagingItemsInParallelOption, timeoutOption, waitForJobOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	INVALID_DATA:
		'Check the Path (Get Many lists a folder). A folder that is not empty is deleted only with Delete Folder Content turned on.',
};

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validItemPath(this.getNodeParameter('path', itemIndex) as string, { allowRoot: false });
	const recursive = this.getNodeParameter('recursive', itemIndex, false) as boolean;
	const { waitForJob } = this.getNodeParameter('options', itemIndex, {}) as { waitForJob?: boolean };
	const started = await deleteStagingItem(vault, path, recursive);
	return [{ json: await jobOutcome(vault, started, { paths: { path }, done: 'deleted', wait: waitForJob ?? false }) }];
}
