/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// Every row accounted for: whatever Vault's logs leave out or misnumber, and however a run of
// several Loader calls ends, each row the node sent comes back as exactly one item, paired with
// its input item, and nothing the node staged stays behind.
import { rm } from 'node:fs/promises';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { NOT_REPORTED } from '../../../nodes/VeevaVault/actions/loader/results';
import { fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import type { RunResult } from '../../harness/engine';
import { passwordCredentials, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

const products = { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: { mode: 'name', value: 'product__v' } };
const defineBelow = (value: IDataObject) => ({ columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] } });
const itemsOf = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const paired = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const hintsOf = (result: RunResult) => (result.run.data.resultData.runData['Veeva Vault']?.[0]?.hints ?? []).map((hint) => hint.message);
const recordsOf = (object: string) => vault.simulator.recordsOf(object) as IDataObject[];
const csvOf = (...rows: string[]) => `external_id__v,name__v\r\n${rows.map((row) => `${row}\r\n`).join('')}`;
/** The successlog answer leaves out its last rows, as a Vault cut short might. */
const successLogWithout = (dropRows: number) => vault.simulator.injectFault({ kind: 'editLoaderLog', method: 'GET', path: '/services/loader/', dropRows });
async function stagedFiles(folder: string): Promise<string[]> {
	await vault.simulator.settleJobs();
	return await vault.simulator.stagedFilesUnder(folder);
}

describe('rows after the last one the logs mention still come back, not loaded, saying so', () => {
	test('a CSV on File Staging: its data rows are counted', async () => {
		await vault.simulator.addStagedFile('/loader/a.csv', csvOf('S-1,One', 'S-2,"Two, quoted\r\nover two lines"', 'S-3,Three', 'S-4,Four'));
		successLogWithout(2);
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', dataSource: 'stagedCsv', csvPath: '/loader/a.csv' },
			inputItems: itemsOf({}),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [paired(item), item.json.row, item.json.loaded, item.json.error])).toEqual([
			[0, 1, true, null],
			[0, 2, true, null],
			[0, 3, false, NOT_REPORTED],
			[0, 4, false, NOT_REPORTED],
		]);
		expect(hintsOf(result).join('\n')).toContain('2 of 4 rows were not loaded');
	});

	test('a CSV in a binary field: its bytes are counted', async () => {
		successLogWithout(3);
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', dataSource: 'binaryCsv' },
			inputItems: [await fileItem(Buffer.from(csvOf('B-1,One', 'B-2,Two', 'B-3,Three'), 'utf8'), 'products.csv')],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.row, item.json.loaded, item.json.error])).toEqual([
			[1, false, NOT_REPORTED],
			[2, false, NOT_REPORTED],
			[3, false, NOT_REPORTED],
		]);
		expect(recordsOf('product__v')).toHaveLength(3);
	});

	test('Get Results with the loaded CSV\'s path: every row of it', async () => {
		const started = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', waitForJob: false, ...defineBelow({ external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}' }) },
			inputItems: itemsOf({ sku: 'G-1', name: 'One' }, { sku: 'G-2', name: 'Two' }, { sku: 'G-3', name: 'Three' }),
		});
		const [csvPath] = started.items[0].json.csv_paths as string[];
		const getResults = { resource: 'loader', operation: 'getResults', jobId: String(started.items[0].json.job_id), taskId: '1' };
		successLogWithout(1);
		const withPath = await runVaultNode(vault.credentials, { parameters: { ...getResults, csvPath } });
		expect(withPath.items.map((item) => [item.json.row, item.json.loaded])).toEqual([
			[1, true],
			[2, true],
			[3, false],
		]);
		expect(withPath.items[2].json.error).toBe(NOT_REPORTED);
	});
});

describe('a row number is checked against the keys the node wrote', () => {
	test('logs whose rowIds are off by one: rows paired by their Key Field (id_param__value), never shifted to the neighbour, and a warning', async () => {
		vault.simulator.injectFault({ kind: 'editLoaderLog', method: 'GET', path: '/services/loader/', shiftRowIds: 1 });
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'upsert', keyField: 'external_id__v', ...defineBelow({ external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}' }) },
			inputItems: itemsOf({ sku: 'K-1', name: 'One' }, { sku: 'K-2', name: 'Two' }, { sku: 'K-3', name: 'Three' }),
		});
		expect(result.error).toBeUndefined();
		const idOf = new Map(recordsOf('product__v').map((record) => [record.external_id__v, record.id]));
		expect(result.items.map((item) => [paired(item), item.json.row, item.json.loaded, item.json.id])).toEqual([
			[0, 2, true, idOf.get('K-1')],
			[1, 3, true, idOf.get('K-2')],
			[2, 4, true, idOf.get('K-3')],
		]);
		expect(hintsOf(result).join('\n')).toContain('2 rows of Vault\'s logs named a row number whose row has another id or Key Field value');
	});
});

