// Upload Part: one part of a file, with its MD5, to a session.
import { randomBytes } from 'node:crypto';

import { fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import { ADMIN, UPLOADER, passwordCredentials, simulatorPerTest, uploadSessionOp } from '../../harness/vault';

const MiB = 1024 * 1024;
const vault = simulatorPerTest({ minPartSize: 1024 });

test('a part out of order fails with Vault\'s reason', async () => {
	const { items } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('create', { path: '/inbox/b.bin', size: 5000 }) });
	const { error } = await runVaultNode(vault.credentials, {
		parameters: uploadSessionOp('uploadPart', { sessionId: items[0].json.id, partNumber: 2, binaryPropertyName: 'data' }),
		inputItems: [await fileItem(randomBytes(2000), 'p2')],
	});
	expect(error?.message).toContain('INVALID_DATA: Parts must be uploaded in order');
});

test('only the owner may upload to a session', async () => {
	const { error } = await runVaultNode(passwordCredentials(vault.simulator, ADMIN), {
		parameters: uploadSessionOp('uploadPart', { sessionId: 'x', partNumber: 1, binaryPropertyName: 'data' }),
		inputItems: [await fileItem(randomBytes(10), 'p1')],
	});
	expect(error?.message).toContain('INVALID_DATA: Invalid upload session ID: x');
	const uploaderSession = vault.simulator.addUploadSession({ path: `/u${UPLOADER.id}/c.bin`, size: 100, owner: UPLOADER.id });
	const notOwner = await runVaultNode(vault.credentials, {
		parameters: uploadSessionOp('uploadPart', { sessionId: uploaderSession, partNumber: 1, binaryPropertyName: 'data' }),
		inputItems: [await fileItem(randomBytes(100), 'p1')],
	});
	expect(notOwner.error?.message).toContain('INSUFFICIENT_ACCESS');
});

test('a part over the API version\'s maximum is refused before any request', async () => {
	const { error } = await runVaultNode(vault.credentials, {
		parameters: uploadSessionOp('uploadPart', { sessionId: 'x', partNumber: 1, binaryPropertyName: 'data' }),
		inputItems: [await fileItem(Buffer.alloc(50 * MiB + 1), 'big')],
	});
	expect(error?.message).toContain('a part holds 1 to 52428800 bytes');
	expect(vault.simulator.requests).toHaveLength(0);
});
