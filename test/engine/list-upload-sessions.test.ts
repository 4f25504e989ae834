import { seedUploadSessions } from '../../simulator/seed.ts';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { runVaultNode } from '../harness/engine';
import { listAll, passwordCredentials, startSimulator } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

test('an admin gets one item per upload session with Vault\'s fields unchanged', async () => {
	const credentials = passwordCredentials(simulator);
	const { items, error } = await runVaultNode(credentials, { parameters: listAll });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual(
		seedUploadSessions.map((session) => ({ ...session, name: session.path.split('/').pop(), overwrite: false })),
	);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
});
