// Document lifecycle user actions: the actions the latest version's state allows now, an action's
// entry requirements (fields that must hold a value), and running one. Entering the lifecycle's
// steady state (its third state, e.g. Approved) makes the next major version, as Vault does.
import { findVersion } from './documentReads.ts';
import type { FoundVersion } from './documentReads.ts';
import { lifecycleByLabel, propertiesOf, typeByLabel } from './documentTypes.ts';
import type { LifecycleAction } from './documentTypes.ts';
import { VaultFailure, iso, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import type { SimState } from './state.ts';

const ACTIONS = String.raw`^\/objects\/documents\/([^/]+)\/versions\/(\d+)\/(\d+)\/lifecycle_actions`;

export const documentActionRoutes: Route[] = [
	{
		method: 'GET',
		pattern: new RegExp(`${ACTIONS}$`),
		name: 'documentLifecycleActions',
		handler: async (state, ctx, [id, major, minor]) => {
			const version = findVersion(state, id, major, minor);
			const base = `/api/${ctx.version}${ctx.apiPath}`;
			const lifecycle = lifecycleByLabel(version.fields.lifecycle__v);
			return await success(state, ctx, {
				lifecycle_actions__v: actionsOf(version).map((action) => ({
					name__v: action.name,
					label__v: action.label,
					lifecycle_action_type__v: 'stateChange',
					lifecycle__v: lifecycle!.name,
					state__v: String(version.fields.status__v),
					executable__v: true,
					entry_requirements__v: `${base}/${action.name}/entry_requirements`,
				})),
			});
		},
	},
	{
		method: 'GET',
		pattern: new RegExp(`${ACTIONS}\\/([^/]+)\\/entry_requirements$`),
		name: 'documentActionEntryRequirements',
		handler: async (state, ctx, [id, major, minor, name]) => {
			const version = findVersion(state, id, major, minor);
			const action = actionNamed(version, name);
			const properties = propertiesOf(typeByLabel(version.fields.type__v));
			return await success(state, ctx, {
				data: action.requires.map((field) => {
					const property = properties.find((candidate) => candidate.name === field);
					const value = version.fields[field];
					return {
						name__v: field,
						description__v: property?.label ?? field,
						type__v: property?.type ?? 'String',
						required__v: true,
						editable__v: true,
						current_value__v: value === undefined || value === '' ? null : value,
						scope__v: 'Document',
					};
				}),
			});
		},
	},
	{
		method: 'PUT',
		pattern: new RegExp(`${ACTIONS}\\/([^/]+)$`),
		name: 'runDocumentAction',
		handler: async (state, ctx, [id, major, minor, name]) => await runAction(state, ctx, findVersion(state, id, major, minor), name),
	},
];

/** The user actions of the version's state; an earlier version has none. */
function actionsOf(version: FoundVersion): LifecycleAction[] {
	if (!version.latest) return [];
	return lifecycleByLabel(version.fields.lifecycle__v)?.actions[String(version.fields.status__v)] ?? [];
}

function actionNamed(version: FoundVersion, name: string): LifecycleAction {
	const action = actionsOf(version).find((candidate) => candidate.name === name);
	if (!action) throw new VaultFailure('INVALID_DATA', `Invalid lifecycle action [${name}] for document [${String(version.document.id)}] in state [${String(version.fields.status__v)}]`);
	return action;
}

async function runAction(state: SimState, ctx: RequestContext, version: FoundVersion, name: string): Promise<void> {
	const action = actionNamed(version, name);
	const document = version.document;
	const missing = action.requires.filter((field) => document[field] === undefined || document[field] === null || document[field] === '');
	if (missing.length) throw new VaultFailure('INVALID_DATA', `Entry criteria not met for [${action.label}]: ${missing.map((field) => `[${field}] must have a value`).join(', ')}`);
	const lifecycle = lifecycleByLabel(document.lifecycle__v)!;
	if (action.to === lifecycle.states[2]) {
		state.keepVersion(document, { keepRenditions: true });
		Object.assign(document, { major_version_number__v: Number(document.major_version_number__v ?? 0) + 1, minor_version_number__v: 0 });
	}
	Object.assign(document, { status__v: action.to, version_modified_date__v: iso(state.now()) });
	return await success(state, ctx, { id: document.id });
}
