import type { IDataObject } from 'n8n-workflow';

import { waitForStartedJob } from '../api/jobs';
import type { JobStarted } from '../api/models';
import type { VaultClient } from '../vaultClient';

/**
 * The output of an operation Vault does in a job: the job as Vault started it, with the path; or,
 * with Wait for Job, `{ <done>: true, path, job }` once the job has ended successfully.
 */
export async function jobOutcome(
	vault: VaultClient,
	started: JobStarted,
	{ path, done, wait }: { path: string; done: 'moved' | 'deleted'; wait: boolean },
): Promise<IDataObject> {
	if (!wait || started.job_id === undefined) return { ...started, path };
	return { [done]: true, path, job: await waitForStartedJob(vault, started) };
}
