// The CSVs a Load sends to Vault Loader: the input items' rows written by the node and staged (one
// CSV or more, each under 1 GB), or one CSV per item (already on File Staging, or a binary the node
// stages first). Whatever the node staged it removes again when a later step fails.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { loaderColumns } from '../../api/metadata';
import { deleteStagingItem } from '../../api/stagingItems';
import { binarySource } from '../../binary/binarySource';
import type { BinarySource } from '../../binary/binarySource';
import { chunksSource } from '../../binary/chunksSource';
import { InvalidInputError, checkedForItem, nodeErrorOf } from '../../rules/inputError';
import { unfilledRequiredColumns } from '../../rules/loaderColumns';
import type { LoaderColumn } from '../../rules/loaderColumns';
import { CsvTaskWriter, MAX_LOADER_CSV_BYTES, loaderCell, loaderLine } from '../../rules/loaderRows';
import type { SentRows } from '../../rules/loaderLogs';
import { validStagingPath } from '../../rules/stagingRules';
import { vaultCredentials } from '../../transport';
import { uploadFile } from '../../upload/uploadFile';
import type { VaultClient } from '../../vaultClient';
import type { LoadSettings } from './loadSettings';

/** A CSV for one task: where it is on File Staging, whether the node put it there, and the input
 * items of its rows (all of them for a CSV from input items, else the one item that named it). */
export interface TaskCsv {
	path: string;
	stagedByNode: boolean;
	itemIndexes?: number[];
	itemIndex: number;
	/** The rows the node wrote, for a CSV of input items. */
	sent?: SentRows;
	/** The binary field the CSV came from, for a CSV of a binary. */
	binaryProperty?: string;
}

/** Stages a CSV the node loads: a new file (never over one already there), whole before Vault reads it. */
async function stageCsv(vault: VaultClient, source: BinarySource, path: string): Promise<void> {
	const apiVersion = String((await vaultCredentials(vault)).apiVersion ?? '').trim();
	await uploadFile(vault, source, { path, apiVersion, overwrite: false, alwaysUseUploadSession: false, resume: false, fileMd5: false, waitForJob: true });
}

export async function removeStagedCsvs(vault: VaultClient, csvs: readonly TaskCsv[]): Promise<void> {
	for (const csv of csvs) {
		// The CSV is the node's own scratch file: a failure to remove it must not hide the load's outcome.
		if (csv.stagedByNode) await deleteStagingItem(vault, csv.path, false).catch(() => undefined);
	}
}

/** The input items as rows of one CSV or more (each under 1 GB), staged; at most 10 CSVs. */
export async function stageItemRows(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings): Promise<TaskCsv[]> {
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
		throw new InvalidInputError(`The columns ${[...ignored].map((name) => `"${name}"`).join(', ')} are not fields ${settings.object ? 'of' : 'for'} ${what}`, 'Remove them from Values to Send, or refresh the field list (the object may have changed in Vault).');
	}
	const header = columns.map(({ name }) => name).filter((name) => rows.some((row) => row[name] !== undefined && row[name] !== null && row[name] !== ''));
	checkHeader(header, columns, settings, ignored);
	if (ignored.size > 0 && typeof ctx.addExecutionHints === 'function') {
		ctx.addExecutionHints({ message: `Not sent to Vault (not fields of ${settings.object ?? settings.objectType}): ${[...ignored].slice(0, 20).join(', ')}`, type: 'info', location: 'outputPane' });
	}

	const writer = new CsvTaskWriter(header);
	const keyAt = settings.keyField ? header.indexOf(settings.keyField) : -1;
	const idAt = header.indexOf('id');
	const keys: string[][] = [];
	const ids: string[][] = [];
	for (let itemIndex = 0; itemIndex < rows.length; itemIndex++) {
		const row = rows[itemIndex];
		// Each row is in the CSV from now on: its values need not be held twice.
		rows[itemIndex] = {};
		let cells: string[];
		try {
			cells = header.map((name) => loaderCell(row[name], name, byName.get(name)?.type));
			writer.add(loaderLine(cells), itemIndex);
		} catch (error) {
			throw nodeErrorOf(ctx.getNode(), error, itemIndex);
		}
		const taskIndex = writer.tasks.length - 1;
		if (keyAt >= 0) (keys[taskIndex] ??= []).push(cells[keyAt]);
		if (idAt >= 0) (ids[taskIndex] ??= []).push(cells[idAt]);
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
		const sent: SentRows = {
			count: task.itemIndexes.length,
			...(keyAt >= 0 ? { keyColumn: settings.keyField, keys: keys[index] } : {}),
			...(idAt >= 0 ? { ids: ids[index] } : {}),
		};
		staged.push({ path, stagedByNode: true, itemIndexes: task.itemIndexes, itemIndex: task.itemIndexes[0], sent });
	}
	return staged;
}

