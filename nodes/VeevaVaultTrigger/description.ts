// The Veeva Vault Trigger's parameters. The session filters are Get Many's own definitions
// (VeevaVault/descriptions/sessionFilters.ts); here they only get the events they show for.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { filtersCollection } from '../VeevaVault/descriptions/filters';
import {
	expiringWithinHoursFilter,
	idleForMoreThanHoursFilter,
	ownerFilter,
	pathPrefixFilter,
} from '../VeevaVault/descriptions/sessionFilters';
import { VAULT_EVENT_OPTIONS, vaultEventProperties } from './vaultEvents.description';

const FILE_AND_SESSION_EVENTS: INodePropertyOptions[] = [
	{
		name: 'File Added or Changed',
		value: 'fileAdded',
		description: 'A file appears in a staging folder, or changes size or modified date; once per version',
	},
	{
		name: 'Upload Session Created',
		value: 'uploadSessionCreated',
		description: 'A new resumable upload session; once per session',
	},
	{
		name: 'Upload Session Expiring',
		value: 'uploadSessionExpiring',
		description: 'An incomplete upload session ends within the given hours (Vault ends sessions 72 h after creation); once per session',
	},
	{
		name: 'Upload Session Stalled',
		value: 'uploadSessionStalled',
		description: 'An incomplete upload session has had no upload for more than the given hours; again if it uploads and stalls again',
	},
];

const EVENTS = [...VAULT_EVENT_OPTIONS, ...FILE_AND_SESSION_EVENTS].sort((a, b) => a.name.localeCompare(b.name));

/** The events' display names by stored value (the node's subtitle). */
export const eventNames = Object.fromEntries(EVENTS.map((event) => [String(event.value), event.name]));

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'uploadSessionStalled',
		options: EVENTS,
	},
	{ ...idleForMoreThanHoursFilter, displayOptions: { show: { event: ['uploadSessionStalled'] } } },
	{ ...expiringWithinHoursFilter, displayOptions: { show: { event: ['uploadSessionExpiring'] } } },
	{
		displayName: 'Folder Path',
		name: 'path',
		type: 'string',
		default: '/',
		placeholder: '/inbox',
		description: 'The staging folder to watch, or a file\'s path to watch that file alone. For users other than Vault Admins, / is their own folder (u{user ID}).',
		displayOptions: { show: { event: ['fileAdded'] } },
	},
	{
		displayName: 'Include Subfolders',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether files in subfolders count too',
		displayOptions: { show: { event: ['fileAdded'] } },
	},
	{
		displayName: 'Await Write Finish',
		name: 'awaitWriteFinish',
		type: 'boolean',
		default: true,
		description:
			'Whether to report a file only once its size and modified date held still from one poll to the next, so that a file another tool (Vault\'s FTP staging server, another integration) is still writing is reported once, whole. It then fires one poll later.',
		displayOptions: { show: { event: ['fileAdded'] } },
	},
	{
		...filtersCollection([ownerFilter, pathPrefixFilter]),
		displayOptions: { show: { event: ['uploadSessionStalled', 'uploadSessionExpiring', 'uploadSessionCreated'] } },
	},
	...vaultEventProperties,
];
