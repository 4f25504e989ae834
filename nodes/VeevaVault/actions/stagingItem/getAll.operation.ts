import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listStagingItemPages } from '../../api/stagingItems';
import type { StagingItem } from '../../api/models';
import { InvalidInputError } from '../../rules/inputError';
import { invalidDateFilter, matchesItemFilters } from '../../rules/itemFilters';
import type { ItemFilters } from '../../rules/itemFilters';
import { validItemPath } from '../../rules/stagingRules';
import { itemPathProperty, returnAllOrLimit, timeoutOnlyOptions } from '../common.descriptions';
import { filtersCollection } from '../../descriptions/filters';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	itemPathProperty({ displayName: 'Folder Path', default: '/', placeholder: '/inbox', description: 'The folder to list: its path from the staging root, starting with /. For users other than Vault Admins, / is their own folder (u{user ID}). A file\'s path lists that file alone.' }),
	{
		displayName: 'Include Subfolders',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether to list the content of every subfolder too, not only the folder itself',
	},
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'file',
			options: [
				{ name: 'Files Only', value: 'file' },
				{ name: 'Folders Only', value: 'folder' },
			],
			description: 'Keep only files or only folders',
		},
		{
			displayName: 'Modified After',
			name: 'modifiedAfter',
			type: 'dateTime',
			default: '',
			description: 'Keep files modified after this moment: a date and time, e.g. 2026-11-30T08:00:00Z (ISO 8601; without a time zone it is the n8n host\'s). Folders have no modified date and are left out.',
		},
		{
			displayName: 'Modified Before',
			name: 'modifiedBefore',
			type: 'dateTime',
			default: '',
			description: 'Keep files modified before this moment: a date and time (ISO 8601), e.g. {{ $now.minus({ days: 30 }) }} for files older than 30 days. Folders are left out.',
		},
		{
			displayName: 'Name Pattern',
			name: 'namePattern',
			type: 'string',
			default: '',
			placeholder: '*.pdf',
			description: 'Keep items whose name matches: * stands for any characters, ? for one; not case-sensitive',
		},
	]),
	timeoutOnlyOptions,
];

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	INVALID_DATA:
		'The Folder Path must name a folder (or a file) that exists; / is the staging root (for users other than Vault Admins, their own folder).',
};

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const path = validItemPath(this.getNodeParameter('path', itemIndex) as string, { what: 'Folder Path' });
	const recursive = this.getNodeParameter('recursive', itemIndex, false) as boolean;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as ItemFilters;
	const badDate = invalidDateFilter(filters);
	if (badDate) throw new InvalidInputError(badDate, 'Enter a date and time, e.g. 2026-11-30T08:00:00Z.');

	const filtering = Object.values(filters).some((value) => value !== undefined && value !== '');
	const kept: StagingItem[] = [];
	// Without filters the limit can stop paging early; with them, pages are read until it is met.
	for await (const page of listStagingItemPages(vault, { path, recursive, pageSize: filtering ? undefined : limit })) {
		kept.push(...(filtering ? page.filter((item) => matchesItemFilters(item, filters)) : page));
		if (limit !== undefined && kept.length >= limit) break;
	}
	return kept.slice(0, limit).map((item) => ({ json: withEveryColumn(item) }));
}

/** Vault leaves size and modified_date out of a folder's row. n8n's table shows a missing field as
 * "undefined", as if something had failed; null says "none", and every row has the same columns. */
function withEveryColumn(item: StagingItem): IDataObject {
	return item.kind === 'folder' ? { ...item, size: item.size ?? null, modified_date: item.modified_date ?? null } : item;
}
