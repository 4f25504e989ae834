// Vault Loader: load and extract jobs of up to 10 tasks, and the CSV files a task leaves (a load's
// success and failure logs, an extract's rows).
import type { IDataObject } from 'n8n-workflow';

import { vaultApiRequest, vaultApiRequestWithHeaders, vaultCredentials } from '../transport';
import type { VaultClient } from '../transport';
import type { VaultEnvelope } from '../transport/envelope';
import { ENDPOINTS } from './endpoints';

/** A load task; `object_type` is sent under the name the API version documents (taskTypeParameter). */
export interface LoadTask {
	object_type: string;
	object?: string;
	action: string;
	file: string;
	order?: number;
	idparam?: string;
	recordmigrationmode?: boolean;
	notriggers?: boolean;
}

export interface ExtractTask {
	object_type: string;
	object?: string;
	fields: string[];
	vql_criteria__v?: string;
	extract_options?: string;
}

export interface LoaderJobStarted {
	job_id: number;
	url?: string;
	tasks: Array<IDataObject & { task_id: string }>;
}

/** What a task's type is called in the request: `entity_type` in Veeva's reference from v26.1 on, `object_type` before. */
export function taskTypeParameter(apiVersion: string): 'entity_type' | 'object_type' {
	const version = /^v?(\d+)\.(\d+)/.exec(apiVersion.trim());
	if (!version) return 'object_type';
	const [major, minor] = [Number(version[1]), Number(version[2])];
	return major > 26 || (major === 26 && minor >= 1) ? 'entity_type' : 'object_type';
}

async function startJob(vault: VaultClient, path: string, tasks: ReadonlyArray<LoadTask | ExtractTask>): Promise<LoaderJobStarted> {
	const typeParameter = taskTypeParameter(String((await vaultCredentials(vault)).apiVersion ?? ''));
	const body = tasks.map(({ object_type, ...task }) => ({ [typeParameter]: object_type, ...task }));
	// Not idempotent: sent twice, Vault would run the load twice.
	const envelope = await vaultApiRequest(vault, {
		method: 'POST',
		path,
		body: JSON.stringify(body),
		headers: { 'Content-Type': 'application/json' },
		idempotent: false,
	});
	return loaderJobStartedOf(envelope);
}

/** Vault's answer to a load or extract, read field by field; a task without its ID gets its place (1, 2, …). */
export function loaderJobStartedOf(envelope: VaultEnvelope): LoaderJobStarted {
	const answered = Array.isArray(envelope.tasks) ? (envelope.tasks as unknown[]) : [];
	return {
		job_id: Number(envelope.job_id),
		...(typeof envelope.url === 'string' && envelope.url ? { url: envelope.url } : {}),
		tasks: answered.map((answer, index) => {
			const task: IDataObject = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as IDataObject) : {};
			return { ...task, task_id: String(task.task_id ?? index + 1) };
		}),
	};
}

export async function startLoad(vault: VaultClient, tasks: readonly LoadTask[]): Promise<LoaderJobStarted> {
	return await startJob(vault, ENDPOINTS.loaderLoad, tasks);
}

export async function startExtract(vault: VaultClient, tasks: readonly ExtractTask[]): Promise<LoaderJobStarted> {
	return await startJob(vault, ENDPOINTS.loaderExtract, tasks);
}

export type LoaderTaskFile = 'successlog' | 'failurelog' | 'results' | 'results/renditions';

/** A CSV file of a task, as its bytes arrive (empty when Vault sends no body). */
export async function loaderTaskStream(vault: VaultClient, jobId: string | number, taskId: string | number, file: LoaderTaskFile): Promise<AsyncIterable<Buffer>> {
	const answer = await vaultApiRequestWithHeaders(vault, {
		method: 'GET',
		path: ENDPOINTS.loaderTaskFile(jobId, taskId, file),
		headers: { Accept: 'text/csv' },
		binary: true,
	});
	return answer.stream ?? (async function* () {})();
}
