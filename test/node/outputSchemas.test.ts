/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- Test set-up: runs in jest, never inside n8n. */
// The editor shows an operation's output schema before its first run (n8n serves
// __schema__/v{version}/{resource}/{operation}.json from the node's folder), as "Usually outputs
// the following fields" in the next node. A field announced there that a run does not return
// leads users to write {{ $json.x }} that is empty at run time; a field returned but not
// announced cannot be picked before a first run.
//
// The rule:
// - A schema describes the operation's DEFAULT output: what it returns with its parameters as the
//   editor sets them (options and filters not added), given only the required values (a path, an
//   upload session, a job ID). What an option adds or changes (Wait for Job, Compute File MD5,
//   Add Computed Fields turned off) is not in it.
// - A field that only some items have is in the schema: optional fields (a folder row has no
//   size or modified_date, Vault documents them for files; a direct upload has md5, an upload
//   through a session has upload_session_id, parts… instead). An item that lacks such a field
//   leaves it out; no item ever carries a key whose value is undefined.
// - The test runs every operation with its defaults against the simulator, with data that makes
//   every optional field appear (files and folders; a small file and one over 50 MB), and checks
//   both ways: (a) every field of every item is in the schema, with its type; (b) every field of
//   the schema (nested ones too) is returned by at least one item, unless it is listed in
//   ONLY_IN_STATES_A_DEFAULT_RUN_CANNOT_REACH with the reason.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';
import { DIRECT_UPLOAD_MAX_BYTES } from '../../nodes/VeevaVault/rules/stagingRules';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { fileItem } from '../harness/binary';
import { runVaultNode } from '../harness/engine';
import type { CredentialStore } from '../harness/engine';
import { passwordCredentials, startSimulator } from '../harness/vault';

const SCHEMA_DIR = join(__dirname, '../../nodes/VeevaVault/__schema__/v1.0.0');

/**
 * Operations whose output is whatever Vault holds (records of any object, any endpoint's answer),
 * as "resource/operation". They ship no schema: the editor then shows no preview rather than a
 * wrong one. Add such an operation here, with why its output cannot be known in advance.
 */
const DYNAMIC_OUTPUT_OPERATIONS: string[] = [
	// The records a query selects: the fields the query names, from whatever object it reads.
	'vql/query',
	// Whatever the endpoint answers: any Vault API, or a file.
	'vaultApi/call',
	// Vault Loader's rows: a load's rows carry the loaded CSV's columns (`values`), an extract's rows
	// the fields asked for, of whatever object or document type.
	'loader/extract',
	'loader/getResults',
	'loader/load',
	// Object records: the fields of whatever object is chosen (Get, Get Many), or the values the
	// items mapped with the new record's id (Create, Update, Create or Update).
	'objectRecord/get',
	'objectRecord/getAll',
	'objectRecord/create',
	'objectRecord/update',
	'objectRecord/upsert',
	// Documents: the fields of the document's version (shared fields and those of its type, as the
	// Vault defines them) or the fields a query selects.
	'document/get',
	'document/getAll',
	// The new document's id with the fields the item mapped (Create), or the fields it changed (Update).
	'document/create',
	'document/update',
];

/**
 * Schema fields ("resource/operation field.path") that Vault returns only in states a default run
 * cannot reach, each with the reason. Empty: the default runs below reach every field.
 */
const ONLY_IN_STATES_A_DEFAULT_RUN_CANNOT_REACH: Record<string, string> = {};

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
	if (value === undefined) return [`${path}: a key whose value is undefined`];
	const actual = Array.isArray(value) ? 'array' : typeof value;
	if (actual !== schema.type) return [`${path}: ${actual}, schema says ${schema.type}`];
	if (schema.type === 'array') return (value as unknown[]).flatMap((entry, index) => misfits(entry, schema.items ?? { type: 'object' }, `${path}[${index}]`));
	if (schema.type !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, entry]) =>
		schema.properties?.[key] ? misfits(entry, schema.properties[key], `${path}.${key}`) : [`${path}.${key}: not in the schema`],
	);
}

