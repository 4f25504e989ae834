/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// Vault Loader → Load through n8n's engine against the simulator: input items become one CSV on
// File Staging and one Loader job; each row comes back as an item paired with the item it came from.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import type { IDataObject, INodeExecutionData, ResourceMapperFields } from 'n8n-workflow';

import { fileItem } from '../../harness/binary';
import { runEditorMethod, runVaultNode } from '../../harness/engine';
import type { RunResult } from '../../harness/engine';
import { UPLOADER, passwordCredentials, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

const products = { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: { mode: 'name', value: 'product__v' } };
const defineBelow = (value: IDataObject) => ({ columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] } });
const autoMap = { columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] } };
const itemsOf = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const paired = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const hintsOf = (result: RunResult) => (result.run.data.resultData.runData['Veeva Vault']?.[0]?.hints ?? []).map((hint) => hint.message);
const recordsOf = (object: string) => vault.simulator.recordsOf(object) as IDataObject[];
/** The files under a staging folder once Vault has run the jobs started so far (a delete is a job). */
async function stagedFiles(folder: string): Promise<string[]> {
	await vault.simulator.settleJobs();
	return await vault.simulator.stagedFilesUnder(folder);
}

const mapProduct = defineBelow({ external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}', therapeutic_area__vs: '={{ $json.area }}' });

test('Create: one row per item; each output item says whether Vault loaded it, with the record ID or Vault\'s reason, paired with its item', async () => {
	const input = itemsOf(
		{ sku: 'P-1', name: 'Cholecap', area: 'cardiology__vs' },
		{ sku: 'P-2', name: '', area: 'oncology__vs' },
		{ sku: 'P-3', name: 'Nyaxa', area: 'dermatology__vs' },
		{ sku: 'P-4', name: 'Veniqa', area: 'neurology__vs' },
	);
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, loadAction: 'create', ...mapProduct }, inputItems: input });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [paired(item), item.json.loaded, item.json.row])).toEqual([
		[0, true, 1],
		[1, false, 2],
		[2, false, 3],
		[3, true, 4],
	]);
	const created = recordsOf('product__v');
	expect(created.map((record) => record.external_id__v)).toEqual(['P-1', 'P-4']);
	expect(result.items[0].json).toMatchObject({ id: created[0].id, job_id: expect.any(Number), task_id: '1', action: 'create', object: 'product__v' });
	expect(result.items[3].json.id).toBe(created[1].id);
	expect(result.items[1].json).toMatchObject({ loaded: false, id: null, error: expect.stringContaining('name__v') });
	expect(result.items[2].json.error).toContain('dermatology__vs');
	expect(hintsOf(result).join('\n')).toContain('2 of 4 rows were not loaded');
	// One CSV, one Loader call, and the CSV removed from File Staging once its rows are back.
	expect(vault.simulator.count('loaderLoad')).toBe(1);
	expect(existsSync(vault.simulator.stagingFilePath('/n8n-loader'))).toBe(true);
	expect(await stagedFiles('/n8n-loader')).toEqual([]);
});

test('with the column types the editor stores (picklist, date, boolean), an empty cell or a value Vault refuses is Vault\'s row error, never n8n\'s check failing the node', async () => {
	// What the editor's column mapping writes into the workflow: each field with its type.
	const schema = [
		{ id: 'external_id__v', displayName: 'External ID', required: false, defaultMatch: false, canBeUsedToMatch: true, display: true, type: 'string' },
		{ id: 'name__v', displayName: 'Name', required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' },
		{
			id: 'therapeutic_area__vs',
			displayName: 'Therapeutic Area',
			required: false,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'options',
			options: ['cardiology__vs', 'oncology__vs', 'neurology__vs'].map((value) => ({ name: value, value })),
		},
		{ id: 'launch_date__vs', displayName: 'Launch Date', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'dateTime' },
		{ id: 'active__vs', displayName: 'Active', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'boolean' },
	];
	const value = { external_id__v: '={{ $json.sku }}', name__v: '={{ $json.name }}', therapeutic_area__vs: '={{ $json.area }}', launch_date__vs: '={{ $json.launch }}', active__vs: '={{ $json.active }}' };
	// Spreadsheet rows: every cell text, some empty.
	const input = itemsOf(
		{ sku: 'T-1', name: 'Full', area: 'oncology__vs', launch: '2024-03-01', active: 'true' },
		{ sku: 'T-2', name: 'Blank cells', area: '', launch: '', active: '' },
		{ sku: 'T-3', name: 'Bad area', area: 'dermatology__vs', launch: '2024-03-01', active: 'false' },
	);
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema } },
		inputItems: input,
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true, true, false]);
	expect(result.items[2].json.error).toContain('Invalid value [dermatology__vs] for picklist field [therapeutic_area__vs]');
	expect(recordsOf('product__v').map((record) => [record.name__v, record.therapeutic_area__vs ?? null, record.launch_date__vs ?? null, record.active__vs ?? null])).toEqual([
		['Full', 'oncology__vs', '2024-03-01', true],
		['Blank cells', null, null, null],
	]);
});

