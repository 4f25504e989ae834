// Upload File among staging items: the same parameters and code as Upload Session → Upload File.
import { randomBytes } from 'node:crypto';

import { fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false, minPartSize: 1024 });

test.each([['stagingItem', 'upload'], ['uploadSession', 'uploadFile']])('%s/%s uploads the file, which then lists with its size (an admin\'s paths start at the staging root)', async (resource, operation) => {
	const data = randomBytes(3000);
	const { items, error } = await runVaultNode(vault.credentials, {
		parameters: { resource, operation, binaryPropertyName: 'data', path: '/inbox/upload.bin', options: { alwaysUseUploadSession: true, partSize: 5 } },
		inputItems: [await fileItem(data, 'upload.bin')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ path: '/inbox/upload.bin', size: 3000, method: 'uploadSession', parts: 1 });
	const listed = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'getAll', path: '/inbox', returnAll: true } });
	expect(listed.items.map((item) => [item.json.name, item.json.size])).toEqual([['upload.bin', 3000]]);
});
