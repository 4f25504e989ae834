// Retrieve Component Record (Collection): GET /configuration/{component type} and
// /configuration/{type}.{name}, for the two component types the trigger reads: document lifecycles
// (Doclifecycle) and object lifecycles (Objectlifecycle). Assumption 64 in README.md.
import { VaultFailure, success } from './http.ts';
import type { Route } from './http.ts';
import { LIFECYCLES } from './documentTypes.ts';
import { OBJECT_LIFECYCLES } from './lifecycleModel.ts';

const stateName = (label: string) => `${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_state__c`;

function components(type: string): Array<Record<string, unknown>> {
	if (type === 'Doclifecycle') {
		return LIFECYCLES.map((lifecycle) => ({
			name: lifecycle.name,
			label: lifecycle.label,
			active: true,
			states: lifecycle.states.map((label) => ({ name: stateName(label), label, active: true })),
		}));
	}
	if (type === 'Objectlifecycle') {
		return Object.values(OBJECT_LIFECYCLES).map((lifecycle) => ({
			name: lifecycle.name,
			label: lifecycle.name.replace(/__c$/, '').replace(/_/g, ' ').replace(/^\w/, (first) => first.toUpperCase()),
			active: true,
			starting_state: `Objectlifecyclestate.${lifecycle.initial}`,
			states: lifecycle.states.map(({ name, label }) => ({ name, label, active: true })),
		}));
	}
	throw new VaultFailure('INVALID_DATA', `Invalid component type [${type}]`);
}

export const configurationRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/configuration\/([A-Za-z]+)$/, name: 'configuration', handler: async (state, ctx, [type]) => await success(state, ctx, { data: components(type) }) },
	{
		method: 'GET',
		pattern: /^\/configuration\/([A-Za-z]+)\.([^/]+)$/,
		name: 'configuration',
		handler: async (state, ctx, [type, name]) => {
			const one = components(type).find((component) => component.name === decodeURIComponent(name));
			if (!one) throw new VaultFailure('INVALID_DATA', `Invalid component name [${type}.${decodeURIComponent(name)}]`);
			return await success(state, ctx, { data: one });
		},
	},
];
