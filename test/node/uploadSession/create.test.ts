// Create: a resumable upload session.
import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { runVaultNode } from '../../harness/engine';
import type { CredentialStore } from '../../harness/engine';
import { ADMIN, passwordCredentials, startSimulator } from '../../harness/vault';

const op = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'uploadSession', operation, ...parameters });

let simulator: VaultSimulator;
let credentials: CredentialStore;
beforeEach(async () => {
	simulator = await startSimulator({ minPartSize: 1024 });
	credentials = passwordCredentials(simulator);
});
afterEach(async () => {
	await simulator.stop();
});

	test('the 51st active session is refused by Vault', async () => {
		for (let index = simulator.activeUploadSessionCount(); index < 50; index++) {
			simulator.addUploadSession({ path: `/u${ADMIN.id}/f${index}.bin`, size: 10, owner: ADMIN.id });
		}
		const { error } = await runVaultNode(credentials, { parameters: op('create', { path: '/inbox/one-too-many.bin', size: 10 }) });
		expect(error?.message).toContain('OPERATION_NOT_ALLOWED');
	});
