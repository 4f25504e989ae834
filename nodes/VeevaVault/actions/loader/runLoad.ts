// Running a Load's CSVs through Vault Loader, up to 10 per call, one call after another, and
// accounting for every row: loaded, not loaded with Vault's reason, not mentioned by Vault's logs,
// or, when a later call fails, not sent (the earlier calls' rows are in Vault and their results kept).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { waitForJobEnd } from '../../api/jobs';
import { startLoad } from '../../api/loader';
import type { LoadTask, LoaderJobStarted } from '../../api/loader';
import { nodeErrorOf } from '../../rules/inputError';
import { MAX_LOADER_TASKS } from '../../rules/loaderRows';
import type { SentRows } from '../../rules/loaderLogs';
import type { VaultClient } from '../../vaultClient';
import type { LoadSettings } from './loadSettings';
import { rowItem, sentRowsOfLogs, taskItems, taskLogRows } from './results';
import { sentRowsOfBinary, sentRowsOfStagedCsv } from './sentRows';
import { removeStagedCsvs } from './stageRows';
import type { TaskCsv } from './stageRows';

export interface LoadOutcome {
	items: INodeExecutionData[];
	/** Log rows whose row number named a row with other keys. */
	contradicted: number;
	/** Rows whose CSV the node could not read, counted from the logs instead. */
	uncounted: string[];
}

interface FinishedJob {
	jobId: number;
	status: string;
}

export async function runLoad(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, csvs: TaskCsv[]): Promise<LoadOutcome> {
	const calls: TaskCsv[][] = [];
	for (let first = 0; first < csvs.length; first += MAX_LOADER_TASKS) calls.push(csvs.slice(first, first + MAX_LOADER_TASKS));
	const outcome: LoadOutcome = { items: [], contradicted: 0, uncounted: [] };
	// What each CSV holds, read before Vault loads it: every row gets an item whatever the logs say.
	if (settings.wait) for (const csv of csvs) csv.sent ??= await rowsOfCsv(ctx, vault, settings, csv, outcome);
	const unsuccessful: FinishedJob[] = [];
	for (const [index, call] of calls.entries()) {
		const what = calls.length > 1 ? `Vault Loader call ${index + 1} of ${calls.length}` : 'The Vault Loader call';
		let started: LoaderJobStarted;
		try {
			started = await startLoad(vault, tasksOf(settings, call));
		} catch (caught) {
			// Vault read none of this call's CSVs; nothing will read the later calls' either.
			const error = nodeErrorOf(ctx.getNode(), caught, 0);
			const notSent = calls.slice(index).flat();
			if (index === 0) {
				await removeStagedCsvs(vault, notSent);
				throw error;
			}
			const reason = error.message;
			for (const csv of call) outcome.items.push(...rowsNotLoaded(settings, csv, `Not loaded: ${what}, which carried this row, was refused: ${reason}`));
			for (const csv of calls.slice(index + 1).flat()) {
				outcome.items.push(...rowsNotLoaded(settings, csv, `Not loaded: never sent, because ${what} was refused before it (${reason})`));
			}
			await removeStagedCsvs(vault, notSent);
			return finished(ctx, settings, outcome, unsuccessful);
		}
		if (!settings.wait) {
			outcome.items.push(jobItem(started, call));
			continue;
		}
		const itemsBefore = outcome.items.length;
		try {
			const job = await waitForJobEnd(vault, started.job_id);
			if (job.status !== 'SUCCESS') unsuccessful.push({ jobId: started.job_id, status: job.status });
			for (const [taskIndex, csv] of call.entries()) {
				const taskId = started.tasks[taskIndex]?.task_id ?? String(taskIndex + 1);
				await addTaskRows(ctx, vault, settings, csv, started.job_id, taskId, outcome);
			}
		} catch (caught) {
			// The job runs on in Vault: its rows may be loaded. Its CSVs stay for Get Results;
			// the later calls' CSVs were never sent.
			const error = nodeErrorOf(ctx.getNode(), caught, 0);
			const later = calls.slice(index + 1).flat();
			if (index === 0 && later.length === 0) throw error;
			// The rows of this call's tasks read so far are reported again below, as unknown.
			outcome.items.length = itemsBefore;
			const reason = error.message;
			for (const [taskIndex, csv] of call.entries()) {
				const taskId = started.tasks[taskIndex]?.task_id ?? String(taskIndex + 1);
				const unknown = `Outcome unknown: Vault started job ${started.job_id} for this row, but the node could not read how it ended (${reason}). Get its rows with Vault Loader → Get Results (Job ID ${started.job_id}, Task ID ${taskId}, CSV Path ${csv.path}).`;
				outcome.items.push(...rowsNotLoaded(settings, csv, unknown, { job_id: started.job_id, task_id: taskId }));
			}
			for (const csv of later) outcome.items.push(...rowsNotLoaded(settings, csv, `Not loaded: never sent, because the node stopped at ${what} (${reason})`));
			await removeStagedCsvs(vault, later);
			return outcome;
		}
		if (!settings.keepCsv) await removeStagedCsvs(vault, call);
	}
	return finished(ctx, settings, outcome, unsuccessful);
}