/** The field paths a schema announces: "size", "job.job_id", "links[].href". */
function schemaFields(schema: Schema, prefix = ''): string[] {
	if (schema.type === 'array' && schema.items) return schemaFields(schema.items, `${prefix}[]`);
	if (schema.type !== 'object') return [];
	return Object.entries(schema.properties ?? {}).flatMap(([key, entry]) => {
		const path = prefix ? `${prefix}.${key}` : key;
		return [path, ...schemaFields(entry, path)];
	});
}

/** The field paths a value has, in the same notation; null values count as present. */
function valueFields(value: unknown, prefix = ''): string[] {
	if (Array.isArray(value)) return value.flatMap((entry) => valueFields(entry, `${prefix}[]`));
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, entry]) => {
		const path = prefix ? `${prefix}.${key}` : key;
		return [path, ...valueFields(entry, path)];
	});
}

function operationsOf(resource: string): string[] {
	const property = new VeevaVault().description.properties.find(
		(candidate) => candidate.name === 'operation' && candidate.displayOptions?.show?.resource?.includes(resource),
	);
	return (property?.options ?? []).map((option) => String((option as { value: string }).value)).sort();
}

function resourcesOf(): string[] {
	const property = new VeevaVault().description.properties.find((candidate) => candidate.name === 'resource');
	return (property?.options ?? []).map((option) => String((option as { value: string }).value)).sort();
}

/** Every operation of the node, as "resource/operation". */
const ALL_OPERATIONS = resourcesOf().flatMap((resource) => operationsOf(resource).map((operation) => `${resource}/${operation}`));
const WITH_SCHEMA = ALL_OPERATIONS.filter((key) => !DYNAMIC_OUTPUT_OPERATIONS.includes(key));

test('every operation has a schema (but those of dynamic output, which have none), and every schema an operation', () => {
	expect(DYNAMIC_OUTPUT_OPERATIONS.filter((key) => !ALL_OPERATIONS.includes(key))).toEqual([]);
	const shipped = readdirSync(SCHEMA_DIR)
		.flatMap((resource) => readdirSync(join(SCHEMA_DIR, resource)).map((name) => `${resource}/${name.replace(/\.json$/, '')}`))
		.sort();
	expect(shipped).toEqual([...WITH_SCHEMA].sort());
	for (const key of DYNAMIC_OUTPUT_OPERATIONS) expect(existsSync(join(SCHEMA_DIR, `${key}.json`))).toBe(false);
});

