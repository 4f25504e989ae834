// The canvas subtitle: display names, as n8n evaluates the expression for a node.
import { Workflow } from 'n8n-workflow';
import type { INode, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';

import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';
import { VeevaVaultTrigger } from '../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';

function subtitleOf(nodeType: INodeType, parameters: INode['parameters']): unknown {
	const node: INode = { id: 'n', name: 'N', type: nodeType.description.name, typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {});
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
	expect(everyOperation()).toHaveLength(34);
});

test.each(everyOperation())('Veeva Vault, %s %s: %s', (resource, operation, expected) => {
	expect(subtitleOf(new VeevaVault(), { resource, operation })).toBe(expected);
});

test.each([
	['uploadSessionCreated', 'Upload Session Created'],
	['fileAdded', 'File Added or Changed'],
])('Veeva Vault Trigger, %s: %s', (event, expected) => {
	expect(subtitleOf(new VeevaVaultTrigger(), { event })).toBe(expected);
});
