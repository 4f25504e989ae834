import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { waitForJobEnd } from '../../api/jobs';
import { startLoad } from '../../api/loader';
import type { LoadTask, LoaderJobStarted } from '../../api/loader';
import { loaderColumns } from '../../api/metadata';
import { deleteStagingItem } from '../../api/stagingItems';
import { binarySource } from '../../binary/binarySource';
import type { BinarySource } from '../../binary/binarySource';
import { chunksSource } from '../../binary/chunksSource';
import { InvalidInputError, nodeErrorOf } from '../../rules/inputError';
import { LOADER_OBJECT_TYPES } from '../../rules/loaderColumns';
import type { LoaderAction, LoaderColumn } from '../../rules/loaderColumns';
import { CsvTaskWriter, MAX_LOADER_CSV_BYTES, MAX_LOADER_TASKS, loaderCell, loaderLine } from '../../rules/loaderRows';
import { validStagingPath } from '../../rules/stagingRules';
import { vaultCredentials } from '../../transport';
import { uploadFile } from '../../upload/uploadFile';
import type { VaultClient } from '../../vaultClient';
import { binaryPropertyNameProperty, optionsCollection, timeoutOption } from '../common.descriptions';
import { failedRowsHint, rowsOfFile, rowsOfItems, taskLogRows } from './results';
import { loaderTarget, objectProperty, objectTypeProperty } from './target';
import type { LoaderTarget } from './target';

const WITH_ACTIONS = LOADER_OBJECT_TYPES.filter(({ actions }) => actions.length > 1).map(({ value }) => value);

const properties: INodeProperties[] = [
	objectTypeProperty('load'),
	objectProperty('load'),
	{
		displayName: 'Action',
		name: 'loadAction',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { objectType: WITH_ACTIONS } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a record or document from each row' },
			{ name: 'Update', value: 'update', description: 'Change the record or document each row finds by its Key Field' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)' },
			{ name: 'Delete', value: 'delete', description: 'Delete the record or document each row finds by its Key Field' },
		],
		default: 'create',
	},
	{
		displayName: 'Key Field Name or ID',
		name: 'keyField',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getKeyFields', loadOptionsDependsOn: ['objectType', 'object.value'] },
		displayOptions: { show: { objectType: WITH_ACTIONS, loadAction: ['update', 'upsert', 'delete'] } },
		default: 'external_id__v',
		description:
			'The unique field that finds each row\'s record, e.g. an external ID (recommended: with Create or Update, loading the same rows again updates them instead of creating duplicates) or the record ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Rows From',
		name: 'dataSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Input Items', value: 'items', description: 'One row per input item, its columns mapped below' },
			{ name: 'CSV on File Staging', value: 'stagedCsv', description: 'A CSV file already on File Staging, one per input item' },
			{ name: 'CSV in a Binary Field', value: 'binaryCsv', description: 'A CSV file of each input item, staged by the node first' },
		],
		default: 'items',
	},
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { dataSource: ['items'] } },
		typeOptions: {
			loadOptionsDependsOn: ['objectType', 'object.value', 'loadAction'],
			resourceMapper: {
				resourceMapperMethod: 'getLoaderColumns',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	},
	{
		displayName: 'CSV Path',
		name: 'csvPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/loader/products.csv',
		description: 'The staging path of the CSV to load: a header line of Vault field names, then one line per row',
		displayOptions: { show: { dataSource: ['stagedCsv'] } },
	},
	{ ...binaryPropertyNameProperty, displayOptions: { show: { dataSource: ['binaryCsv'] } }, description: 'The binary field that holds the CSV to load' },
	{
		displayName: 'Wait for Job',
		name: 'waitForJob',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Vault has loaded the rows and return one item per row (its record ID, or Vault\'s reason for not loading it). Off: return the job ID and task IDs at once; get the rows later with Get Results.',
	},
	optionsCollection([
		{
			displayName: 'Record Migration Mode',
			name: 'recordMigrationMode',
			type: 'boolean',
			default: false,
			description: 'Whether to load records in any lifecycle state, with minimal validation (Vault\'s Record Migration Mode; needs the permission in Vault)',
		},
		{
			displayName: 'No Triggers',
			name: 'noTriggers',
			type: 'boolean',
			default: false,
			description: 'Whether to skip record triggers (only with Record Migration Mode)',
		},
		{
			displayName: 'CSV Folder',
			name: 'csvFolder',
			type: 'string',
			default: '/n8n-loader',
			description: 'The staging folder where the node puts the CSV it writes for Vault Loader',
		},
		{
			displayName: 'Keep CSV',
			name: 'keepCsv',
			type: 'boolean',
			default: false,
			description: 'Whether to leave the CSV the node wrote on File Staging after the rows are loaded (by default it is deleted once Vault has loaded it)',
		},
		timeoutOption,
	]),
];

/** The node loads all its input items in one Vault Loader job: the router calls it once. */
export const runsOnceForAllItems = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Object Type, Object, Action and Key Field: Vault refused the load before reading any row.',
	PARAMETER_REQUIRED: 'A field the load needs is empty: with Create or Update, Update or Delete choose a Key Field.',
	INSUFFICIENT_ACCESS: 'The credential\'s Vault user may not use Vault Loader or change these records; a Vault Admin can grant it.',
};

