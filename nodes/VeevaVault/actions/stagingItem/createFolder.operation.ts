import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createStagingFolder } from '../../api/stagingItems';
import { validItemPath } from '../../rules/stagingRules';
import { itemPathProperty, stagingItemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	ITEM_NAME_EXISTS:
		'A file or folder already exists at the Folder Path. Choose another Folder Path.',
};

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['createFolder'] } }, [
	itemPathProperty({ displayName: 'Folder Path', placeholder: '/inbox/2026-11-30', description: 'The new folder: its path from the staging root, starting with /. Missing parent folders are created too.' }),
	optionsCollection([stagingItemsInParallelOption, timeoutOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validItemPath(this.getNodeParameter('path', itemIndex) as string, { what: 'Folder Path', allowRoot: false });
	return [{ json: await createStagingFolder(vault, path) }];
}