describe('a load of more than 10 CSVs whose later call fails', () => {
	test('the first call\'s rows keep their results; the refused call\'s rows are not loaded, naming why; everything the node staged is removed', async () => {
		const input: INodeExecutionData[] = [];
		for (let index = 1; index <= 12; index++) input.push(await fileItem(Buffer.from(csvOf(`M-${index},Product ${index}`, `M-${index}b,Product ${index}b`), 'utf8'), `${index}.csv`));
		vault.simulator.injectFault({ kind: 'exception', method: 'POST', path: '/services/loader/load', after: 1 });
		const result = await runVaultNode(vault.credentials, { parameters: { ...products, loadAction: 'create', dataSource: 'binaryCsv' }, inputItems: input });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(24);
		expect(result.items.map(paired)).toEqual(input.flatMap((_, index) => [index, index]));
		expect(result.items.slice(0, 20).every((item) => item.json.loaded === true && typeof item.json.id === 'string')).toBe(true);
		for (const item of result.items.slice(20)) {
			expect(item.json).toMatchObject({ loaded: false, id: null, job_id: null });
			expect(item.json.error).toMatch(/^Not loaded: Vault Loader call 2 of 2, which carried this row, was refused: /);
		}
		expect(recordsOf('product__v')).toHaveLength(20);
		expect(await stagedFiles('/n8n-loader')).toEqual([]);
		expect(hintsOf(result).join('\n')).toContain('4 of 24 rows were not loaded');
	});
});

test('a job that loads nothing fails with the reason from its failure log, not its status alone', async () => {
	await vault.simulator.addStagedFile('/loader/gone.csv', csvOf('F-1,One'));
	// The job's status poll waits; meanwhile the CSV goes away before the job reads it.
	vault.simulator.injectFault({ kind: 'delay', method: 'GET', path: '/services/jobs/', ms: 1500 });
	const running = runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', dataSource: 'stagedCsv', csvPath: '/loader/gone.csv' },
		inputItems: itemsOf({}),
	});
	while (![...vault.simulator.jobs.values()].some((job) => job.loader)) await sleep(5);
	await rm(vault.simulator.stagingFilePath('/loader/gone.csv'));
	const result = await running;
	expect(result.error?.message).toMatch(/^Vault Loader loaded no rows: job \d+ \(ERRORS_ENCOUNTERED\) ended without success\. Vault's logs say: /);
	expect(result.error?.message).toContain('File not found on file staging [/loader/gone.csv]');
});

test('API v26.1 and later: the task\'s type goes as entity_type, which the simulator requires as Veeva\'s reference does', async () => {
	const result = await runVaultNode(passwordCredentials(vault.simulator, undefined, { apiVersion: 'v26.1' }), {
		parameters: { ...products, loadAction: 'create', ...defineBelow({ external_id__v: 'E-1', name__v: 'Entity' }) },
		inputItems: itemsOf({}),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true]);
	expect(vault.simulator.loaderTasks()[0]).toMatchObject({ entity_type: 'vobjects__v', object: 'product__v' });
	expect(vault.simulator.loaderTasks()[0]).not.toHaveProperty('object_type');
});

test('Record Migration Mode and No Triggers reach Vault as the task\'s fields', async () => {
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', ...defineBelow({ external_id__v: 'R-1', name__v: 'Migrated' }), options: { recordMigrationMode: true, noTriggers: true } },
		inputItems: itemsOf({}),
	});
	expect(result.error).toBeUndefined();
	expect(vault.simulator.loaderTasks()).toEqual([expect.objectContaining({ object_type: 'vobjects__v', recordmigrationmode: true, notriggers: true })]);
	const plain = await runVaultNode(vault.credentials, { parameters: { ...products, loadAction: 'create', ...defineBelow({ external_id__v: 'R-2', name__v: 'Plain' }) }, inputItems: itemsOf({}) });
	expect(plain.error).toBeUndefined();
	expect(vault.simulator.loaderTasks()[1]).not.toHaveProperty('recordmigrationmode');
	expect(vault.simulator.loaderTasks()[1]).not.toHaveProperty('notriggers');
});

test('every row\'s item has the same keys: error null when loaded, id null when not', async () => {
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', ...defineBelow({ external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}' }) },
		inputItems: itemsOf({ sku: 'S-1', name: 'One' }, { sku: 'S-2', name: '' }),
	});
	const [loaded, failed] = result.items.map((item) => item.json);
	expect(Object.keys(loaded)).toEqual(Object.keys(failed));
	expect(loaded).toMatchObject({ loaded: true, error: null });
	expect(failed).toMatchObject({ loaded: false, id: null, error: expect.stringContaining('Missing required field [name__v]') });
});
