// Download: a staged file into a binary field, streamed, resumed with Range where it drops.
import { createHash, randomBytes } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { runVaultNode } from '../../harness/engine';
import { binaryContent } from '../../harness/binary';
import { ADMIN, simulatorPerTest } from '../../harness/vault';

const MiB = 1024 * 1024;
const vault = simulatorPerTest({ seed: false });
const home = `/u${ADMIN.id}`;
const download = (path: string, extra: Record<string, unknown> = {}) => ({ resource: 'stagingItem', operation: 'download', path, ...extra });
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

async function bytesOf(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	return await binaryContent(item.binary![property]);
}

test('the file lands in the binary field, byte for byte, named from Content-Disposition with a MIME type from the name', async () => {
	const data = randomBytes(3 * MiB + 17);
	await vault.simulator.addStagedFile(`${home}/inbox/scan.pdf`, data);
	const { items, error } = await runVaultNode(vault.credentials, { parameters: download(`${home}/inbox/scan.pdf`, { binaryPropertyName: 'file' }) });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ path: `${home}/inbox/scan.pdf`, name: 'scan.pdf', size: data.length, mimeType: 'application/pdf' });
	expect(items[0].binary?.file).toMatchObject({ fileName: 'scan.pdf', mimeType: 'application/pdf' });
	expect(md5(await bytesOf(items[0], 'file'))).toBe(md5(data));
});

test.each([[1024], [2 * MiB + 5]])('a connection cut after %i bytes is resumed from the next byte with Range; the result is byte-exact', async (bytes) => {
	const data = randomBytes(3 * MiB);
	await vault.simulator.addStagedFile(`${home}/big.bin`, data);
	vault.simulator.injectFault({ kind: 'cutBody', path: '/services/file_staging/items/content', bytes });
	const { items, error } = await runVaultNode(vault.credentials, { parameters: download(`${home}/big.bin`) });
	expect(error).toBeUndefined();
	expect(md5(await bytesOf(items[0]))).toBe(md5(data));
	const downloads = vault.simulator.requests.filter((request) => request.route === 'downloadItem' || request.route === 'unknown');
	expect(downloads).toHaveLength(2);
});

test('an empty file downloads as an empty binary', async () => {
	await vault.simulator.addStagedFile(`${home}/empty.txt`, '');
	const { items, error } = await runVaultNode(vault.credentials, { parameters: download(`${home}/empty.txt`) });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ name: 'empty.txt', size: 0, mimeType: 'text/plain' });
	expect((await bytesOf(items[0])).length).toBe(0);
});

test('a resumed download of more than 50 MB continues in ranges of at most 50 MB (Vault\'s limit)', async () => {
	const data = randomBytes(60 * MiB);
	await vault.simulator.addStagedFile(`${home}/large.bin`, data);
	vault.simulator.injectFault({ kind: 'cutBody', path: '/services/file_staging/items/content', bytes: 4096 });
	const { items, error } = await runVaultNode(vault.credentials, { parameters: download(`${home}/large.bin`) });
	expect(error).toBeUndefined();
	expect(md5(await bytesOf(items[0]))).toBe(md5(data));
	expect(vault.simulator.count('downloadItem')).toBe(3);
});

test('a connection that keeps dropping fails after 3 resumes, clearly, and nothing partial is returned', async () => {
	await vault.simulator.addStagedFile(`${home}/flaky.bin`, randomBytes(MiB));
	vault.simulator.injectFault({ kind: 'cutBody', path: '/services/file_staging/items/content', bytes: 1000, times: 10 });
	const { items, error } = await runVaultNode(vault.credentials, { parameters: download(`${home}/flaky.bin`) });
	expect(items).toEqual([]);
	expect(error?.message).toContain(`The download of ${home}/flaky.bin stopped at byte`);
	expect(error?.message).toContain('4 times');
});

test('a folder, or a file that is not there, is Vault\'s error (its JSON answer is never taken for the file)', async () => {
	await vault.simulator.addStagedFolder(`${home}/folder`);
	const folder = await runVaultNode(vault.credentials, { parameters: download(`${home}/folder`) });
	expect(folder.error?.message).toContain('is a folder; only files can be downloaded');
	const missing = await runVaultNode(vault.credentials, { parameters: download(`${home}/nothing.pdf`) });
	expect(missing.error?.message).toContain('INVALID_DATA: No item at');
	expect(missing.items).toEqual([]);
});

test.each([
	[{ path: 'inbox/a.pdf' }, 'must start with a slash'],
	[{ path: '/inbox/' }, 'ends with a slash'],
	[{ path: '/inbox/../a.pdf' }, 'contains "." or ".." segments'],
	[{ path: '/inbox/a.pdf', binaryPropertyName: ' ' }, 'Put Output File in Field is empty'],
])('bad input %j is refused before any request', async (parameters, message) => {
	const { error } = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'download', ...parameters } });
	expect(error?.message).toContain(message);
	expect(vault.simulator.requests).toHaveLength(0);
});
