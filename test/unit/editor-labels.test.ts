// What the editor shows as labels: the credential form's fields, the node's action texts; and
// what npm and n8n's community search show of the package.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { VeevaVaultApi } from '../../credentials/VeevaVaultApi.credentials';
import packageJson from '../../package.json';
import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';

describe('the credential form', () => {
	const { properties } = new VeevaVaultApi();
	const authMethods = (properties.find((property) => property.name === 'authMethod')!.options as INodePropertyOptions[]).map((option) => String(option.value));
	/** The fields n8n shows for a sign-in method (hidden fields are never shown). */
	const shownFor = (authMethod: string): INodeProperties[] =>
		properties.filter((property) => property.type !== 'hidden' && (property.displayOptions?.show?.authMethod ?? [authMethod]).includes(authMethod));

	test.each(authMethods)('for %s, no two fields share a label, and each Client ID says whose it is', (authMethod) => {
		const labels = shownFor(authMethod).map((property) => property.displayName);
		expect(new Set(labels).size).toBe(labels.length);
		const clientIds = labels.filter((label) => /client id/i.test(label));
		expect(clientIds.length).toBeGreaterThan(0);
		for (const label of clientIds) expect(label).toMatch(/^(Vault API|IdP App|Vault Introspection) Client ID$/);
	});

	test('OAuth shows three Client IDs, each its own', () => {
		expect(shownFor('oauth').filter((property) => /client id/i.test(property.displayName))).toHaveLength(3);
	});

	test('options read as words: OAuth\'s identifiers appear as written, never capitalised into a label', () => {
		const options = properties.flatMap((property) => (property.type === 'options' ? (property.options as INodePropertyOptions[]) : []));
		const texts = options.flatMap((option) => [option.name, option.description ?? '']);
		for (const text of texts) expect(text).not.toMatch(/(^|\s)[A-Z][a-z]+_[a-z_]+/);
		const clientAuthentication = properties.find((property) => property.name === 'oauthClientAuthentication')!.options as INodePropertyOptions[];
		expect(clientAuthentication.map((option) => option.value)).toEqual(['basic', 'body']);
		expect(clientAuthentication.map((option) => option.description)).toEqual([expect.stringContaining('client_secret_basic'), expect.stringContaining('client_secret_post')]);
	});
});

describe('the node\'s actions panel and options', () => {
	const { properties } = new VeevaVault().description;
	const operationLists = properties.filter((property) => property.name === 'operation');
	const resourceOf = (property: INodeProperties) => String(property.displayOptions?.show?.resource?.[0]);

	test('no two operations share an action text', () => {
		const actions = operationLists.flatMap((list) => (list.options as INodePropertyOptions[]).map((option) => `${option.action}`));
		expect(actions.length).toBeGreaterThanOrEqual(20);
		const repeated = actions.filter((action, index) => actions.indexOf(action) !== index);
		expect(repeated).toEqual([]);
	});

	/** Each operation's "Items in Parallel" option: [resource, operation, description]. */
	const itemsInParallelOptions = properties
		.filter((property) => property.name === 'options' && property.type === 'collection')
		.flatMap((collection) => {
			const option = (collection.options as INodeProperties[]).find((candidate) => candidate.name === 'itemsInParallel');
			const show = collection.displayOptions?.show ?? {};
			return option ? (show.operation ?? []).map((operation) => [resourceOf(collection), String(operation), option.description ?? ''] as const) : [];
		});

	test('Items in Parallel speaks of File Staging only on File Staging operations', () => {
		const resources = new Set(itemsInParallelOptions.map(([resource]) => resource));
		expect([...resources].sort()).toEqual(['document', 'job', 'objectRecord', 'stagingItem', 'uploadSession', 'vql']);
		for (const [resource, operation, description] of itemsInParallelOptions) {
			const onFileStaging = resource === 'stagingItem' || resource === 'uploadSession';
			expect([resource, operation, /File Staging/.test(description)]).toEqual([resource, operation, onFileStaging]);
			expect([resource, operation, /parts/.test(description)]).toEqual([resource, operation, operation === 'uploadFile' || operation === 'upload']);
		}
	});
});

test('the package description (npm, n8n\'s community search) is one sentence naming every part of the package', () => {
	const { description } = packageJson;
	expect(description.split(/\.(\s|$)/).filter((part) => part.trim())).toHaveLength(1);
	for (const part of ['documents', 'File Staging', 'upload sessions', 'object records', 'Spark messages', 'Vault Loader', 'VQL', 'any Vault API endpoint', 'trigger']) expect(description).toContain(part);
});
