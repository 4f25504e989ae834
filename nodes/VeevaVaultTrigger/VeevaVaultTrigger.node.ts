import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { listStagingItemPages } from '../VeevaVault/api/stagingItems';
import { listUploadSessions } from '../VeevaVault/api/uploadSessions';
import { validItemPath } from '../VeevaVault/rules/stagingRules';
import { vaultClient } from '../VeevaVault/vaultClient';
import { fileEvents, sampleEvent, sessionEvents } from './events';
import type { EventSettings, TriggerEvent, TriggerState } from './events';

export class VeevaVaultTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeva Vault Trigger',
		name: 'veevaVaultTrigger',
		icon: { light: 'file:../../icons/veevaVault.svg', dark: 'file:../../icons/veevaVault.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow once per Vault File Staging event: an upload stalls, nears expiry or starts, or a file lands',
		defaults: { name: 'Veeva Vault Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veevaVaultApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'uploadSessionStalled',
				options: [
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
				],
			},
			{
				displayName: 'Idle for More Than (Hours)',
				name: 'idleForMoreThanHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'Hours since the last upload (or creation, if nothing was uploaded) after which a session counts as stalled',
				displayOptions: { show: { event: ['uploadSessionStalled'] } },
			},
			{
				displayName: 'Expiring Within (Hours)',
				name: 'expiringWithinHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 24,
				displayOptions: { show: { event: ['uploadSessionExpiring'] } },
			},
			{
				displayName: 'Folder Path',
				name: 'path',
				type: 'string',
				default: '/',
				placeholder: '/inbox',
				description: 'The staging folder to watch. For users other than Vault Admins, / is their own folder (u{user ID}).',
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
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['uploadSessionStalled', 'uploadSessionExpiring', 'uploadSessionCreated'] } },
				options: [
					{
						displayName: 'Owner User ID',
						name: 'owner',
						type: 'number',
						default: 0,
						description: 'Only sessions of this Vault user ID. 0 keeps every owner.',
					},
					{
						displayName: 'Path Starts With',
						name: 'pathPrefix',
						type: 'string',
						default: '',
						placeholder: '/u10001400/',
						description: 'Only sessions whose staging path starts with this text',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = eventSettings(this);
		const now = Date.now();
		const records =
			settings.event === 'fileAdded' ? await listFiles(this, settings) : ((await listUploadSessions(vaultClient(this, 0))) as unknown as IDataObject[]);

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": a sample to map fields from; what the active workflow reports is left alone.
			const sample = sampleEvent(records, settings, now);
			if (!sample) {
				throw new NodeOperationError(this.getNode(), 'No session or file fits this event right now', {
					description: 'The trigger works all the same once the workflow is active. To map fields, start an upload or stage a file first.',
				});
			}
			return [[{ json: sample }]];
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const { events, state: next } = settings.event === 'fileAdded' ? fileEvents(records, state, settings) : sessionEvents(records, state, settings, now);
		state.watching = next.watching;
		state.seen = next.seen;
		return events.length ? [events.map((json) => ({ json }))] : null;
	}
}

function eventSettings(ctx: IPollFunctions): EventSettings {
	const event = ctx.getNodeParameter('event') as TriggerEvent;
	const filters = ctx.getNodeParameter('filters', {}) as EventSettings['filters'];
	const hours = (name: string, fallback: number) => {
		const value = ctx.getNodeParameter(name, fallback) as unknown;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new NodeOperationError(ctx.getNode(), `${name === 'idleForMoreThanHours' ? 'Idle for More Than (Hours)' : 'Expiring Within (Hours)'} must be a number of hours of 0 or more, not ${String(value)}`);
		}
		return value;
	};
	let path = '/';
	if (event === 'fileAdded') {
		try {
			path = validItemPath(ctx.getNodeParameter('path', '/') as string, { what: 'Folder Path' });
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message);
		}
	}
	return {
		event,
		idleForMoreThanHours: event === 'uploadSessionStalled' ? hours('idleForMoreThanHours', 1) : 1,
		expiringWithinHours: event === 'uploadSessionExpiring' ? hours('expiringWithinHours', 24) : 24,
		filters: { owner: filters.owner || undefined, pathPrefix: filters.pathPrefix || undefined },
		path,
		recursive: event === 'fileAdded' ? (ctx.getNodeParameter('recursive', false) as boolean) : false,
	};
}

async function listFiles(ctx: IPollFunctions, settings: EventSettings): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for await (const page of listStagingItemPages(vaultClient(ctx, 0), { path: settings.path, recursive: settings.recursive })) items.push(...page);
	return items;
}