test('Map Automatically: the items\' fields named like the object\'s fields become columns; the others are left out and named in a hint', async () => {
	const input = itemsOf({ name__v: 'Auto 1', external_id__v: 'A-1', note: 'not a field' }, { name__v: 'Auto 2', external_id__v: 'A-2', active__vs: true });
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, loadAction: 'create', ...autoMap }, inputItems: input });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true, true]);
	expect(recordsOf('product__v').map((record) => [record.name__v, record.external_id__v, record.active__vs ?? null])).toEqual([
		['Auto 1', 'A-1', null],
		['Auto 2', 'A-2', true],
	]);
	expect(hintsOf(result).join('\n')).toContain('Not sent to Vault (not fields of product__v): note');
});

test('Create or Update by external ID: running the same rows again updates the records instead of creating them twice', async () => {
	const parameters = { ...products, loadAction: 'upsert', keyField: 'external_id__v', ...mapProduct };
	const first = await runVaultNode(vault.credentials, { parameters, inputItems: itemsOf({ sku: 'U-1', name: 'First', area: 'oncology__vs' }, { sku: 'U-2', name: 'Second', area: 'oncology__vs' }) });
	expect(first.items.map((item) => item.json.loaded)).toEqual([true, true]);
	const again = await runVaultNode(vault.credentials, { parameters, inputItems: itemsOf({ sku: 'U-2', name: 'Second, renamed', area: 'neurology__vs' }, { sku: 'U-3', name: 'Third', area: 'oncology__vs' }) });
	expect(again.error).toBeUndefined();
	expect(again.items.map((item) => item.json.loaded)).toEqual([true, true]);
	expect(again.items[0].json.id).toBe(first.items[1].json.id);
	expect(recordsOf('product__v').map((record) => [record.external_id__v, record.name__v])).toEqual([
		['U-1', 'First'],
		['U-2', 'Second, renamed'],
		['U-3', 'Third'],
	]);
});

test('Update and Delete by ID; a row whose record does not exist fails alone', async () => {
	vault.simulator.addRecord('product__v', { name__v: 'Keep', external_id__v: 'K-1' });
	const gone = vault.simulator.addRecord('product__v', { name__v: 'Remove', external_id__v: 'R-1' });
	const [kept] = recordsOf('product__v');
	const update = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'update', keyField: 'id', ...defineBelow({ id: '={{ $json.id }}', name__v: '={{ $json.name }}' }) },
		inputItems: itemsOf({ id: kept.id, name: 'Kept, renamed' }, { id: 'V0A000000009999', name: 'Nobody' }),
	});
	expect(update.items.map((item) => item.json.loaded)).toEqual([true, false]);
	expect(update.items[1].json.error).toContain('V0A000000009999');
	expect(recordsOf('product__v')[0].name__v).toBe('Kept, renamed');

	const remove = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'delete', keyField: 'id', ...defineBelow({ id: '={{ $json.id }}' }) },
		inputItems: itemsOf({ id: gone.id }),
	});
	expect(remove.items.map((item) => [item.json.loaded, item.json.id])).toEqual([[true, gone.id]]);
	expect(recordsOf('product__v').map((record) => record.name__v)).toEqual(['Kept, renamed']);
});

