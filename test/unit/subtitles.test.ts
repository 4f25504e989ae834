// The canvas subtitle: display names, as n8n evaluates the expression for a node.
import { Workflow } from 'n8n-workflow';
import type { INode, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';

import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';
import { VeevaVaultTrigger } from '../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';

/** As n8n's editor computes a node's subtitle (useNodeHelpers().getNodeSubtitle): an error there
 * shows no subtitle at all, so it is returned here to be caught by the tests. */
function subtitleOf(nodeType: INodeType, parameters: INode['parameters']): unknown {
	const node: INode = { id: 'n', name: 'N', type: nodeType.description.name, typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	try {
		return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {}, undefined, '[filled at execution time]');
	} catch (error) {
		return error;
	}
}

/** Every operation of every resource, as the editor lists them: [resource, operation, "Operation: Resource"]. */
function everyOperation(): Array<[string, string, string]> {
	const { properties } = new VeevaVault().description;
	const resources = (properties.find((property) => property.name === 'resource')!.options ?? []) as INodePropertyOptions[];
	return resources.flatMap((resource) => {
		const operations = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value))!;
		return (operations.options as INodePropertyOptions[]).map((operation): [string, string, string] => [String(resource.value), String(operation.value), `${operation.name}: ${resource.name}`]);
	});
}

test('every operation is listed', () => {
	expect(everyOperation()).toHaveLength(35);
});

test.each(everyOperation())('Veeva Vault, %s %s, with no path or object given: %s', (resource, operation, expected) => {
	expect(subtitleOf(new VeevaVault(), { resource, operation, path: '' })).toBe(expected);
});

test.each([
	['uploadSessionCreated', 'Upload Session Created'],
	['fileAdded', 'File Added or Changed'],
])('Veeva Vault Trigger, %s: %s', (event, expected) => {
	expect(subtitleOf(new VeevaVaultTrigger(), { event })).toBe(expected);
});

/** A resource locator's value as the editor stores it. */
const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('Veeva Vault: the object or path instead of the resource, where it is a plain value', () => {
	test.each([
		['Load on an object picked from the list', { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: locator('product__v') }, 'Load: product__v'],
		['Load on an object given by name', { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: locator('study__v', 'name') }, 'Load: study__v'],
		['Load before an object type was stored (its default is object records)', { resource: 'loader', operation: 'load', object: locator('country__v') }, 'Load: country__v'],
		['Extract of documents', { resource: 'loader', operation: 'extract', objectType: 'documents__v', object: locator('product__v') }, 'Extract: documents__v'],
		['Load of document versions', { resource: 'loader', operation: 'load', objectType: 'document_versions__v' }, 'Load: document_versions__v'],
		['Download of a staged file', { resource: 'stagingItem', operation: 'download', path: '/inbox/a.pdf' }, 'Download: /inbox/a.pdf'],
		['Get Many of a staging folder', { resource: 'stagingItem', operation: 'getAll', path: ' /inbox ' }, 'Get Many: /inbox'],
		['Get Many as the editor starts it (the root folder)', { resource: 'stagingItem', operation: 'getAll' }, 'Get Many: /'],
		['Upload File to a staging path', { resource: 'uploadSession', operation: 'uploadFile', path: '/big/study.zip' }, 'Upload File: /big/study.zip'],
		['Call of an endpoint', { resource: 'vaultApi', operation: 'call', method: 'POST', path: '/query' }, 'Call: POST /query'],
		['Create or Update of object records', { resource: 'objectRecord', operation: 'upsert', object: locator('product__v') }, 'Create or Update: product__v'],
		['Get Many of object records', { resource: 'objectRecord', operation: 'getAll', object: locator('study__v', 'name') }, 'Get Many: study__v'],
		['Call with the default method', { resource: 'vaultApi', operation: 'call', path: '/objects/documents' }, 'Call: GET /objects/documents'],
	])('%s', (_case, parameters, expected) => {
		expect(subtitleOf(new VeevaVault(), parameters)).toBe(expected);
	});

	test.each([
		['an object given by an expression', { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: locator('={{ $json.object }}', 'name') }, 'Load: Vault Loader'],
		['no object chosen yet', { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: locator('') }, 'Load: Vault Loader'],
		['a path given by an expression', { resource: 'stagingItem', operation: 'download', path: '={{ $json.path }}' }, 'Download: Staging Item'],
		['a path that refers to another node', { resource: 'stagingItem', operation: 'delete', path: '={{ $("Nowhere").item.json.path }}' }, 'Delete: Staging Item'],
		['an empty path', { resource: 'stagingItem', operation: 'move', path: '' }, 'Move or Rename: Staging Item'],
		['a path on an operation that has none', { resource: 'uploadSession', operation: 'getAll', path: '/inbox/a.pdf' }, 'Get Many: Upload Session'],
		['a Call path given by an expression', { resource: 'vaultApi', operation: 'call', path: '={{ $json.endpoint }}' }, 'Call: Vault API'],
	])('falls back to "Operation: Resource" for %s', (_case, parameters, expected) => {
		expect(subtitleOf(new VeevaVault(), parameters)).toBe(expected);
	});
});
