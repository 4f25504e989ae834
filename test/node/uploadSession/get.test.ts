// Get: one upload session.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { runVaultNode } from '../../harness/engine';
import { ADMIN, UPLOADER, passwordCredentials, startSimulator } from '../../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

const get = (sessionId: string) => ({ resource: 'uploadSession', operation: 'get', sessionId });

test('returns the session as Vault describes it', async () => {
	const seeded = seedUploadSessions[2];
	const { items, error } = await runVaultNode(passwordCredentials(simulator), { parameters: get(seeded.id) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([{ ...seeded, name: 'Cholecap-Commercial-2021.mp4', overwrite: false }]);
});

test('a user who is not a Vault Admin gets their own session with its path in their folder, not another user\'s', async () => {
	const own = simulator.addUploadSession({ path: `/u${UPLOADER.id}/inbox/own.zip`, size: 100, owner: UPLOADER.id });
	const credentials = passwordCredentials(simulator, UPLOADER);
	const mine = await runVaultNode(credentials, { parameters: get(own) });
	expect(mine.items[0]?.json).toMatchObject({ id: own, path: '/inbox/own.zip', owner: UPLOADER.id });
	const theirs = await runVaultNode(credentials, { parameters: get(seedUploadSessions[0].id) });
	expect(theirs.error?.message).toContain('INVALID_DATA: Invalid upload session ID');
	expect(seedUploadSessions[0].owner).toBe(ADMIN.id);
});
