// The upload-session filters that Get Many (in its Filters collection) and the Veeva Vault
// Trigger (as its event settings) both offer: one definition of each. Their names are the keys of
// SessionFilters (rules/sessionInsights.ts); stored workflows depend on name, type and default.
import type { INodeProperties } from 'n8n-workflow';

export const idleForMoreThanHoursFilter: INodeProperties = {
	displayName: 'Idle for More Than (Hours)',
	name: 'idleForMoreThanHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1,
	description: 'Only sessions whose last upload (or creation, if nothing was uploaded) is more than this many hours ago (a number; 0.5 is 30 minutes)',
};

export const expiringWithinHoursFilter: INodeProperties = {
	displayName: 'Expiring Within (Hours)',
	name: 'expiringWithinHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 24,
	description: 'Only sessions that expire within this many hours (Vault ends a session 72 hours after it was created)',
};

export const ownerFilter: INodeProperties = {
	displayName: 'Owner User ID',
	name: 'owner',
	type: 'number',
	default: 0,
	placeholder: 'e.g. 10001400',
	description: 'Only sessions of this Vault user ID (a number, as in the owner field of a session). 0 keeps every owner.',
};

export const pathPrefixFilter: INodeProperties = {
	displayName: 'Path Starts With',
	name: 'pathPrefix',
	type: 'string',
	default: '',
	placeholder: '/u10001400/',
	description: 'Only sessions whose staging path starts with this text; paths start with /, e.g. /u10001400/ for a user\'s own folder',
};