test('Documents: the file column takes a staging path; a row whose file is not on File Staging fails with Vault\'s words', async () => {
	await vault.simulator.addStagedFile('/inbox/label.pdf', '%PDF-1.7 label');
	const result = await runVaultNode(vault.credentials, {
		parameters: {
			resource: 'loader',
			operation: 'load',
			objectType: 'documents__v',
			loadAction: 'create',
			...defineBelow({ file: '={{ $json.path }}', name__v: '={{ $json.name }}', type__v: 'Labeling', lifecycle__v: 'General Lifecycle' }),
		},
		inputItems: itemsOf({ path: '/inbox/label.pdf', name: 'Label' }, { path: '/inbox/missing.pdf', name: 'Missing' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true, false]);
	expect(result.items[1].json.error).toContain('/inbox/missing.pdf');
	const document = vault.simulator.documents.find((candidate) => candidate.name__v === 'Label');
	expect(document).toBeDefined();
	expect(String(result.items[0].json.id)).toBe(String(document?.id));
});

test('CSV edge cases reach Vault intact: commas, quotes, line breaks, non-ASCII, leading spaces, empty values', async () => {
	const names = ['Cholecap, 10 mg', 'The "best" one', 'two\nlines', 'Ünïcødé ✓ 日本', ' padded '];
	const input = itemsOf(...names.map((name, index) => ({ sku: `E-${index}`, name, area: index === 4 ? '' : 'oncology__vs' })));
	const result = await runVaultNode(vault.credentials, { parameters: { ...products, loadAction: 'create', ...mapProduct }, inputItems: input });
	expect(result.items.map((item) => item.json.loaded)).toEqual(names.map(() => true));
	expect(recordsOf('product__v').map((record) => record.name__v)).toEqual(names);
});

test('A CSV already on File Staging per item: one job with one task per CSV, each row paired with the item that named its CSV', async () => {
	await vault.simulator.addStagedFile('/loader/a.csv', 'external_id__v,name__v\r\nS-1,One\r\nS-2,\r\n');
	await vault.simulator.addStagedFile('/loader/b.csv', '\uFEFFexternal_id__v,name__v\nS-3,Three\n');
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', dataSource: 'stagedCsv', csvPath: '={{ $json.csv }}' },
		inputItems: itemsOf({ csv: '/loader/a.csv' }, { csv: '/loader/b.csv' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [paired(item), item.json.task_id, item.json.row, item.json.loaded])).toEqual([
		[0, '1', 1, true],
		[0, '1', 2, false],
		[1, '2', 1, true],
	]);
	expect(vault.simulator.count('loaderLoad')).toBe(1);
	// The user's own CSVs stay where they were.
	expect(await stagedFiles('/loader')).toEqual(['/loader/a.csv', '/loader/b.csv']);
});

test('More CSVs than one Loader call takes (10) go in several calls, in order', async () => {
	const input: INodeExecutionData[] = [];
	for (let index = 1; index <= 12; index++) {
		await vault.simulator.addStagedFile(`/loader/${index}.csv`, `external_id__v,name__v\r\nM-${index},Product ${index}\r\n`);
		input.push({ json: { csv: `/loader/${index}.csv` } });
	}
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', dataSource: 'stagedCsv', csvPath: '={{ $json.csv }}' },
		inputItems: input,
	});
	expect(result.error).toBeUndefined();
	expect(vault.simulator.count('loaderLoad')).toBe(2);
	expect(result.items.map(paired)).toEqual(input.map((_, index) => index));
	expect(recordsOf('product__v')).toHaveLength(12);
});

test('A CSV in a binary field is staged by the node, loaded, and removed again', async () => {
	const csv = Buffer.from('\uFEFFexternal_id__v,name__v\r\nB-1,"Binary, one"\r\nB-2,Two\r\n', 'utf8');
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', dataSource: 'binaryCsv' },
		inputItems: [await fileItem(csv, 'products.csv')],
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true, true]);
	expect(recordsOf('product__v').map((record) => record.name__v)).toEqual(['Binary, one', 'Two']);
	expect(await stagedFiles('/n8n-loader')).toEqual([]);
});

test('Without Wait for Job: the job and its tasks at once; Get Results then gives the rows', async () => {
	const started = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', waitForJob: false, ...mapProduct },
		inputItems: itemsOf({ sku: 'W-1', name: 'Later', area: 'oncology__vs' }, { sku: 'W-2', name: '', area: 'oncology__vs' }),
	});
	expect(started.error).toBeUndefined();
	expect(started.items).toHaveLength(1);
	const [job] = started.items;
	expect(job.json).toMatchObject({ job_id: expect.any(Number), tasks: [expect.objectContaining({ task_id: '1' })] });
	expect(job.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);

	const results = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'getResults', jobId: String(job.json.job_id), taskId: '1' },
	});
	expect(results.error).toBeUndefined();
	expect(results.items.map((item) => [item.json.row, item.json.loaded])).toEqual([
		[1, true],
		[2, false],
	]);
	const failedOnly = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'getResults', jobId: String(job.json.job_id), taskId: '1', rows: 'failed' },
	});
	expect(failedOnly.items.map((item) => item.json.row)).toEqual([2]);
});

