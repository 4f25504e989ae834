// Commit: Vault assembles the parts in a job; Wait for Job follows it.
import { randomBytes } from 'node:crypto';

import { fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest, uploadSessionOp } from '../../harness/vault';

const vault = simulatorPerTest({ minPartSize: 1024 });

async function completeSession(): Promise<string> {
	const file = randomBytes(1500);
	const created = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('create', { path: '/inbox/commit.bin', size: file.length }) });
	const sessionId = String(created.items[0].json.id);
	await runVaultNode(vault.credentials, {
		parameters: uploadSessionOp('uploadPart', { sessionId, partNumber: 1, binaryPropertyName: 'data' }),
		inputItems: [await fileItem(file, 'commit.bin')],
	});
	return sessionId;
}

test('without Wait for Job, Vault\'s job ID comes back at once and the job is not polled', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('commit', { sessionId: await completeSession() }) });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ job_id: expect.any(Number) });
	expect(vault.simulator.count('jobStatus')).toBe(0);
});

test('with Wait for Job, the finished job comes back with the commit\'s job ID', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('commit', { sessionId: await completeSession(), options: { waitForJob: true } }) });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ job_id: items[0].json.id, status: 'SUCCESS', created_by: ADMIN.id });
});

test('a session that misses bytes is refused by Vault, and the commit is sent once', async () => {
	const created = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('create', { path: '/inbox/short.bin', size: 5000 }) });
	const { error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('commit', { sessionId: String(created.items[0].json.id) }) });
	expect(error?.message).toContain('OPERATION_NOT_ALLOWED: Upload session is incomplete');
	expect(vault.simulator.count('commitUploadSession')).toBe(1);
});
