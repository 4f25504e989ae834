// The harness's poll runner, checked with a small polling node of this test's own that reports
// each upload session once (the Veeva Vault Trigger will be tested through the same runner).
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { listUploadSessions } from '../../nodes/VeevaVault/api/uploadSessions';
import { vaultClient } from '../../nodes/VeevaVault/vaultClient';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { runPollNode } from './engine';
import { ADMIN, passwordCredentials, startSimulator } from './vault';

class NewSessionsPoller implements INodeType {
	description = { displayName: 'New sessions', name: 'test.newSessions', polling: true, inputs: [], outputs: ['main'], properties: [], credentials: [{ name: 'veevaVaultApi', required: true }] } as unknown as INodeTypeDescription;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const seen = this.getWorkflowStaticData('node') as IDataObject & { ids?: string[] };
		const sessions = await listUploadSessions(vaultClient(this, 0));
		const fresh = sessions.filter((session) => !(seen.ids ?? []).includes(session.id));
		seen.ids = sessions.map((session) => session.id);
		return fresh.length ? [fresh.map((session) => ({ json: session }))] : null;
	}
}

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

test('static data is kept across activated polls, left alone by a manual one; the session is reused', async () => {
	const node = new NewSessionsPoller();
	const credentials = passwordCredentials(simulator);
	const staticData: IDataObject = {};

	const manual = await runPollNode(node, credentials, { parameters: {}, staticData, mode: 'manual' });
	expect(manual?.[0]).toHaveLength(3);
	expect(staticData).toEqual({});

	const first = await runPollNode(node, credentials, { parameters: {}, staticData });
	expect(first?.[0]).toHaveLength(3);
	expect(await runPollNode(node, credentials, { parameters: {}, staticData })).toBeNull();

	const added = simulator.addUploadSession({ path: `/u${ADMIN.id}/new.bin`, size: 10, owner: ADMIN.id });
	const third = await runPollNode(node, credentials, { parameters: {}, staticData });
	expect(third?.[0].map((item) => item.json.id)).toEqual([added]);
	expect(simulator.count('auth')).toBe(1);
	expect(simulator.count('listUploadSessions')).toBe(4);
});