export const description = updateDisplayOptions({ show: { resource: ['loader'], operation: ['load'] } }, properties);

interface LoadSettings extends LoaderTarget {
	action: LoaderAction;
	keyField?: string;
	wait: boolean;
	recordMigrationMode: boolean;
	noTriggers: boolean;
	/** The node's CSVs of this run are `${csvPathPrefix}-{n}.csv`, in the CSV Folder. */
	csvPathPrefix: string;
	keepCsv: boolean;
}

/** A CSV for one task: where it is on File Staging, whether the node put it there, and the input
 * items of its rows (all of them for a CSV from input items, else the one item that named it). */
interface TaskCsv {
	path: string;
	stagedByNode: boolean;
	itemIndexes?: number[];
	itemIndex: number;
	/** For pairing by Key Field when Vault's logs carry no row number. */
	keyValues?: string[];
}

function settingsOf(ctx: IExecuteFunctions): LoadSettings {
	const target = loaderTarget(ctx, 0);
	if (!LOADER_OBJECT_TYPES.some(({ value }) => value === target.objectType)) {
		throw new InvalidInputError(`"${target.objectType}" is not an object type Vault Loader loads`, `Choose one of: ${LOADER_OBJECT_TYPES.map(({ value }) => value).join(', ')}.`);
	}
	if (target.objectType === 'vobjects__v' && !target.object) throw new InvalidInputError('No object is chosen', 'Choose the Vault object whose records the rows are, e.g. product__v.');
	const action = (WITH_ACTIONS.includes(target.objectType) ? ctx.getNodeParameter('loadAction', 0, 'create') : 'create') as LoaderAction;
	const keyField = action === 'create' ? undefined : String(ctx.getNodeParameter('keyField', 0, '') ?? '').trim() || undefined;
	if (action === 'upsert' && !keyField) throw new InvalidInputError('Create or Update needs a Key Field', 'Choose the unique field that finds each row\'s record, e.g. external_id__v.');
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		...target,
		action,
		keyField,
		wait: ctx.getNodeParameter('waitForJob', 0, true) as boolean,
		recordMigrationMode: options.recordMigrationMode === true,
		noTriggers: options.noTriggers === true,
		csvPathPrefix: csvPathPrefixOf(ctx, options.csvFolder),
		keepCsv: options.keepCsv === true,
	};
}

export async function execute(this: IExecuteFunctions, _itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	if (items.length === 0) return [];
	const settings = settingsOf(this);
	const source = this.getNodeParameter('dataSource', 0, 'items') as string;
	const csvs = source === 'items' ? await stageItemRows(this, vault, settings) : await csvsOfItems(this, vault, settings, source === 'binaryCsv');
	const output: INodeExecutionData[] = [];
	for (let first = 0; first < csvs.length; first += MAX_LOADER_TASKS) {
		output.push(...(await loadTasks(this, vault, settings, csvs.slice(first, first + MAX_LOADER_TASKS))));
	}
	const hint = failedRowsHint(output);
	if (hint && typeof this.addExecutionHints === 'function') this.addExecutionHints({ message: hint, type: 'warning', location: 'outputPane' });
	return output;
}