describe('each operation\'s default output and its schema agree, both ways', () => {
	let simulator: VaultSimulator;
	let credentials: CredentialStore;
	const outputs: Record<string, IDataObject[]> = {};
	/** Runs an operation with the given required values and nothing else: every option at its default. */
	const run = async (key: string, parameters: IDataObject, inputItems?: INodeExecutionData[]) => {
		const [resource, operation] = key.split('/');
		const result = await runVaultNode(credentials, { parameters: { resource, operation, ...parameters }, inputItems });
		expect(result.error).toBeUndefined();
		outputs[key] = [...(outputs[key] ?? []), ...result.items.map((item) => item.json)];
		return result.items.map((item) => item.json);
	};
	/** A small file (sent directly) and one just over 50 MB (sent through an upload session). */
	const smallAndLarge = async (prefix: string) => [
		await fileItem(randomBytes(2048), `${prefix}-small.bin`),
		await fileItem(randomBytes(DIRECT_UPLOAD_MAX_BYTES + 1), `${prefix}-large.bin`),
	];

	// One default run per operation: an operation added to the node without one here fails below
	// (no items), until its default run is added.
	beforeAll(async () => {
		// The three upload sessions of Veeva's reference page, and a file and a folder at the root.
		simulator = await startSimulator();
		credentials = passwordCredentials(simulator);
		await simulator.addStagedFile('/readme.txt', 'staged for the schema test');
		await simulator.addStagedFolder('/inbox');

		const file = randomBytes(3000);
		const [created] = await run('uploadSession/create', { path: '/inbox/schema.bin', size: file.length });
		const sessionId = String(created.id);
		await run('uploadSession/uploadPart', { sessionId }, [await fileItem(file, 'schema.bin')]);
		await run('uploadSession/getParts', { sessionId });
		await run('uploadSession/get', { sessionId });
		await run('uploadSession/getAll', {});
		const [committed] = await run('uploadSession/commit', { sessionId });
		await run('job/get', { jobId: String(committed.job_id) });
		const [other] = await run('uploadSession/create', { path: '/inbox/aborted.bin', size: 10 });
		await run('uploadSession/delete', { sessionId: String(other.id) });
		await run('uploadSession/uploadFile', { path: '={{ "/inbox/" + $json.fileName }}' }, await smallAndLarge('session'));

		await run('stagingItem/upload', { path: '={{ "/inbox/" + $json.fileName }}' }, await smallAndLarge('item'));
		await run('stagingItem/getAll', {});
		await run('stagingItem/createFolder', { path: '/inbox/new' });
		await run('stagingItem/download', { path: '/readme.txt' });
		await run('stagingItem/move', { path: '/inbox/item-small.bin', name: 'renamed.bin' });
		await run('stagingItem/delete', { path: '/inbox/new' });

		const record = simulator.addRecord('product__v', { name__v: 'Schema' });
		await run('objectRecord/delete', { object: { mode: 'name', value: 'product__v' }, keyValue: String(record.id) });
		const draftRecord = simulator.addRecord('product__v', { name__v: 'Schema action' });
		const toActive = 'Objectlifecyclestateuseraction.product__v.draft_state__c.change_state_to_active_useraction__c';
		await run('objectRecord/runAction', { object: { mode: 'name', value: 'product__v' }, recordId: String(draftRecord.id), action: toActive });

		const document = simulator.addDocument({ name__v: 'Schema', type__v: 'General', lifecycle__v: 'General Lifecycle' });
		simulator.documentFilesOf(Number(document.id)).source = await simulator.storeContent('schema', 'schema.txt');
		await run('document/download', { documentId: { mode: 'id', value: String(document.id) } });
		const draft = simulator.addDocument({ name__v: 'Schema draft', title__v: 'Draft', type__v: 'General', lifecycle__v: 'General Lifecycle' });
		await run('document/createVersion', { documentId: { mode: 'id', value: String(draft.id) } }, [await fileItem(Buffer.from('v2'), 'v2.txt')]);
		await run('document/lifecycleAction', { documentId: { mode: 'id', value: String(draft.id) }, action: 'submit_for_review__c' });
		await run('document/delete', { documentId: { mode: 'id', value: String(document.id) } });
	}, 120_000);
	afterAll(async () => {
		await simulator.stop();
	});

	test.each(WITH_SCHEMA)('%s', (key) => {
		const [resource, operation] = key.split('/');
		const items = outputs[key] ?? [];
		expect(items.length).toBeGreaterThan(0);
		const schema = schemaOf(resource, operation);
		// (a) Every returned field is announced, with its type; no key holds undefined.
		expect(items.flatMap((item, index) => misfits(item, schema, `item ${index}`))).toEqual([]);
		// (b) Every announced field is returned by at least one item.
		const returned = new Set(items.flatMap((item) => valueFields(item)));
		const unreachable = (field: string) => `${key} ${field}` in ONLY_IN_STATES_A_DEFAULT_RUN_CANNOT_REACH;
		expect(schemaFields(schema).filter((field) => !returned.has(field) && !unreachable(field))).toEqual([]);
	});

	test('Staging Item → Get Many: every row has the same fields; a folder\'s size and modified_date are null', () => {
		const rows = outputs['stagingItem/getAll'];
		const folders = rows.filter((row) => row.kind === 'folder');
		const files = rows.filter((row) => row.kind === 'file');
		expect(folders.length).toBeGreaterThan(0);
		expect(files.length).toBeGreaterThan(0);
		for (const folder of folders) {
			expect(Object.keys(folder).sort()).toEqual(['kind', 'modified_date', 'name', 'path', 'size']);
			expect([folder.size, folder.modified_date]).toEqual([null, null]);
		}
		for (const file of files) expect(Object.keys(file).sort()).toEqual(['kind', 'modified_date', 'name', 'path', 'size']);
	});
});
