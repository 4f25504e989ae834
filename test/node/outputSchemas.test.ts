/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- Test set-up: runs in jest, never inside n8n. */
// The editor shows an operation's output schema before its first run (n8n serves
// __schema__/v{version}/{resource}/{operation}.json from the node's folder). Each schema must
// describe what the operation really returns: every field of a real output item is in it, with
// its type.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { fileItem } from '../harness/binary';
import { runVaultNode } from '../harness/engine';
import type { CredentialStore } from '../harness/engine';
import { passwordCredentials, startSimulator } from '../harness/vault';

const SCHEMA_DIR = join(__dirname, '../../nodes/VeevaVault/__schema__/v1.0.0');

interface Schema {
	type: string;
	properties?: Record<string, Schema>;
	items?: Schema;
}

function schemaOf(resource: string, operation: string): Schema {
	return JSON.parse(readFileSync(join(SCHEMA_DIR, resource, `${operation}.json`), 'utf8')) as Schema;
}

/** Where `value` does not fit `schema`, as "path: problem" lines. */
function misfits(value: unknown, schema: Schema, path = '$'): string[] {
	if (value === null) return [];
	const actual = Array.isArray(value) ? 'array' : typeof value;
	if (actual !== schema.type) return [`${path}: ${actual}, schema says ${schema.type}`];
	if (schema.type === 'array') return (value as unknown[]).flatMap((entry, index) => misfits(entry, schema.items ?? { type: 'object' }, `${path}[${index}]`));
	if (schema.type !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, entry]) =>
		schema.properties?.[key] ? misfits(entry, schema.properties[key], `${path}.${key}`) : [`${path}.${key}: not in the schema`],
	);
}

function operationsOf(resource: string): string[] {
	const property = new VeevaVault().description.properties.find(
		(candidate) => candidate.name === 'operation' && candidate.displayOptions?.show?.resource?.includes(resource),
	);
	return (property?.options ?? []).map((option) => String((option as { value: string }).value)).sort();
}

/** Resources whose items are whatever Vault selects (VQL records, any endpoint's answer): no
 * schema, so the editor promises nothing before a first run. */
const DYNAMIC_OUTPUT_RESOURCES = ['vaultApi', 'vql'];

function resourcesOf(): string[] {
	const property = new VeevaVault().description.properties.find((candidate) => candidate.name === 'resource');
	return (property?.options ?? []).map((option) => String((option as { value: string }).value)).filter((resource) => !DYNAMIC_OUTPUT_RESOURCES.includes(resource)).sort();
}

test('every operation has a schema, and every schema an operation', () => {
	const resources = readdirSync(SCHEMA_DIR).sort();
	expect(resources).toEqual(resourcesOf());
	for (const resource of resources) {
		const files = readdirSync(join(SCHEMA_DIR, resource)).map((name) => name.replace(/\.json$/, '')).sort();
		expect(files).toEqual(operationsOf(resource));
	}
});

describe('each operation\'s real output fits its schema', () => {
	let simulator: VaultSimulator;
	let credentials: CredentialStore;
	const outputs: Record<string, IDataObject[]> = {};
	const run = async (operation: string, parameters: IDataObject, inputItems?: Awaited<ReturnType<typeof fileItem>>[]) => {
		const result = await runVaultNode(credentials, { parameters: { resource: 'uploadSession', operation, ...parameters }, inputItems });
		expect(result.error).toBeUndefined();
		outputs[operation] = result.items.map((item) => item.json);
		return result.items;
	};

	beforeAll(async () => {
		simulator = await startSimulator({ minPartSize: 1024 });
		credentials = passwordCredentials(simulator);
		const file = randomBytes(3000);
		const [created] = await run('create', { path: '/inbox/schema.bin', size: file.length });
		const sessionId = String(created.json.id);
		await run('uploadPart', { sessionId, partNumber: 1, binaryPropertyName: 'data' }, [await fileItem(file, 'schema.bin')]);
		await run('getParts', { sessionId, returnAll: true });
		await run('get', { sessionId });
		await run('getAll', { returnAll: true, options: { computedFields: true } });
		await run('commit', { sessionId, options: { waitForJob: true } });
		const [other] = await run('create', { path: '/inbox/aborted.bin', size: 10 });
		await run('delete', { sessionId: String(other.json.id) });
		await run('uploadFile', { binaryPropertyName: 'data', path: '/inbox/whole.bin', options: { alwaysUseUploadSession: true } }, [
			await fileItem(randomBytes(2048), 'whole.bin'),
		]);
	});
	afterAll(async () => {
		await simulator.stop();
	});

	test.each(operationsOf('uploadSession'))('%s', (operation) => {
		expect(outputs[operation]?.length).toBeGreaterThan(0);
		const schema = schemaOf('uploadSession', operation);
		for (const item of outputs[operation]) expect(misfits(item, schema)).toEqual([]);
	});

	test.each([
		['stagingItem', 'getAll', { path: '/inbox', returnAll: true }],
		['stagingItem', 'createFolder', { path: '/inbox/new' }],
		['stagingItem', 'download', { path: '/inbox/whole.bin' }],
		['stagingItem', 'move', { path: '/inbox/whole.bin', name: 'renamed.bin', options: { waitForJob: true } }],
		['stagingItem', 'delete', { path: '/inbox/new' }],
		['job', 'get', { jobId: '70001' }],
	])('%s %s', async (resource, operation, parameters) => {
		const { items, error } = await runVaultNode(credentials, { parameters: { resource, operation, ...parameters } });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(misfits(item.json, schemaOf(resource, operation))).toEqual([]);
	});
});
