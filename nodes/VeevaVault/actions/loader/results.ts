// A Loader task's outcome as items: one per row, loaded or not, from the task's success and failure
// logs. Load (with Wait for Job) and Get Results share it.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loaderTaskCsv } from '../../api/loader';
import { logRowsOf, pairLogRows } from '../../rules/loaderRows';
import type { LogRow } from '../../rules/loaderRows';
import type { VaultClient } from '../../vaultClient';

export const NOT_REPORTED = 'Vault reported nothing for this row: it is in neither the success log nor the failure log. Check the job in Vault (Admin → Operations → Job Status) before loading the row again.';

/** Both logs of a task, success rows first. */
export async function taskLogRows(vault: VaultClient, jobId: string | number, taskId: string | number): Promise<LogRow[]> {
	const loaded = logRowsOf(await loaderTaskCsv(vault, jobId, taskId, 'successlog'), true);
	const failed = logRowsOf(await loaderTaskCsv(vault, jobId, taskId, 'failurelog'), false);
	return [...loaded, ...failed];
}

export function rowItem(row: LogRow | undefined, rowNumber: number | undefined, task: IDataObject): IDataObject {
	if (!row) return { loaded: false, id: null, error: NOT_REPORTED, row: rowNumber ?? null, ...task };
	return {
		loaded: row.loaded,
		id: row.id,
		...(row.loaded ? {} : { error: row.error }),
		row: row.row ?? rowNumber ?? null,
		...task,
		values: row.values,
	};
}

/**
 * The rows of a task whose CSV rows came from `itemIndexes` (one item per row, in order): each row's
 * item, paired to the item it came from. Log rows that match no row are kept, paired to all of the
 * task's items.
 */
export function rowsOfItems(
	logRows: readonly LogRow[],
	itemIndexes: readonly number[],
	task: IDataObject,
	keyOf?: { column: string; valueOfRow: (row: number) => string },
): INodeExecutionData[] {
	const { byRow, unmatched } = pairLogRows(itemIndexes.length, logRows, keyOf);
	const items: INodeExecutionData[] = byRow.map((row, index) => ({
		json: rowItem(row, index + 1, task),
		pairedItem: { item: itemIndexes[index] },
	}));
	const allItems = [...new Set(itemIndexes)].map((item) => ({ item }));
	for (const row of unmatched) items.push({ json: rowItem(row, undefined, task), pairedItem: allItems });
	return items;
}

/** The rows of a task that loaded a whole CSV of one item (a staged or binary CSV): in row order. */
export function rowsOfFile(logRows: readonly LogRow[], itemIndex: number, task: IDataObject): INodeExecutionData[] {
	if (!logRows.every((row) => row.row !== undefined)) return logRows.map((row) => ({ json: rowItem(row, undefined, task), pairedItem: { item: itemIndex } }));
	const rowCount = logRows.reduce((most, row) => Math.max(most, row.row ?? 0), 0);
	return rowsOfItems(logRows, new Array<number>(rowCount).fill(itemIndex), task);
}

/** What the node says about rows Vault did not load, below its output. */
export function failedRowsHint(items: readonly INodeExecutionData[]): string | undefined {
	const failed = items.filter((item) => item.json.loaded === false).length;
	if (failed === 0) return undefined;
	return `${failed} of ${items.length} rows were not loaded: each has "loaded": false and Vault's reason in "error". The other rows are in Vault; to load the failed ones again, fix them and load only them (with Upsert and an external ID, loading a row twice updates it instead of creating it twice).`;
}
