// Job → Get: a Vault job's status, or its end with Wait for Job.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false, jobDurationMs: 60_000 });
const getJob = (jobId: string, options = {}) => ({ resource: 'job', operation: 'get', jobId, options });

async function startedJob(): Promise<number> {
	await vault.simulator.addStagedFile(`/u${ADMIN.id}/a.pdf`, 'a');
	const { items } = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'delete', path: `/u${ADMIN.id}/a.pdf` } });
	return Number(items[0].json.job_id);
}

test('a running job is returned as Vault describes it, without waiting', async () => {
	const jobId = await startedJob();
	const { items, error } = await runVaultNode(vault.credentials, { parameters: getJob(String(jobId)) });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ id: jobId, status: 'RUNNING', method: 'DELETE', created_by: ADMIN.id });
	expect(vault.simulator.count('jobStatus')).toBe(1);
});

test('an unknown job is Vault\'s error; an empty or hostile ID is refused before any request', async () => {
	const unknown = await runVaultNode(vault.credentials, { parameters: getJob('999999') });
	expect(unknown.error?.message).toContain('INVALID_DATA: Invalid job ID: 999999');
	const requests = vault.simulator.requests.length;
	for (const jobId of ['  ', '..', '1\n2']) {
		const { error } = await runVaultNode(vault.credentials, { parameters: getJob(jobId) });
		expect(error?.message).toMatch(/The Job ID is empty|The job ID/);
	}
	expect(vault.simulator.requests).toHaveLength(requests);
});