/** One Loader call for up to 10 CSVs; its rows (or, without waiting, the job) as items. */
async function loadTasks(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, csvs: TaskCsv[]): Promise<INodeExecutionData[]> {
	const tasks: LoadTask[] = csvs.map((csv, index) => ({
		object_type: settings.objectType,
		...(settings.object ? { object: settings.object } : {}),
		action: settings.action,
		file: csv.path,
		order: index + 1,
		...(settings.keyField ? { idparam: settings.keyField } : {}),
		...(settings.recordMigrationMode ? { recordmigrationmode: true } : {}),
		...(settings.noTriggers ? { notriggers: true } : {}),
	}));
	let started: LoaderJobStarted | undefined;
	try {
		started = await startLoad(vault, tasks);
	} finally {
		// Vault refused the load: nothing will read the CSVs the node staged for it.
		if (!started) await removeStagedCsvs(vault, csvs);
	}
	const itemsOfJob = [...new Set(csvs.flatMap((csv) => csv.itemIndexes ?? [csv.itemIndex]))].map((item) => ({ item }));
	if (!settings.wait) {
		return [{ json: { job_id: started.job_id, ...(started.url ? { url: started.url } : {}), tasks: started.tasks, csv_paths: csvs.map(({ path }) => path) }, pairedItem: itemsOfJob }];
	}

	const job = await waitForJobEnd(vault, started.job_id);
	const output: INodeExecutionData[] = [];
	for (const [index, csv] of csvs.entries()) {
		const taskId = started.tasks[index]?.task_id ?? String(index + 1);
		const task: IDataObject = { job_id: started.job_id, task_id: taskId, action: settings.action, object_type: settings.objectType, ...(settings.object ? { object: settings.object } : {}) };
		const logRows = await taskLogRows(vault, started.job_id, taskId);
		if (csv.itemIndexes) {
			const keyValues = csv.keyValues;
			const keyOf = settings.keyField && keyValues ? { column: settings.keyField, valueOfRow: (row: number) => keyValues[row - 1] } : undefined;
			output.push(...rowsOfItems(logRows, csv.itemIndexes, task, keyOf));
		} else {
			output.push(...rowsOfFile(logRows, csv.itemIndex, task));
		}
	}
	if (job.status !== 'SUCCESS' && output.every((item) => item.json.loaded !== true)) {
		throw new NodeApiError(ctx.getNode(), job as unknown as JsonObject, {
			message: `Vault Loader job ${started.job_id} ended with status ${job.status} and loaded no rows`,
			description: 'Check the job in Vault (Admin → Operations → Job Status). Is the CSV still on File Staging?',
		});
	}
	if (!settings.keepCsv) await removeStagedCsvs(vault, csvs);
	return output;
}

function csvPathPrefixOf(ctx: IExecuteFunctions, csvFolder: unknown): string {
	const folder = validStagingPath(String(csvFolder ?? '/n8n-loader').replace(/\/+$/, '') || '/', 'CSV Folder');
	return `${folder === '/' ? '' : folder}/n8n-load-${ctx.getExecutionId() ?? 'manual'}-${Date.now().toString(36)}`;
}

/** Stages a CSV the node loads: a new file (never over one already there), whole before Vault reads it. */
async function stageCsv(vault: VaultClient, source: BinarySource, path: string): Promise<void> {
	const apiVersion = String((await vaultCredentials(vault)).apiVersion ?? '').trim();
	await uploadFile(vault, source, { path, apiVersion, overwrite: false, alwaysUseUploadSession: false, resume: false, fileMd5: false, waitForJob: true });
}

async function removeStagedCsvs(vault: VaultClient, csvs: readonly TaskCsv[]): Promise<void> {
	for (const csv of csvs) {
		// The CSV is the node's own scratch file: a failure to remove it must not hide the load's outcome.
		if (csv.stagedByNode) await deleteStagingItem(vault, csv.path, false).catch(() => undefined);
	}
}

