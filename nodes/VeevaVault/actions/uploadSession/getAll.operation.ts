import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listUploadSessions } from '../../api/uploadSessions';
import { InvalidInputError } from '../../rules/inputError';
import { matchesFilters, withComputedFields } from '../../rules/sessionInsights';
import type { SessionFilters } from '../../rules/sessionInsights';
import { returnAllOrLimit, timeoutOption, optionsCollection, filtersCollection } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Expiring Within (Hours)',
			name: 'expiringWithinHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			description: 'Keep sessions that expire within this many hours (Vault ends a session 72 hours after it was created)',
		},
		{
			displayName: 'Idle for More Than (Hours)',
			name: 'idleForMoreThanHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1,
			description: 'Keep sessions whose last upload (or creation, if nothing was uploaded) is older than this many hours (a number; 0.5 is 30 minutes)',
		},
		{
			displayName: 'Incomplete Only',
			name: 'incompleteOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to keep only sessions that still miss bytes',
		},
		{
			displayName: 'Owner User ID',
			name: 'owner',
			type: 'number',
			default: 0,
			placeholder: 'e.g. 10001400',
			description: 'Keep sessions of this Vault user ID (a number, as in the owner field of a session). 0 keeps every owner.',
		},
		{
			displayName: 'Path Starts With',
			name: 'pathPrefix',
			type: 'string',
			default: '',
			placeholder: '/u10001400/',
			description: 'Keep sessions whose staging path starts with this text; paths start with /, e.g. /u10001400/ for a user\'s own folder',
		},
	]),
	optionsCollection([
		{
			displayName: 'Add Computed Fields',
			name: 'computedFields',
			type: 'boolean',
			default: true,
			description:
				'Whether to add percent_uploaded, is_complete, hours_since_last_upload, hours_until_expiry and age_hours (numbers of hours with one decimal) to each session. Vault\'s own fields are never changed.',
		},
		timeoutOption,
	]),
];

const FILTER_LABELS = { idleForMoreThanHours: 'Idle for More Than (Hours)', expiringWithinHours: 'Expiring Within (Hours)' } as const;

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as SessionFilters;
	const { computedFields } = this.getNodeParameter('options', itemIndex, {}) as { computedFields?: boolean };
	for (const name of ['idleForMoreThanHours', 'expiringWithinHours'] as const) {
		const value = filters[name];
		if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value < 0)) {
			throw new InvalidInputError(`The filter "${FILTER_LABELS[name]}" must be a number of hours of 0 or more, not ${String(value)}`);
		}
	}

	const filtering = Object.keys(filters).length > 0;
	// Without filters the limit can stop paging early; with them every page must be read first.
	const sessions = await listUploadSessions(vault, filtering ? undefined : limit);
	const now = Date.now();
	const kept = (filtering ? sessions.filter((session) => matchesFilters(session, filters, now)) : sessions).slice(0, limit);
	return kept.map((session: IDataObject) => ({ json: computedFields ? withComputedFields(session, now) : session }));
}
