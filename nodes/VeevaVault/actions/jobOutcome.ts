import type { IDataObject } from 'n8n-workflow';

import { waitForStartedJob } from '../api/jobs';
import type { JobStarted } from '../api/models';
import type { VaultClient } from '../vaultClient';

/**
 * The output of an operation Vault does in a job: the job as Vault started it, with the paths; or,
 * with Wait for Job, `{ <done>: true, paths, job }` once the job has ended successfully. `paths` is
 * `{ path }`, and for a move also `new_path`, where the item went.
 */
export async function jobOutcome(
	vault: VaultClient,
	started: JobStarted,
	{ paths, done, wait }: { paths: { path: string; new_path?: string }; done: 'moved' | 'deleted'; wait: boolean },
): Promise<IDataObject> {
	if (!wait || started.job_id === undefined) return { ...started, ...paths };
	return { [done]: true, ...paths, job: await waitForStartedJob(vault, started) };
}
