// Abort: Vault's DELETE of an upload session.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import { runVaultNode } from '../../harness/engine';
import { simulatorPerTest, uploadSessionOp } from '../../harness/vault';

const vault = simulatorPerTest({ minPartSize: 1024 });

test('abort returns deleted: true and the session is gone', async () => {
	const id = seedUploadSessions[1].id;
	const aborted = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('delete', { sessionId: id }) });
	expect(aborted.items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
	const got = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('get', { sessionId: id }) });
	expect(got.error?.message).toContain('INVALID_DATA');
});
