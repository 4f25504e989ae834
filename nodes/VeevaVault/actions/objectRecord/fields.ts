// The fields the Object Record operations share: the object, the record ID, the Key Field, the
// columns (from the object's metadata) and the write options.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from '../../rules/inputError';
import { objectProperty } from '../../descriptions/loaderTarget';
import { columnMappingProperty } from '../common.descriptions';

export const WRITE_OPERATIONS = ['create', 'update', 'upsert', 'delete'];

export const recordObjectProperty: INodeProperties = {
	...objectProperty('objectRecord'),
	description: 'The Vault object whose records these are, e.g. Product (product__v)',
	displayOptions: undefined,
};

/** The Record ID field; `description` says what the record is for. */
export function recordIdProperty(description: string): INodeProperties {
	return { displayName: 'Record ID', name: 'recordId', type: 'string', required: true, default: '', placeholder: 'e.g. 00P000000000101', description };
}

/** The Record ID of an item; an empty one is refused with `fix`, how to give it. */
export function recordIdOf(ctx: IExecuteFunctions, itemIndex: number, fix: string): string {
	const id = String(ctx.getNodeParameter('recordId', itemIndex, '') ?? '').trim();
	if (!id) throw new InvalidInputError('The Record ID is empty', fix);
	return id;
}

/** The chosen object's name, read once for the run (item 0) or for one item. */
export function objectOf(ctx: IExecuteFunctions, itemIndex = 0): string {
	const value = ctx.getNodeParameter('object', itemIndex, '', { extractValue: true }) as unknown;
	const object = typeof value === 'string' ? value.trim() : '';
	if (!object) throw new InvalidInputError('No object is chosen', 'Choose the Vault object whose records these are, e.g. product__v.');
	return object;
}

export function keyFieldProperty(operation: string, fallback: string, description: string): INodeProperties {
	return {
		displayName: 'Key Field Name or ID',
		name: 'keyField',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getKeyFields', loadOptionsDependsOn: ['object.value'] },
		displayOptions: { show: { operation: [operation] } },
		default: fallback,
		description: `${description} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}

export const columnsProperty = columnMappingProperty(
	{ name: 'columns', displayName: 'Columns', method: 'getObjectRecordColumns', dependsOn: ['object.value', 'operation'] },
	{ displayOptions: { show: { operation: ['create', 'update', 'upsert'] } } },
);

export const writeOptions: INodeProperties[] = [
	{
		displayName: 'Record Migration Mode',
		name: 'recordMigrationMode',
		type: 'boolean',
		default: false,
		description: 'Whether to write records in any lifecycle state with minimal validation (Vault\'s Record Migration Mode; needs the Record Migration permission)',
	},
	{
		displayName: 'No Triggers',
		name: 'noTriggers',
		type: 'boolean',
		default: false,
		description: 'Whether to skip record triggers (only with Record Migration Mode)',
	},
];
