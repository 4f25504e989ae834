// A Loader task's outcome as items: one per row the task was sent, loaded or not, from the task's
// success and failure logs (read as they arrive), and one per log row that matches no sent row.
// Load (with Wait for Job) and Get Results share it.
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { loaderTaskStream } from '../../api/loader';
import { logRowsOfStream, pairLogRows } from '../../rules/loaderLogs';
import type { LogRow, SentRows } from '../../rules/loaderLogs';
import type { VaultClient } from '../../vaultClient';

export const NOT_REPORTED = 'Vault\'s logs do not mention this row: it is in neither the success log nor the failure log. Check the job in Vault (Admin → Operations → Job Status) before loading the row again.';

/** Both logs of a task, success rows first. */
export async function taskLogRows(vault: VaultClient, jobId: string | number, taskId: string | number): Promise<LogRow[]> {
	const rows: LogRow[] = [];
	for (const [file, loaded] of [['successlog', true], ['failurelog', false]] as const) {
		for await (const row of logRowsOfStream(await loaderTaskStream(vault, jobId, taskId, file), loaded)) rows.push(row);
	}
	return rows;
}

/** Every row's item has the same keys: `error` null when loaded, `id` null when Vault gave none. */
export function rowItem(row: LogRow | undefined, rowNumber: number | undefined, task: IDataObject, notReported = NOT_REPORTED): IDataObject {
	return {
		loaded: row?.loaded ?? false,
		id: row?.id ?? null,
		error: row ? (row.loaded ? null : (row.error ?? null)) : notReported,
		row: row?.row ?? rowNumber ?? null,
		...task,
		values: row?.values ?? {},
	};
}

export interface TaskItems {
	items: INodeExecutionData[];
	/** Log rows whose row number named a row with another `id` or Key Field value. */
	contradicted: number;
}

/**
 * One item per sent row, in order, each paired by `pairedItemOf`, then one item per log row that
 * matches no sent row (paired with `allItems`). A row neither log mentions is not loaded, saying
 * so, with what the logs say of the whole task (e.g. its CSV was not found) when they say anything.
 */
export function taskItems(
	logRows: readonly LogRow[],
	sent: SentRows,
	task: IDataObject,
	pairedItemOf: (row: number) => IPairedItemData,
	allItems: IPairedItemData[],
): TaskItems {
	const { byRow, unmatched, contradicted } = pairLogRows(sent, logRows);
	const taskErrors = [...new Set(unmatched.filter((row) => !row.loaded && row.row === undefined).map((row) => row.error))];
	const notReported = taskErrors.length > 0 ? `${NOT_REPORTED} For the whole task the failure log says: ${taskErrors.join('; ')}` : NOT_REPORTED;
	const items: INodeExecutionData[] = byRow.map((row, index) => ({ json: rowItem(row, index + 1, task, notReported), pairedItem: pairedItemOf(index + 1) }));
	for (const row of unmatched) items.push({ json: rowItem(row, undefined, task), pairedItem: allItems });
	return { items, contradicted };
}

/** When the rows sent are not known (the CSV could not be read): as many as the highest row number the logs name. */
export function sentRowsOfLogs(logRows: readonly LogRow[]): SentRows {
	return { count: logRows.reduce((most, row) => Math.max(most, row.row ?? 0), 0) };
}

/** What the node says about rows Vault did not load, below its output. */
export function failedRowsHint(items: readonly INodeExecutionData[]): string | undefined {
	const failed = items.filter((item) => item.json.loaded === false).length;
	if (failed === 0) return undefined;
	return `${failed} of ${items.length} rows were not loaded: each has "loaded": false and the reason in "error". The other rows are in Vault; to load the failed ones again, fix them and load only them (with Upsert and an external ID, loading a row twice updates it instead of creating it twice).`;
}

/** What the node says when a log row's row number named a row with other keys. */
export function contradictedRowsHint(contradicted: number): string | undefined {
	if (contradicted === 0) return undefined;
	return `${contradicted} rows of Vault's logs named a row number whose row has another id or Key Field value; the node did not pair them by that number. They are paired by their Key Field where it is unique, else returned apart (paired with all items): check them in Vault.`;
}
