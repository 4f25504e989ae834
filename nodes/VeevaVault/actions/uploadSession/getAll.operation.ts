import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listUploadSessions } from '../../api/uploadSessions';
import { checkedHours, matchesFilters, withComputedFields } from '../../rules/sessionInsights';
import type { SessionFilters } from '../../rules/sessionInsights';
import { returnAllOrLimit, timeoutOption, optionsCollection } from '../common.descriptions';
import { filtersCollection } from '../../descriptions/filters';
import { expiringWithinHoursFilter, idleForMoreThanHoursFilter, ownerFilter, pathPrefixFilter } from '../../descriptions/sessionFilters';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		expiringWithinHoursFilter,
		idleForMoreThanHoursFilter,
		{
			displayName: 'Incomplete Only',
			name: 'incompleteOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to keep only sessions that still miss bytes',
		},
		ownerFilter,
		pathPrefixFilter,
	]),
	optionsCollection([
		{
			displayName: 'Add Computed Fields',
			name: 'computedFields',
			type: 'boolean',
			default: true,
			description:
				'Whether to add percent_uploaded, is_complete, hours_since_last_upload, hours_until_expiry and age_hours (numbers of hours with one decimal) to each session; on unless turned off here. Vault\'s own fields are never changed.',
		},
		timeoutOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as SessionFilters;
	// The option's default (on) applies when the user has not added it: the output schema, which
	// the editor shows before a first run, promises the computed fields.
	const { computedFields = true } = this.getNodeParameter('options', itemIndex, {}) as { computedFields?: boolean };
	for (const filter of [idleForMoreThanHoursFilter, expiringWithinHoursFilter]) {
		const value = filters[filter.name as keyof SessionFilters];
		if (value !== undefined) checkedHours(value, `The filter "${filter.displayName}"`);
	}

	const filtering = Object.keys(filters).length > 0;
	// Without filters the limit can stop paging early; with them every page must be read first.
	const sessions = await listUploadSessions(vault, filtering ? undefined : limit);
	const now = Date.now();
	const kept = (filtering ? sessions.filter((session) => matchesFilters(session, filters, now)) : sessions).slice(0, limit);
	return kept.map((session: IDataObject) => ({ json: computedFields ? withComputedFields(session, now) : session }));
}
