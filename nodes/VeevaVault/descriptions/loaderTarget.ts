// What a Loader operation works on: the object type and, for object records, the object. Load and
// Extract share these fields (Object Record its object field); the editor's methods (column
// mapping, pickers) read them too, so they stand outside actions/.
import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { LOADER_OBJECT_TYPES } from '../rules/loaderColumns';

export function objectTypeProperty(operation: string, types = LOADER_OBJECT_TYPES): INodeProperties {
	return {
		displayName: 'Object Type',
		name: 'objectType',
		type: 'options',
		noDataExpression: true,
		options: types.map(({ name, value }) => ({ name, value })),
		default: 'vobjects__v',
		description: 'What in Vault the rows are: object records (e.g. products) or documents and their versions, renditions or attachments',
		displayOptions: { show: { resource: ['loader'], operation: [operation] } },
	};
}

export function objectProperty(operation: string): INodeProperties {
	return {
		displayName: 'Object',
		name: 'object',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The Vault object whose records the rows are',
		displayOptions: { show: { resource: ['loader'], operation: [operation], objectType: ['vobjects__v'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an object…',
				typeOptions: { searchListMethod: 'searchObjects', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. product__v',
				validation: [{ type: 'regex', properties: { regex: '^[a-z0-9_]+$', errorMessage: 'An object name: lower case letters, digits and _ (e.g. product__v)' } }],
			},
		],
	};
}

export interface LoaderTarget {
	objectType: string;
	/** The object's name, for object records. */
	object?: string;
}

/** The object type and object of the node's fields, for an item (execution) or the editor. */
export function loaderTarget(ctx: IExecuteFunctions | ILoadOptionsFunctions, itemIndex = 0): LoaderTarget {
	const read = (name: string, fallback: unknown, extractValue = false): unknown =>
		'getInputData' in ctx
			? ctx.getNodeParameter(name, itemIndex, fallback, { extractValue })
			: ctx.getNodeParameter(name, fallback, { extractValue });
	const objectType = String(read('objectType', 'vobjects__v'));
	if (objectType !== 'vobjects__v') return { objectType };
	const object = read('object', '', true);
	return { objectType, object: typeof object === 'string' ? object.trim() : '' };
}
