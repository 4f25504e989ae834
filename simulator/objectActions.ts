// Object record user actions: the actions a record's lifecycle state allows now, and running one on
// one record or on up to 500 (form field `ids`), one result per id in input order.
import { VaultFailure, readForm, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { lifecycleOf, stateActionName } from './lifecycleModel.ts';
import type { StateUserAction } from './lifecycleModel.ts';
import { findObject } from './metadata.ts';
import { objectNotFound } from './metadataRoutes.ts';
import type { SimRecord } from './model.ts';
import type { SimState } from './state.ts';

/** Vault's documented batch size of "Initiate Object Action on Multiple Records". */
export const MAX_RECORDS_PER_ACTION = 500;

export const objectActionRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/vobjects\/([^/]+)\/([^/]+)\/actions$/, name: 'listObjectRecordActions', handler: async (state, ctx, [object, id]) => await listActions(state, ctx, object, id) },
	{ method: 'GET', pattern: /^\/vobjects\/([^/]+)\/([^/]+)\/actions\/([^/]+)$/, name: 'describeObjectRecordAction', handler: async (state, ctx, [object, id, name]) => await describeAction(state, ctx, object, id, name) },
	{ method: 'POST', pattern: /^\/vobjects\/([^/]+)\/([^/]+)\/actions\/([^/]+)$/, name: 'runObjectRecordAction', handler: async (state, ctx, [object, id, name]) => await runOnOne(state, ctx, object, id, name) },
	{ method: 'POST', pattern: /^\/vobjects\/([^/]+)\/actions\/([^/]+)$/, name: 'runObjectRecordsAction', handler: async (state, ctx, [object, name]) => await runOnMany(state, ctx, object, name) },
];

interface NamedAction {
	state: string;
	action: StateUserAction;
}

function recordOf(state: SimState, objectName: string, id: string): SimRecord {
	if (!findObject(objectName)) throw objectNotFound(objectName);
	const record = state.recordsOf(objectName).find((candidate) => candidate.id === id);
	if (!record) throw new VaultFailure('INVALID_DATA', `Invalid record ID [${id}] for object [${objectName}]`);
	return record;
}

/** The action a full name stands for; a name that is no user action of the object's lifecycle is
 * refused whole (assumption 44). */
function actionNamed(objectName: string, name: string): NamedAction {
	if (!findObject(objectName)) throw objectNotFound(objectName);
	const [prefix, object, stateName, actionName, ...rest] = name.split('.');
	const state = prefix === 'Objectlifecyclestateuseraction' && object === objectName && rest.length === 0 ? lifecycleOf(objectName)?.states.find((candidate) => candidate.name === stateName) : undefined;
	const action = state?.actions.find((candidate) => candidate.name === actionName);
	if (!state || !action) throw new VaultFailure('INVALID_DATA', `Invalid action [${name}] for object [${objectName}]`);
	return { state: state.name, action };
}

function actionAnswer(ctx: RequestContext, objectName: string, id: string, state: string, action: StateUserAction): Record<string, unknown> {
	const name = stateActionName(objectName, state, action.name);
	const href = `/api/${ctx.version}/vobjects/${objectName}/${id}/actions/${name}`;
	return {
		links: [
			{ rel: 'metadata', href, accept: 'application/json', method: 'GET' },
			{ rel: 'execute', href, accept: 'application/json', method: 'POST' },
		],
		label: action.label,
		type: action.type,
		name,
	};
}

async function listActions(state: SimState, ctx: RequestContext, objectName: string, id: string): Promise<void> {
	const record = recordOf(state, objectName, id);
	const current = lifecycleOf(objectName)?.states.find((candidate) => candidate.name === record.state__v);
	return await success(state, ctx, { data: (current?.actions ?? []).map((action) => actionAnswer(ctx, objectName, id, current!.name, action)) });
}

async function describeAction(state: SimState, ctx: RequestContext, objectName: string, id: string, name: string): Promise<void> {
	const record = recordOf(state, objectName, id);
	const named = actionNamed(objectName, name);
	const refused = refusal(record, named);
	if (refused) throw new VaultFailure(refused.type, refused.message);
	return await success(state, ctx, { data: actionAnswer(ctx, objectName, id, named.state, named.action) });
}

/** Why the record's current state does not allow the action (assumption 45), or nothing. */
function refusal(record: SimRecord, { state, action }: NamedAction): { type: string; message: string } | undefined {
	if (record.state__v === state) return undefined;
	return { type: 'OPERATION_NOT_ALLOWED', message: `Action [${action.name}] cannot be initiated on record [${String(record.id)}] in state [${String(record.state__v)}]` };
}

function apply(state: SimState, record: SimRecord, { action }: NamedAction): void {
	record.state__v = action.to;
	record.modified_date__v = new Date(Math.floor(state.now() / 1000) * 1000).toISOString();
}

async function runOnOne(state: SimState, ctx: RequestContext, objectName: string, id: string, name: string): Promise<void> {
	const named = actionNamed(objectName, name);
	const record = recordOf(state, objectName, id);
	await readForm(ctx);
	const refused = refusal(record, named);
	if (refused) throw new VaultFailure(refused.type, refused.message);
	apply(state, record, named);
	return await success(state, ctx, {});
}

async function runOnMany(state: SimState, ctx: RequestContext, objectName: string, name: string): Promise<void> {
	const named = actionNamed(objectName, name);
	const { fields } = await readForm(ctx);
	if (fields.ids === undefined || fields.ids.trim() === '') throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [ids]');
	const ids = fields.ids.split(',').map((id) => id.trim()).filter((id) => id !== '');
	if (ids.length > MAX_RECORDS_PER_ACTION) {
		throw new VaultFailure('INVALID_DATA', `The input holds ${ids.length} records; the maximum batch size is ${MAX_RECORDS_PER_ACTION}`);
	}
	const records = state.recordsOf(objectName);
	const data = ids.map((id) => {
		const record = records.find((candidate) => candidate.id === id);
		const refused = record ? refusal(record, named) : { type: 'INVALID_DATA', message: `Invalid record ID [${id}] for object [${objectName}]` };
		if (refused) return { responseStatus: 'FAILURE', id, errors: [refused] };
		apply(state, record!, named);
		return { responseStatus: 'SUCCESS', id };
	});
	return await success(state, ctx, { data });
}
