// Vault's jobs (e.g. the one a commit starts). Vault allows one status poll per job every 10 s
// and answers API_LIMIT_EXCEEDED to more.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import { ENDPOINTS } from './endpoints';
import { recordOf } from './models';
import type { Job, JobStarted } from './models';

export const JOB_POLL_INTERVAL_MS = 10_000;
export const JOB_WAIT_LIMIT_MS = 60 * 60 * 1000;

const ENDED = new Set(['SUCCESS', 'ERRORS_ENCOUNTERED', 'CANCELLED', 'TIMEOUT', 'MISSED_SCHEDULE', 'FAILED', 'COMPLETED_DUE_TO_INACTIVITY']);

export async function getJob(vault: VaultClient, jobId: number | string): Promise<Job> {
	const { data } = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.job(jobId) });
	return recordOf<Job>(data);
}

/** The job a call started, once it has ended successfully, with the job_id the call answered. */
export async function waitForStartedJob(vault: VaultClient, started: JobStarted): Promise<Job & { job_id?: number }> {
	if (started.job_id === undefined) return started as unknown as Job;
	return { job_id: started.job_id, ...(await waitForJob(vault, started.job_id)) };
}

/** Polls the job until it ends; its final state, or an error when it ended otherwise than SUCCESS. */
export async function waitForJob(vault: VaultClient, jobId: number | string): Promise<Job> {
	const job = await waitForJobEnd(vault, jobId);
	if (job.status === 'SUCCESS') return job;
	throw new NodeApiError(vault.ctx.getNode(), job as JsonObject, {
		message: `Vault job ${jobId} ended with status ${job.status}`,
		description: 'Check the job and its log in Vault\'s job status page.',
		itemIndex: vault.itemIndex,
	});
}

/** Polls the job until it ends, however it ends; an error when it is still running after an hour. */
export async function waitForJobEnd(vault: VaultClient, jobId: number | string): Promise<Job> {
	const started = Date.now();
	for (;;) {
		const job = await getJob(vault, jobId);
		const status = String(job.status ?? '');
		if (ENDED.has(status)) return { ...job, status };
		if (Date.now() - started > JOB_WAIT_LIMIT_MS) {
			throw new NodeApiError(vault.ctx.getNode(), job as JsonObject, {
				message: `Vault job ${jobId} is still ${status || 'running'} after an hour`,
				description: 'Turn off "Wait for Job" and check the job later with its ID.',
				itemIndex: vault.itemIndex,
			});
		}
		await sleep(JOB_POLL_INTERVAL_MS);
	}
}