describe('bad input is refused before anything is staged, with the item and what to fix', () => {
	test('a value that is an object', async () => {
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', ...defineBelow({ name__v: '={{ $json.name }}', external_id__v: '={{ $json.sku }}' }) },
			inputItems: itemsOf({ sku: 'X-1', name: 'fine' }, { sku: 'X-2', name: { first: 'not', second: 'text' } }),
		});
		expect(result.error?.message).toContain('The column "name__v" holds an object, not text');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(vault.simulator.count('loaderLoad')).toBe(0);
	});

	test('a CSV Path that is not a file path', async () => {
		await vault.simulator.addStagedFile('/loader/a.csv', 'external_id__v,name__v\r\nP-1,One\r\n');
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', dataSource: 'stagedCsv', csvPath: '={{ $json.csv }}' },
			inputItems: itemsOf({ csv: '/loader/a.csv' }, { csv: '/loader/' }),
		});
		expect(result.error?.message).toContain('CSV Path "/loader/" ends with a slash');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(vault.simulator.count('loaderLoad')).toBe(0);
	});

	test('Create without a column Vault requires', async () => {
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', ...defineBelow({ external_id__v: '={{ $json.sku }}' }) },
			inputItems: itemsOf({ sku: 'X-1' }),
		});
		expect(result.error?.message).toBe('To create product__v, Vault needs the columns name__v, which no input item fills');
		expect(vault.simulator.count('createStagingItem') + vault.simulator.count('loaderLoad')).toBe(0);
	});

	test('a mapped column that is not a field of the object', async () => {
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', ...defineBelow({ name__v: 'A', colour__c: 'red' }) },
		});
		expect(result.error?.message).toContain('"colour__c"');
		expect(vault.simulator.count('loaderLoad')).toBe(0);
	});

	test('Create or Update whose Key Field has no column', async () => {
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'upsert', keyField: 'external_id__v', ...defineBelow({ name__v: 'A' }) },
		});
		expect(result.error?.message).toBe('The Key Field "external_id__v" is not among the values sent, so no row can find its record');
		// In the editor's words: the column mapping is "Values to Send", never "Columns".
		expect(result.error?.description).toBe('Map a value to external_id__v under Values to Send, or choose another Key Field.');
	});

	test('with Continue on Fail the refusal becomes an item with the error, paired with its item', async () => {
		const result = await runVaultNode(vault.credentials, {
			parameters: { ...products, loadAction: 'create', ...defineBelow({ name__v: '={{ $json.name }}' }) },
			inputItems: itemsOf({ name: 'fine' }, { name: ['a', 'list'] }),
			onError: 'continueRegularOutput',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toContain('holds a list');
		expect(paired(result.items[0])).toBe(1);
	});
});

test('Vault\'s refusal of the whole load (an object it does not have) fails the node in Vault\'s words and leaves no CSV behind', async () => {
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, object: { mode: 'name', value: 'nothing__c' }, loadAction: 'create', ...defineBelow({ name__v: 'A' }) },
	});
	expect(result.error?.message).toMatch(/INVALID_DATA|nothing__c/);
	expect(await stagedFiles('/n8n-loader')).toEqual([]);
});

test('a user who is not an admin loads through their own staging folder', async () => {
	const credentials = passwordCredentials(vault.simulator, UPLOADER);
	const result = await runVaultNode(credentials, {
		parameters: { ...products, loadAction: 'create', ...mapProduct },
		inputItems: itemsOf({ sku: 'N-1', name: 'Mine', area: 'oncology__vs' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true]);
	expect(await stagedFiles(`/u${UPLOADER.id}/n8n-loader`)).toEqual([]);
});

test('Options: the CSV goes to CSV Folder, and Keep CSV leaves it there with the rows as Vault read them', async () => {
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...products, loadAction: 'create', ...mapProduct, options: { csvFolder: '/loader/written/', keepCsv: true, recordMigrationMode: true, noTriggers: true } },
		inputItems: itemsOf({ sku: 'K-1', name: 'Kept, "quoted"', area: 'oncology__vs' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.loaded)).toEqual([true]);
	const [csv, ...more] = await stagedFiles('/loader/written');
	expect(more).toEqual([]);
	expect(csv).toMatch(/^\/loader\/written\/n8n-load-.+-1\.csv$/);
	expect(await readFile(vault.simulator.stagingFilePath(csv), 'utf8')).toBe('name__v,external_id__v,therapeutic_area__vs\r\n"Kept, ""quoted""",K-1,oncology__vs\r\n');
});

test('a relationship column (product__vsr.external_id__v) sets an Object field by its target\'s unique field: offered in Values to Send, Vault finds the record, a row naming none is refused alone', async () => {
	const product = vault.simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	const studies = { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object: { mode: 'name', value: 'study__v' }, loadAction: 'create' };
	const { fields } = await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getLoaderColumns', studies);
	expect(fields.find((field) => field.id === 'product__vsr.external_id__v')).toMatchObject({ displayName: 'Product by External ID (product__vsr.external_id__v)', required: false });
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...studies, ...defineBelow({ name__v: '={{ $json.name }}', 'product__vsr.external_id__v': '={{ $json.sku }}' }) },
		inputItems: itemsOf({ name: 'Study A', sku: 'P-1' }, { name: 'Study B', sku: 'P-404' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [paired(item), item.json.loaded])).toEqual([
		[0, true],
		[1, false],
	]);
	expect(result.items[1].json.error).toContain('P-404');
	expect(recordsOf('study__v').map((study) => [study.name__v, study.product__vs])).toEqual([['Study A', product.id]]);
});