/** The columns of Load's field "Values to Send" (the resource mapper), in the editor's words. */
const COLUMNS_FIELD = 'Values to Send';

function checkHeader(header: string[], columns: LoaderColumn[], settings: LoadSettings, ignored: Set<string>): void {
	const what = settings.object ?? settings.objectType;
	if (header.length === 0) {
		const seen = [...ignored].slice(0, 10).join(', ');
		throw new InvalidInputError(
			`No input item has a value for any field of ${what}`,
			seen ? `The items' fields (${seen}) are not fields of ${what}: map them under ${COLUMNS_FIELD}, or rename them to Vault's field names (e.g. name__v).` : `Map the items' values to fields under ${COLUMNS_FIELD}.`,
		);
	}
	if (settings.action === 'create') {
		const missing = unfilledRequiredColumns(columns, (name) => header.includes(name));
		if (missing.length) throw new InvalidInputError(`To create ${what}, Vault needs the columns ${missing.join(', ')}, which no input item fills`, `Map them under ${COLUMNS_FIELD}.`);
	}
	if (settings.keyField && !header.includes(settings.keyField)) {
		throw new InvalidInputError(`The Key Field "${settings.keyField}" is not among the values sent, so no row can find its record`, `Map a value to ${settings.keyField} under ${COLUMNS_FIELD}, or choose another Key Field.`);
	}
}

/** One CSV per input item: a staging path, or a binary field the node stages first. */
export async function csvsOfItems(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, fromBinary: boolean): Promise<TaskCsv[]> {
	if (!fromBinary) return ctx.getInputData().map((_, itemIndex) => ({ path: csvPathOf(ctx, itemIndex), stagedByNode: false, itemIndex }));
	const csvs: TaskCsv[] = [];
	for (let itemIndex = 0; itemIndex < ctx.getInputData().length; itemIndex++) {
		try {
			const binaryProperty = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
			const source = await binarySource(ctx, itemIndex, binaryProperty);
			if (source.bytes > MAX_LOADER_CSV_BYTES) {
				throw new InvalidInputError(`The CSV of item ${itemIndex} is ${source.bytes} bytes; Vault Loader reads CSV files under 1 GB`, 'Split the CSV into smaller files, one per item.');
			}
			const path = `${settings.csvPathPrefix}-${itemIndex + 1}.csv`;
			await stageCsv(vault, source, path);
			csvs.push({ path, stagedByNode: true, itemIndex, binaryProperty });
		} catch (error) {
			await removeStagedCsvs(vault, csvs);
			throw nodeErrorOf(ctx.getNode(), error, itemIndex);
		}
	}
	return csvs;
}

/** The CSV Path of an item, checked. */
function csvPathOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const path = String(ctx.getNodeParameter('csvPath', itemIndex, '') ?? '').trim();
	return checkedForItem(ctx.getNode(), itemIndex, () => validStagingPath(path, 'CSV Path'));
}
