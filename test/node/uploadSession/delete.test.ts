// Abort: Vault's DELETE of an upload session.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { runVaultNode } from '../../harness/engine';
import type { CredentialStore } from '../../harness/engine';
import { passwordCredentials, startSimulator } from '../../harness/vault';

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

	test('abort returns deleted: true and the session is gone', async () => {
		const id = seedUploadSessions[1].id;
		const aborted = await runVaultNode(credentials, { parameters: op('delete', { sessionId: id }) });
		expect(aborted.items.map((item) => item.json)).toEqual([{ deleted: true, id }]);
		const got = await runVaultNode(credentials, { parameters: op('get', { sessionId: id }) });
		expect(got.error?.message).toContain('INVALID_DATA');
	});