/** A run whose jobs loaded no row and at least one of which did not end in SUCCESS fails, with Vault's reasons. */
function finished(ctx: IExecuteFunctions, settings: LoadSettings, outcome: LoadOutcome, unsuccessful: FinishedJob[]): LoadOutcome {
	if (!settings.wait || unsuccessful.length === 0 || outcome.items.some((item) => item.json.loaded === true)) return outcome;
	const reasons = [...new Set(outcome.items.map((item) => item.json.error).filter((error): error is string => typeof error === 'string'))];
	const jobs = unsuccessful.map(({ jobId, status }) => `${jobId} (${status})`).join(', ');
	throw new NodeApiError(ctx.getNode(), { jobs: unsuccessful } as unknown as JsonObject, {
		message: `Vault Loader loaded no rows: job ${jobs} ended without success. ${reasons.length ? `Vault's logs say: ${reasons.slice(0, 3).join(' | ')}` : 'Its logs give no reason.'}`,
		description: 'Check the job in Vault (Admin → Operations → Job Status), and whether the CSV is still on File Staging.',
	});
}

function tasksOf(settings: LoadSettings, call: readonly TaskCsv[]): LoadTask[] {
	return call.map((csv, index) => ({
		object_type: settings.objectType,
		...(settings.object ? { object: settings.object } : {}),
		action: settings.action,
		file: csv.path,
		order: index + 1,
		...(settings.keyField ? { idparam: settings.keyField } : {}),
		...(settings.recordMigrationMode ? { recordmigrationmode: true } : {}),
		...(settings.noTriggers ? { notriggers: true } : {}),
	}));
}

function itemsOfCsvs(csvs: readonly TaskCsv[]): IPairedItemData[] {
	return [...new Set(csvs.flatMap((csv) => csv.itemIndexes ?? [csv.itemIndex]))].map((item) => ({ item }));
}

/** Without waiting: the job, paired with the items of its rows. */
function jobItem(started: LoaderJobStarted, call: readonly TaskCsv[]): INodeExecutionData {
	return {
		json: { job_id: started.job_id, ...(started.url ? { url: started.url } : {}), tasks: started.tasks, csv_paths: call.map(({ path }) => path) },
		pairedItem: itemsOfCsvs(call),
	};
}

function taskOf(settings: LoadSettings, ids: IDataObject): IDataObject {
	return { ...ids, action: settings.action, object_type: settings.objectType, ...(settings.object ? { object: settings.object } : {}) };
}

function pairingOf(csv: TaskCsv): (row: number) => IPairedItemData {
	const itemIndexes = csv.itemIndexes;
	return itemIndexes ? (row) => ({ item: itemIndexes[row - 1] }) : () => ({ item: csv.itemIndex });
}

async function addTaskRows(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, csv: TaskCsv, jobId: number, taskId: string, outcome: LoadOutcome): Promise<void> {
	const logRows = await taskLogRows(vault, jobId, taskId);
	const sent = csv.sent ?? sentRowsOfLogs(logRows);
	const { items, contradicted } = taskItems(logRows, sent, taskOf(settings, { job_id: jobId, task_id: taskId }), pairingOf(csv), itemsOfCsvs([csv]));
	outcome.items.push(...items);
	outcome.contradicted += contradicted;
}

/** Every row of a CSV as not loaded, for `reason`; one item for the CSV when its rows cannot be counted. */
function rowsNotLoaded(settings: LoadSettings, csv: TaskCsv, reason: string, ids: IDataObject = { job_id: null, task_id: null }): INodeExecutionData[] {
	const task = taskOf(settings, ids);
	const sent = csv.sent;
	const pairedItemOf = pairingOf(csv);
	if (!sent) return [{ json: rowItem(undefined, undefined, task, reason), pairedItem: itemsOfCsvs([csv]) }];
	return Array.from({ length: sent.count }, (_, index) => ({ json: rowItem(undefined, index + 1, task, reason), pairedItem: pairedItemOf(index + 1) }));
}

/** The rows of a CSV of an item, read from its binary or from File Staging. */
async function rowsOfCsv(ctx: IExecuteFunctions, vault: VaultClient, settings: LoadSettings, csv: TaskCsv, outcome: LoadOutcome): Promise<SentRows | undefined> {
	try {
		return csv.binaryProperty
			? await sentRowsOfBinary(ctx, csv.itemIndex, csv.binaryProperty, settings.keyField)
			: await sentRowsOfStagedCsv(vault, csv.path, settings.keyField);
	} catch (error) {
		outcome.uncounted.push(`${csv.path}: ${(error as Error).message}`);
		return undefined;
	}
}
