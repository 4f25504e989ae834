// Create: a resumable upload session.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest, uploadSessionOp } from '../../harness/vault';

const vault = simulatorPerTest({ minPartSize: 1024 });

test('the 51st active session is refused by Vault', async () => {
	for (let index = vault.simulator.activeUploadSessionCount(); index < 50; index++) {
		vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/f${index}.bin`, size: 10, owner: ADMIN.id });
	}
	const { error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('create', { path: '/inbox/one-too-many.bin', size: 10 }) });
	expect(error?.message).toContain('OPERATION_NOT_ALLOWED');
});
