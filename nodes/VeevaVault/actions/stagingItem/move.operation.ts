import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateStagingItem } from '../../api/stagingItems';
import { InvalidInputError } from '../../rules/inputError';
import { movedPath, validItemName, validItemPath } from '../../rules/stagingRules';
import { itemPathProperty, stagingItemsInParallelOption, optionsCollection, timeoutOption, waitForJobOption } from '../common.descriptions';
import { jobOutcome } from '../jobOutcome';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	itemPathProperty({ description: 'The file or folder to move or rename: its path from the staging root, starting with /' }),
	{
		displayName: 'New Parent Folder',
		name: 'parent',
		type: 'string',
		default: '',
		placeholder: '/processed',
		description: 'The folder to move it into: its path, starting with /. Leave empty to keep it where it is (rename only).',
	},
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'report-2026.pdf',
		description: 'Its new name, without a path (no /). Leave empty to keep the name (move only).',
	},
	optionsCollection([stagingItemsInParallelOption, timeoutOption, waitForJobOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	ITEM_NAME_EXISTS:
		'An item with that name already exists in the New Parent Folder. Choose another New Name or New Parent Folder.',
	INVALID_DATA:
		'Check the Path and the New Parent Folder: both must exist (Get Many lists a folder); New Name is a name without /.',
};

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['move'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validItemPath(this.getNodeParameter('path', itemIndex) as string, { allowRoot: false });
	const parentValue = String(this.getNodeParameter('parent', itemIndex, '') ?? '').trim();
	const nameValue = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	const parent = parentValue ? validItemPath(parentValue, { what: 'New Parent Folder' }) : undefined;
	const name = nameValue ? validItemName(nameValue) : undefined;
	if (!parent && !name) {
		throw new InvalidInputError(
			'Neither a New Parent Folder nor a New Name is given',
			'Enter the folder to move the item into, a new name for it, or both.',
		);
	}
	const { waitForJob } = this.getNodeParameter('options', itemIndex, {}) as { waitForJob?: boolean };
	const started = await updateStagingItem(vault, path, { parent, name });
	return [{ json: await jobOutcome(vault, started, { paths: { path, new_path: movedPath(path, { parent, name }) }, done: 'moved', wait: waitForJob ?? false }) }];
}
