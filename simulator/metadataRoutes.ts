// Vault's metadata calls on the simulated model (metadata.ts): the objects, one object's fields,
// the document fields.
import { VaultFailure, success } from './http.ts';
import type { Route } from './http.ts';
import { lifecycleOf } from './lifecycleModel.ts';
import { DOCUMENT_PROPERTIES, VAULT_OBJECTS, findObject } from './metadata.ts';

export function objectNotFound(name: string): VaultFailure {
	return new VaultFailure('INVALID_DATA', `Object [${name}] not found`);
}

export const metadataRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/metadata\/vobjects$/,
		name: 'listObjects',
		handler: async (state, ctx) =>
			await success(state, ctx, {
				objects: VAULT_OBJECTS.map(({ name, label, label_plural }) => ({
					name,
					label,
					label_plural,
					url: `/api/${ctx.version}/metadata/vobjects/${name}`,
					status: ['active__v'],
				})),
			}),
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/vobjects\/([^/]+)$/,
		name: 'describeObject',
		handler: async (state, ctx, [name]) => {
			const object = findObject(name);
			if (!object) throw objectNotFound(name);
			const { name: objectName, label, label_plural, fields } = object;
			const lifecycle = lifecycleOf(objectName);
			return await success(state, ctx, { object: { name: objectName, label, label_plural, fields, available_lifecycles: lifecycle ? [lifecycle.name] : [] } });
		},
	},
	{
		method: 'GET',
		pattern: /^\/metadata\/objects\/documents\/properties$/,
		name: 'documentProperties',
		handler: async (state, ctx) => await success(state, ctx, { properties: DOCUMENT_PROPERTIES }),
	},
];
