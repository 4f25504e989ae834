// Waiting for a Vault job (e.g. the one a commit starts). Vault allows one status poll per job
// every 10 seconds and answers API_LIMIT_EXCEEDED to more.
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { vaultApiRequest } from './index';
import { pathSegment } from './paths';
import type { VaultContext } from './index';

export const JOB_POLL_INTERVAL_MS = 10_000;
export const JOB_WAIT_LIMIT_MS = 60 * 60 * 1000;

const ENDED = new Set(['SUCCESS', 'ERRORS_ENCOUNTERED', 'CANCELLED', 'TIMEOUT', 'MISSED_SCHEDULE', 'FAILED']);

export async function waitForVaultJob(this: VaultContext, jobId: number | string, itemIndex: number): Promise<IDataObject> {
	const started = Date.now();
	for (;;) {
		const { data } = await vaultApiRequest.call(this, { method: 'GET', path: `/services/jobs/${pathSegment(jobId, 'job ID')}` }, itemIndex);
		const job = (data ?? {}) as IDataObject;
		const status = String(job.status ?? '');
		if (status === 'SUCCESS') return job;
		if (ENDED.has(status)) {
			throw new NodeApiError(this.getNode(), job as JsonObject, {
				message: `Vault job ${jobId} ended with status ${status}`,
				description: 'Check the job and its log in Vault\'s job status page.',
				itemIndex,
			});
		}
		if (Date.now() - started > JOB_WAIT_LIMIT_MS) {
			throw new NodeApiError(this.getNode(), job as JsonObject, {
				message: `Vault job ${jobId} is still ${status || 'running'} after an hour`,
				description: 'Turn off "Wait for Job" and check the job later with its ID.',
				itemIndex,
			});
		}
		await sleep(JOB_POLL_INTERVAL_MS);
	}
}
