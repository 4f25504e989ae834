// One upload session through its whole life, one operation per execution, as a workflow builder
// who drives the parts by hand would.
import { createHash, randomBytes } from 'node:crypto';

import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import type { CredentialStore } from '../../harness/engine';
import { ADMIN, passwordCredentials, startSimulator } from '../../harness/vault';

const op = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'uploadSession', operation, ...parameters });

let simulator: VaultSimulator;
let credentials: CredentialStore;
afterEach(async () => {
	await simulator.stop();
});

describe('one session through its lifecycle, one operation per execution', () => {
	beforeEach(async () => {
		simulator = await startSimulator({ minPartSize: 1024 });
		credentials = passwordCredentials(simulator);
	});

	test('create, upload parts, list parts, get, commit and wait for the job', async () => {
		const file = randomBytes(2500);
		const created = await runVaultNode(credentials, { parameters: op('create', { path: '/inbox/a.bin', size: file.length, options: { overwrite: true } }) });
		expect(created.error).toBeUndefined();
		const session = created.items[0].json;
		expect(session).toMatchObject({ path: '/inbox/a.bin', name: 'a.bin', overwrite: true, size: 2500, uploaded: 0, owner: ADMIN.id });

		for (const [partNumber, part] of [file.subarray(0, 1250), file.subarray(1250)].entries()) {
			const uploaded = await runVaultNode(credentials, {
				parameters: op('uploadPart', { sessionId: session.id, partNumber: partNumber + 1, binaryPropertyName: 'data' }),
				inputItems: [await fileItem(part, `part${partNumber + 1}`)],
			});
			expect(uploaded.error).toBeUndefined();
			expect(uploaded.items[0].json).toEqual({ size: 1250, part_number: partNumber + 1, part_content_md5: createHash('md5').update(part).digest('hex') });
		}

		const parts = await runVaultNode(credentials, { parameters: op('getParts', { sessionId: session.id, returnAll: true }) });
		expect(parts.items.map((item) => item.json.part_number)).toEqual([1, 2]);
		const firstOnly = await runVaultNode(credentials, { parameters: op('getParts', { sessionId: session.id, returnAll: false, limit: 1 }) });
		expect(firstOnly.items.map((item) => item.json.part_number)).toEqual([1]);

		const got = await runVaultNode(credentials, { parameters: op('get', { sessionId: session.id }) });
		expect(got.items[0].json).toMatchObject({ id: session.id, uploaded: 2500, uploaded_parts: 2 });

		const committed = await runVaultNode(credentials, { parameters: op('commit', { sessionId: session.id, options: { waitForJob: true } }) });
		expect(committed.error).toBeUndefined();
		expect(committed.items[0].json).toMatchObject({ job_id: expect.any(Number), status: 'SUCCESS', created_by: ADMIN.id });
		expect(simulator.count('jobStatus')).toBe(1);
	});
});
