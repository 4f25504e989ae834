// The Veeva Vault Trigger's poll: reads the event's settings, lists what Vault has now (the only
// calls to Vault's API are in listForEvent) and lets the pure rules of events.ts say what fires.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { expiringWithinHoursFilter, idleForMoreThanHoursFilter } from '../VeevaVault/descriptions/sessionFilters';
import { listStagingItemPages } from '../VeevaVault/api/stagingItems';
import { listUploadSessions } from '../VeevaVault/api/uploadSessions';
import { nodeErrorOf } from '../VeevaVault/rules/inputError';
import { checkedHours } from '../VeevaVault/rules/sessionInsights';
import { validItemPath } from '../VeevaVault/rules/stagingRules';
import { vaultClient } from '../VeevaVault/vaultClient';
import { fileEvents, sampleEvent, sessionEvents } from './events';
import type { EventSettings, TriggerEvent, TriggerState } from './events';
import { pollVaultEvents } from './pollVaultEvents';
import { isVaultEvent } from './vaultEvents';

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	if (isVaultEvent(event)) return await pollVaultEvents(this, event);
	const settings = eventSettings(this);
	const now = Date.now();
	const records = await listForEvent(this, settings);

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
	const { events, state: next, notice } = settings.event === 'fileAdded' ? fileEvents(records, state, settings) : sessionEvents(records, state, settings, now);
	if (notice) this.logger.warn(`Veeva Vault Trigger "${this.getNode().name}": ${notice}`);
	// What another event kept (a document event's cursor) has no meaning here.
	for (const key of Object.keys(state)) Reflect.deleteProperty(state, key);
	Object.assign(state, JSON.parse(JSON.stringify(next)) as TriggerState);
	return events.length ? [events.map((json) => ({ json }))] : null;
}

/** The event and its settings; a bad value fails the poll as n8n's error. */
function eventSettings(ctx: IPollFunctions): EventSettings {
	try {
		return readEventSettings(ctx);
	} catch (error) {
		throw nodeErrorOf(ctx.getNode(), error);
	}
}

function readEventSettings(ctx: IPollFunctions): EventSettings {
	const event = ctx.getNodeParameter('event') as TriggerEvent;
	const filters = ctx.getNodeParameter('filters', {}) as EventSettings['filters'];
	const hours = (setting: INodeProperties) => checkedHours(ctx.getNodeParameter(setting.name, setting.default), setting.displayName);
	return {
		event,
		// The values an event does not use (1 and 24) are part of the key its stored state is kept under.
		idleForMoreThanHours: event === 'uploadSessionStalled' ? hours(idleForMoreThanHoursFilter) : 1,
		expiringWithinHours: event === 'uploadSessionExpiring' ? hours(expiringWithinHoursFilter) : 24,
		filters: { owner: filters.owner || undefined, pathPrefix: filters.pathPrefix || undefined },
		path: event === 'fileAdded' ? validItemPath(ctx.getNodeParameter('path', '/') as string, { what: 'Folder Path' }) : '/',
		recursive: event === 'fileAdded' ? (ctx.getNodeParameter('recursive', false) as boolean) : false,
		awaitWriteFinish: event === 'fileAdded' ? (ctx.getNodeParameter('awaitWriteFinish', true) as boolean) : false,
	};
}

/** What Vault lists now for the event: every upload session, or the files of the watched folder. */
async function listForEvent(ctx: IPollFunctions, settings: EventSettings): Promise<IDataObject[]> {
	const vault = vaultClient(ctx, 0);
	if (settings.event !== 'fileAdded') return (await listUploadSessions(vault)) as unknown as IDataObject[];
	const items: IDataObject[] = [];
	for await (const page of listStagingItemPages(vault, { path: settings.path, recursive: settings.recursive })) items.push(...page);
	return items;
}