/** The input items as rows of one CSV or more (each under 1 GB), staged; at most 10 CSVs. */
async function stageItemRows(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings): Promise<TaskCsv[]> {
	const items = ctx.getInputData();
	const columns = await loaderColumns(vault, { objectType: settings.objectType, object: settings.object, action: settings.action });
	const byName = new Map(columns.map((column) => [column.name, column]));
	const mappingMode = ctx.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as string;

	const rows: Array<Record<string, unknown>> = [];
	const ignored = new Set<string>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// skipValidation: n8n would check each value against the column types the editor stored
		// (picklist, date, boolean) and fail the whole node for one empty cell or one value Vault
		// refuses; Vault checks each row and the node reports it, the other rows loaded.
		const values =
			mappingMode === 'autoMapInputData'
				? items[itemIndex].json
				: ((ctx.getNodeParameter('columns.value', itemIndex, {}, { skipValidation: true }) ?? {}) as IDataObject);
		const row: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(values)) {
			if (byName.has(name)) row[name] = value;
			else ignored.add(name);
		}
		rows.push(row);
	}
	if (mappingMode !== 'autoMapInputData' && ignored.size > 0) {
		const what = settings.object ?? settings.objectType;
		throw new InvalidInputError(`The columns ${[...ignored].map((name) => `"${name}"`).join(', ')} are not fields ${settings.object ? 'of' : 'for'} ${what}`, 'Remove them from Columns, or refresh the field list (the object may have changed in Vault).');
	}
	const header = columns.map(({ name }) => name).filter((name) => rows.some((row) => row[name] !== undefined && row[name] !== null && row[name] !== ''));
	checkHeader(header, columns, settings, ignored);
	if (ignored.size > 0 && typeof ctx.addExecutionHints === 'function') {
		ctx.addExecutionHints({ message: `Not sent to Vault (not fields of ${settings.object ?? settings.objectType}): ${[...ignored].slice(0, 20).join(', ')}`, type: 'info', location: 'outputPane' });
	}

	const writer = new CsvTaskWriter(header);
	const keyValues: string[][] = [];
	for (const [itemIndex, row] of rows.entries()) {
		let cells: string[];
		try {
			cells = header.map((name) => loaderCell(row[name], name, byName.get(name)?.type));
			writer.add(loaderLine(cells), itemIndex);
		} catch (error) {
			throw nodeErrorOf(ctx.getNode(), error, itemIndex);
		}
		const taskIndex = writer.tasks.length - 1;
		if (settings.keyField) (keyValues[taskIndex] ??= []).push(cells[header.indexOf(settings.keyField)] ?? '');
	}
	const tasks = writer.finish();

	const staged: TaskCsv[] = [];
	for (const [index, task] of tasks.entries()) {
		const path = `${settings.csvPathPrefix}-${index + 1}.csv`;
		let uploaded = false;
		try {
			await stageCsv(vault, chunksSource(task.chunks, path.split('/').pop() ?? 'load.csv', 'text/csv'), path);
			uploaded = true;
		} finally {
			if (!uploaded) await removeStagedCsvs(vault, staged);
		}
		task.chunks.length = 0;
		staged.push({ path, stagedByNode: true, itemIndexes: task.itemIndexes, itemIndex: task.itemIndexes[0], keyValues: keyValues[index] });
	}
	return staged;
}

function checkHeader(header: string[], columns: LoaderColumn[], settings: LoadSettings, ignored: Set<string>): void {
	const what = settings.object ?? settings.objectType;
	if (header.length === 0) {
		const seen = [...ignored].slice(0, 10).join(', ');
		throw new InvalidInputError(
			`No input item has a value for any field of ${what}`,
			seen ? `The items' fields (${seen}) are not fields of ${what}: map them under Columns, or rename them to Vault's field names (e.g. name__v).` : 'Map the items\' values to fields under Columns.',
		);
	}
	if (settings.action === 'create') {
		const missing = columns.filter((column) => column.required && !header.includes(column.name)).map(({ name }) => name);
		if (missing.length) throw new InvalidInputError(`To create ${what}, Vault needs the columns ${missing.join(', ')}, which no input item fills`, 'Map them under Columns.');
	}
	if (settings.keyField && !header.includes(settings.keyField)) {
		throw new InvalidInputError(`The Key Field "${settings.keyField}" is not among the columns, so no row can find its record`, `Map a value to ${settings.keyField} under Columns, or choose another Key Field.`);
	}
}

/** One CSV per input item: a staging path, or a binary field the node stages first. */
async function csvsOfItems(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, fromBinary: boolean): Promise<TaskCsv[]> {
	const csvs: TaskCsv[] = [];
	for (let itemIndex = 0; itemIndex < ctx.getInputData().length; itemIndex++) {
		try {
			if (!fromBinary) {
				const path = validStagingPath(String(ctx.getNodeParameter('csvPath', itemIndex, '') ?? '').trim(), 'CSV Path');
				csvs.push({ path, stagedByNode: false, itemIndex });
				continue;
			}
			const source = await binarySource(ctx, itemIndex, String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')));
			if (source.bytes > MAX_LOADER_CSV_BYTES) {
				throw new InvalidInputError(`The CSV of item ${itemIndex} is ${source.bytes} bytes; Vault Loader reads CSV files under 1 GB`, 'Split the CSV into smaller files, one per item.');
			}
			const path = `${settings.csvPathPrefix}-${itemIndex + 1}.csv`;
			await stageCsv(vault, source, path);
			csvs.push({ path, stagedByNode: true, itemIndex });
		} catch (error) {
			await removeStagedCsvs(vault, csvs);
			throw nodeErrorOf(ctx.getNode(), error, itemIndex);
		}
	}
	return csvs;
}
