// Vault Loader: load and extract jobs of up to 10 tasks, and the CSV files a task leaves (a load's
// success and failure logs, an extract's rows).
import type { IDataObject } from 'n8n-workflow';

import { vaultApiRequest, vaultApiRequestWithHeaders } from '../transport';
import type { VaultClient } from '../transport';
import { ENDPOINTS } from './endpoints';

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

async function startJob(vault: VaultClient, path: string, tasks: readonly object[]): Promise<LoaderJobStarted> {
	// Not idempotent: sent twice, Vault would run the load twice.
	const envelope = await vaultApiRequest(vault, {
		method: 'POST',
		path,
		body: JSON.stringify(tasks),
		headers: { 'Content-Type': 'application/json' },
		idempotent: false,
	});
	const started = envelope as unknown as Partial<LoaderJobStarted>;
	const answered = Array.isArray(started.tasks) ? started.tasks : [];
	return {
		job_id: Number(started.job_id),
		...(started.url ? { url: started.url } : {}),
		tasks: answered.map((task, index) => ({ ...task, task_id: String(task.task_id ?? index + 1) })),
	};
}

export async function startLoad(vault: VaultClient, tasks: readonly LoadTask[]): Promise<LoaderJobStarted> {
	return await startJob(vault, ENDPOINTS.loaderLoad, tasks);
}

export async function startExtract(vault: VaultClient, tasks: readonly ExtractTask[]): Promise<LoaderJobStarted> {
	return await startJob(vault, ENDPOINTS.loaderExtract, tasks);
}

export type LoaderTaskFile = 'successlog' | 'failurelog' | 'results' | 'results/renditions';

/** A CSV file of a task, as text. */
export async function loaderTaskCsv(vault: VaultClient, jobId: string | number, taskId: string | number, file: LoaderTaskFile): Promise<string> {
	const answer = await vaultApiRequestWithHeaders(vault, {
		method: 'GET',
		path: ENDPOINTS.loaderTaskFile(jobId, taskId, file),
		headers: { Accept: 'text/csv' },
		binary: true,
	});
	if (!answer.stream) return '';
	const chunks: Buffer[] = [];
	for await (const chunk of answer.stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks).toString('utf8');
}
