// The document and object record events' poll: one VQL query for the changes since the cursor
// (more only when they fill more than a page); on the first poll after activation the chosen
// states are checked against the Vault's lifecycles, so a wrong one fails the activation.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { documentLifecycleStates, objectLifecycleStates } from '../VeevaVault/api/lifecycles';
import { runQuery } from '../VeevaVault/api/query';
import { InvalidInputError, nodeErrorOf } from '../VeevaVault/rules/inputError';
import { vaultClient } from '../VeevaVault/vaultClient';
import type { VaultClient } from '../VeevaVault/vaultClient';
import { changesQuery, sampleQuery, vaultChangeEvents, vaultWatchingKey, windowStart } from './vaultEvents';
import type { VaultEvent, VaultEventSettings, VaultEventState } from './vaultEvents';

/** Vault's answers to a query it cannot run: the filter is what to fix. */
const QUERY_ERROR_TYPES = ['INCORRECT_QUERY_SYNTAX_ERROR', 'INVALID_DATA', 'MALFORMED_URL', 'INVALID_FILTER', 'ATTRIBUTE_NOT_SUPPORTED'];

export async function pollVaultEvents(ctx: IPollFunctions, event: VaultEvent): Promise<INodeExecutionData[][] | null> {
	const settings = vaultEventSettings(ctx, event);
	const vault = vaultClient(ctx, 0);
	const now = Date.now();

	if (ctx.getMode() === 'manual') {
		// "Fetch Test Event": the newest change that fits, whatever the active workflow reported.
		const [sample] = await query(ctx, vault, settings, sampleQuery(settings), 1);
		if (!sample) {
			throw new NodeOperationError(ctx.getNode(), 'Nothing in the Vault fits this event yet', {
				description: 'The trigger works all the same once the workflow is active. To map fields, make a change that fits first, or loosen the VQL Filter.',
			});
		}
		return [[{ json: sample }]];
	}

	const state = ctx.getWorkflowStaticData('node') as VaultEventState;
	if (state.watching !== vaultWatchingKey(settings)) await checkStates(ctx, vault, settings);
	const rows = await query(ctx, vault, settings, changesQuery(settings, windowStart(state, settings, now)));
	const { events, state: next } = vaultChangeEvents(rows, state, settings, now);
	// The file events' keys have no meaning here.
	for (const key of Object.keys(state)) Reflect.deleteProperty(state, key);
	Object.assign(state, next);
	return events.length ? [events.map((json) => ({ json }))] : null;
}

function vaultEventSettings(ctx: IPollFunctions, event: VaultEvent): VaultEventSettings {
	try {
		const forRecords = event.startsWith('record');
		const object = forRecords ? String(ctx.getNodeParameter('object', '', { extractValue: true }) ?? '').trim() : '';
		if (forRecords && !object) throw new InvalidInputError('Object is empty', 'Choose the Vault object whose records to watch, e.g. Product (product__v).');
		const entered = event === 'documentEnteredState' || event === 'recordEnteredState';
		const chosen = entered ? (ctx.getNodeParameter('states', []) as unknown) : [];
		const states = (Array.isArray(chosen) ? chosen : String(chosen).split(',')).map((state) => String(state).trim()).filter(Boolean);
		if (entered && !states.length) throw new InvalidInputError('State is empty', 'Choose at least one lifecycle state to watch under "State Names or IDs".');
		return { event, object, states, vqlFilter: String(ctx.getNodeParameter('vqlFilter', '') ?? '') };
	} catch (error) {
		throw nodeErrorOf(ctx.getNode(), error);
	}
}

/** Every chosen state must be one of the Vault's lifecycle states (for records: of the object's lifecycles). */
async function checkStates(ctx: IPollFunctions, vault: VaultClient, settings: VaultEventSettings): Promise<void> {
	if (!settings.states.length) return;
	const forDocuments = settings.event === 'documentEnteredState';
	const known = forDocuments ? await documentLifecycleStates(vault) : await objectLifecycleStates(vault, settings.object);
	const names = new Set(known.map((state) => (forDocuments ? state.label : state.name)));
	const unknown = settings.states.filter((state) => !names.has(state));
	if (!unknown.length) return;
	const allowed = [...names].join(', ') || 'none: the object has no lifecycle';
	throw new NodeOperationError(ctx.getNode(), `State → ${unknown.map((state) => `"${state}"`).join(', ')} is not a lifecycle state of ${forDocuments ? 'documents' : settings.object}`, {
		description: `Choose from the list under "State Names or IDs". The Vault's states: ${allowed}.`,
	});
}

/** Runs the event's query; a query Vault refuses because of the VQL Filter says so. */
async function query(ctx: IPollFunctions, vault: VaultClient, settings: VaultEventSettings, vql: string, limit?: number): Promise<IDataObject[]> {
	try {
		return (await runQuery(vault, vql, limit)) as IDataObject[];
	} catch (error) {
		const type = vaultErrorType(error);
		const reason = (error as Error).message.replace(/^Vault refused \S+ \S+: /, '');
		if (type === 'INVALID_DATA' && /query target/i.test(reason) && !settings.event.startsWith('document')) {
			throw new NodeOperationError(ctx.getNode(), `Object → Vault has no object "${settings.object}" to query: ${reason}`, {
				description: 'Choose the object from the list, or give its name as Vault spells it, e.g. product__v.',
			});
		}
		if (!settings.vqlFilter.trim() || !type || !QUERY_ERROR_TYPES.includes(type)) throw nodeErrorOf(ctx.getNode(), error);
		throw new NodeOperationError(ctx.getNode(), `VQL Filter → Vault refused the query: ${reason}`, {
			description: `Fix the VQL Filter "${settings.vqlFilter.trim()}": it is the condition after WHERE in a query on ${settings.event.startsWith('document') ? 'documents' : settings.object}, e.g. type__v = 'Promotional Material'.`,
		});
	}
}

function vaultErrorType(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const errors = (error.errorResponse as { errors?: Array<{ type?: unknown }> } | undefined)?.errors;
	const type = errors?.[0]?.type;
	return typeof type === 'string' ? type : undefined;
}
