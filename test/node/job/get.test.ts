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
	const mapIt = 'Map the job ID from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.';
	for (const [jobId, message, description] of [
		['  ', 'The Job ID is empty', 'Map it from an earlier node, e.g. {{ $json.job_id }}.'],
		['..', 'The job ID ".." is not an ID: "." and ".." would change which address the request goes to', mapIt],
		['1\n2', 'The job ID contains control characters (such as a line break)', `Remove them. ${mapIt}`],
	]) {
		const { error } = await runVaultNode(vault.credentials, { parameters: getJob(jobId) });
		expect([error?.message, error?.description]).toEqual([message, description]);
	}
	expect(vault.simulator.requests).toHaveLength(requests);
});
