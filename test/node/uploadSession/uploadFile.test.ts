/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: runs in jest, never inside n8n. */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { VaultSimulator } from '../../../simulator/vault-simulator.ts';
import { timeoutOption } from '../../../nodes/VeevaVault/actions/common.descriptions';
import { READ_WHOLE_MAX_BYTES } from '../../../nodes/VeevaVault/binary/binarySource';
import { DEFAULT_TIMEOUT_MS, FILE_TIMEOUT_MS } from '../../../nodes/VeevaVault/transport';
import { countBinaryReads, fileItem } from '../../harness/binary';
import { runVaultNode } from '../../harness/engine';
import type { CredentialStore } from '../../harness/engine';
import { ADMIN, passwordCredentials, startSimulator } from '../../harness/vault';

const MiB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator();
});
afterEach(async () => {
	await simulator.stop();
});

function uploadFile(options: Record<string, unknown> = {}, path = '/inbox/study.bin') {
	return { resource: 'uploadSession', operation: 'uploadFile', binaryPropertyName: 'data', path, options };
}

test('a multi-part upload assembles the same bytes in Vault', async () => {
	const file = randomBytes(12 * MiB + 123);
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({ partSize: 5, alwaysUseUploadSession: true, waitForJob: true, fileMd5: true }),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error).toBeUndefined();
	const assembled = await readFile(simulator.stagingFilePath('/inbox/study.bin'));
	expect(md5(assembled)).toBe(md5(file));
	expect(items[0].json).toMatchObject({ path: '/inbox/study.bin', size: file.length, md5: md5(file), md5_checked_by_vault: 'each_part', parts: 3, parts_sent: 3, resumed: false });
	expect(items[0].json.job).toMatchObject({ status: 'SUCCESS' });
	expect(simulator.count('uploadPart')).toBe(3);
	expect(simulator.count('commitUploadSession')).toBe(1);
	expect(simulator.requests.filter((r) => r.route === 'uploadPart').every((r) => r.userId === ADMIN.id)).toBe(true);
});

test('by default (Compute File MD5 off) the parts carry their MD5s and the output has no whole-file md5', async () => {
	const file = randomBytes(12 * MiB + 5);
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({ partSize: 5, alwaysUseUploadSession: true }),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).not.toHaveProperty('md5');
	expect(items[0].json).toMatchObject({ path: '/inbox/study.bin', size: file.length, method: 'uploadSession', md5_checked_by_vault: 'each_part', parts: 3, parts_sent: 3 });
	const partMd5s = simulator.requests.filter((r) => r.route === 'uploadPart').map((r) => r.contentMd5);
	expect(partMd5s).toEqual([0, 1, 2].map((n) => md5(file.subarray(n * 5 * MiB, (n + 1) * 5 * MiB))));
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(file));
});

test('a file of 50 MB or less goes in one direct request by default', async () => {
	const file = randomBytes(3 * MiB);
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({}, '/inbox/small.pdf'),
		inputItems: [await fileItem(file, 'small.pdf')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ path: '/inbox/small.pdf', size: file.length, md5: md5(file), md5_checked_by_vault: 'file', method: 'direct' });
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/small.pdf')))).toBe(md5(file));
	expect(simulator.count('createItem')).toBe(1);
	expect(simulator.count('createUploadSession')).toBe(0);
});

test('a direct upload of a file of up to 8 MiB reads it from n8n\'s binary store once, whole, and sends it with its MD5', async () => {
	const file = randomBytes(READ_WHOLE_MAX_BYTES);
	const input = await fileItem(file, 'small.pdf');
	const reads = await countBinaryReads();
	let run;
	try {
		run = await runVaultNode(passwordCredentials(simulator), { parameters: uploadFile({}, '/inbox/small.pdf'), inputItems: [input] });
	} finally {
		expect(reads.stop()).toEqual({ whole: 1, streams: 0, metadata: 0 });
	}
	expect(run.error).toBeUndefined();
	expect(run.items[0].json).toEqual({ path: '/inbox/small.pdf', size: file.length, md5: md5(file), md5_checked_by_vault: 'file', method: 'direct' });
	expect(simulator.requests.filter((request) => request.route === 'createItem').map((request) => request.contentMd5)).toEqual([md5(file)]);
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/small.pdf')))).toBe(md5(file));
});

test('a direct upload of a larger file streams it, never holding it whole: one read to hash it, one to send it', async () => {
	const file = randomBytes(READ_WHOLE_MAX_BYTES + 1);
	const input = await fileItem(file, 'larger.pdf');
	const reads = await countBinaryReads();
	let run;
	try {
		run = await runVaultNode(passwordCredentials(simulator), { parameters: uploadFile({}, '/inbox/larger.pdf'), inputItems: [input] });
	} finally {
		expect(reads.stop()).toEqual({ whole: 0, streams: 2, metadata: 1 });
	}
	expect(run.error).toBeUndefined();
	expect(run.items[0].json).toMatchObject({ size: file.length, md5: md5(file), method: 'direct' });
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/larger.pdf')))).toBe(md5(file));
});

test('a file over 50 MB uses an upload session with 25 MB parts by default, streamed from disk', async () => {
	const file = randomBytes(60 * MiB);
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile(),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ method: 'uploadSession', parts: 3, parts_sent: 3, md5_checked_by_vault: 'each_part' });
	expect(items[0].json).not.toHaveProperty('md5');
	expect(items[0].json.job).toEqual({ job_id: expect.any(Number) });
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(file));
});

test('resuming an interrupted upload sends only the missing parts', async () => {
	const file = randomBytes(17 * MiB);
	const credentials = passwordCredentials(simulator);
	const input = [await fileItem(file, 'study.bin')];
	const parameters = uploadFile({ partSize: 5, alwaysUseUploadSession: true });
	// The connection drops for good while part 3 of 4 is being sent.
	simulator.injectFault({ kind: 'reset', method: 'PUT', path: '/services/file_staging/upload/', after: 2, times: 3 });
	const interrupted = await runVaultNode(credentials, { parameters, inputItems: input });
	expect(interrupted.error?.message).toContain('the connection was reset before Vault answered');
	expect(simulator.count('uploadPart')).toBe(2);
	expect(simulator.count('commitUploadSession')).toBe(0);

	const resumed = await runVaultNode(credentials, { parameters, inputItems: input });
	expect(resumed.error).toBeUndefined();
	expect(resumed.items[0].json).toMatchObject({ resumed: true, parts: 4, parts_sent: 2, parts_already_in_vault: 2 });
	expect(simulator.count('createUploadSession')).toBe(1);
	expect(simulator.count('listParts')).toBe(1);
	expect(simulator.count('uploadPart')).toBe(4);
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(file));
});

// Vault's List Upload Sessions documents no overwrite flag: the node asks Get Upload Session for it.
test('resuming an upload with Overwrite on: the session\'s flag comes from Get Upload Session', async () => {
	const file = randomBytes(11 * MiB);
	const credentials = passwordCredentials(simulator);
	const input = [await fileItem(file, 'study.bin')];
	const parameters = uploadFile({ partSize: 5, alwaysUseUploadSession: true, overwrite: true });
	simulator.injectFault({ kind: 'reset', method: 'PUT', path: '/services/file_staging/upload/', after: 1, times: 3 });
	const interrupted = await runVaultNode(credentials, { parameters, inputItems: input });
	const partUpload = simulator.requests.filter((request) => request.method === 'PUT').at(-1);
	expect(partUpload?.path).toMatch(/^\/api\/v25\.2\/services\/file_staging\/upload\/[^/]+$/);
	expect(interrupted.error?.message).toBe(`Could not complete PUT ${simulator.baseUrl}${partUpload?.path}: the connection was reset before Vault answered`);
	expect(interrupted.error?.description).toMatch(/^Tried 3 times over \d+ s\. Vault or the network may be unavailable; try again later\.$/);

	const resumed = await runVaultNode(credentials, { parameters, inputItems: input });
	expect(resumed.error).toBeUndefined();
	expect(resumed.items[0].json).toMatchObject({ resumed: true, parts: 3, parts_sent: 2, parts_already_in_vault: 1 });
	expect(simulator.count('createUploadSession')).toBe(1);
	expect(simulator.count('getUploadSession')).toBe(1);
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(file));
});

test('a session of the same path and size created with Overwrite on is not resumed by an upload without it', async () => {
	const file = randomBytes(6 * MiB);
	const other = simulator.addUploadSession({ path: '/inbox/study.bin', size: file.length, owner: ADMIN.id, uploaded: 5 * MiB, overwrite: true });
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({ partSize: 5, alwaysUseUploadSession: true }),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ resumed: false, parts: 2, parts_sent: 2 });
	expect(items[0].json.upload_session_id).not.toBe(other);
	expect(simulator.count('createUploadSession')).toBe(1);
});

test('a part whose connection drops once is sent again and the upload completes', async () => {
	const file = randomBytes(11 * MiB);
	simulator.injectFault({ kind: 'reset', method: 'PUT', path: '/services/file_staging/upload/', after: 1 });
	const { items, error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({ partSize: 5, alwaysUseUploadSession: true }),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ parts: 3, parts_sent: 3 });
	expect(simulator.count('fault:reset')).toBe(1);
	expect(simulator.count('uploadPart')).toBe(3);
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(file));
});

test('a commit whose answer is lost is not sent again', async () => {
	const file = randomBytes(6 * MiB);
	simulator.injectFault({ kind: 'reset', method: 'POST', path: '/services/file_staging/upload/', times: 5 });
	const { error } = await runVaultNode(passwordCredentials(simulator), {
		parameters: uploadFile({ partSize: 5, alwaysUseUploadSession: true }),
		inputItems: [await fileItem(file, 'study.bin')],
	});
	expect(error?.message).toContain('the connection was reset before Vault answered');
	expect(error?.description).toContain('was not sent again automatically');
	const commits = simulator.requests.filter((request) => request.method === 'POST' && /\/upload\/[^/]+$/.test(request.path));
	expect(commits).toHaveLength(1);
});

test('a commit job that ends with errors fails the item with the job\'s status', async () => {
	const credentials = passwordCredentials(simulator);
	const parameters = uploadFile({ partSize: 5, alwaysUseUploadSession: true, waitForJob: true });
	const first = await runVaultNode(credentials, { parameters, inputItems: [await fileItem(randomBytes(6 * MiB), 'study.bin')] });
	expect(first.error).toBeUndefined();
	// Same path again, without Overwrite: Vault's job cannot place the file.
	const second = await runVaultNode(credentials, { parameters, inputItems: [await fileItem(randomBytes(6 * MiB), 'study.bin')] });
	expect(second.error?.message).toMatch(/^Vault job \d+ ended with status ERRORS_ENCOUNTERED$/);
	expect(second.error?.context?.itemIndex).toBe(0);
	expect(simulator.count('commitUploadSession')).toBe(2);
});

describe('bad input is refused before any request', () => {
	test.each([
		['a path without a leading slash', { path: 'inbox/study.bin' }, 'must start with a slash, e.g. /inbox/study.bin'],
		['a path with ..', { path: '/inbox/../secrets/study.bin' }, 'contains "." or ".." segments'],
		['a relative path with ..', { path: '../etc/passwd' }, 'Path "../etc/passwd" contains "." or ".." segments; give the path from the staging root, e.g. /inbox/report.pdf.'],
		['a path naming a folder', { path: '/inbox/' }, 'ends with a slash'],
		['a part size below 5 MB', { options: { partSize: 3 } }, 'Part size 3 MB is out of range: use a whole number from 5 to 50 MB for API v25.2.'],
		['a part size above the maximum', { options: { partSize: 52 } }, 'Part size 52 MB is out of range'],
	])('%s', async (_case, override, message) => {
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: { ...uploadFile(), ...override },
			inputItems: [await fileItem(randomBytes(1024), 'study.bin')],
		});
		expect(error?.message).toContain(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(simulator.requests).toHaveLength(0);
	});

	test('an item without the binary property', async () => {
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: uploadFile(),
			inputItems: [{ json: {} }, await fileItem(randomBytes(10), 'a.bin', 'file')],
		});
		expect(error?.message).toBe('Item 0 has no binary property "data"');
		expect(error?.description).toContain('Read the file first');
		expect(simulator.requests).toHaveLength(0);
	});

	test('the error names the binary properties an item does have', async () => {
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: uploadFile(),
			inputItems: [await fileItem(randomBytes(10), 'a.bin', 'attachment')],
		});
		expect(error?.description).toContain('Its binary properties are: attachment.');
	});

	test('a session for a file over 500 GB', async () => {
		const { error } = await runVaultNode(passwordCredentials(simulator), {
			parameters: { resource: 'uploadSession', operation: 'create', path: '/inbox/huge.bin', size: 600 * 1024 ** 3 },
		});
		expect(error?.message).toContain('Vault\'s File Staging accepts at most 500 GB');
		expect(simulator.requests).toHaveLength(0);
	});
});

test('a file already at the path: the error says to turn on Overwrite, which then replaces it', async () => {
	const first = randomBytes(3000);
	await runVaultNode(passwordCredentials(simulator), { parameters: uploadFile(), inputItems: [await fileItem(first, 'study.bin')] });
	const second = randomBytes(2000);
	const refused = await runVaultNode(passwordCredentials(simulator), { parameters: uploadFile(), inputItems: [await fileItem(second, 'study.bin')] });
	expect(refused.error?.message).toContain('ITEM_NAME_EXISTS');
	expect(refused.error?.description).toContain('turn on Overwrite under Options');
	const replaced = await runVaultNode(passwordCredentials(simulator), { parameters: uploadFile({ overwrite: true }), inputItems: [await fileItem(second, 'study.bin')] });
	expect(replaced.error).toBeUndefined();
	expect(md5(await readFile(simulator.stagingFilePath('/inbox/study.bin')))).toBe(md5(second));
});

describe('Timeout (Seconds): added at its default it changes nothing; a value set wins', () => {
	const uploadWithTimeout = (timeout: unknown) => uploadFile({ partSize: 5, alwaysUseUploadSession: true, timeout });
	// The API's requests; the sign-in's look at GET /api/ keeps its own short wait.
	const apiRequests = (credentials: CredentialStore) => credentials.sentRequests.filter((r) => r.url.includes('/api/v25.2/'));
	const partRequests = (credentials: CredentialStore) => apiRequests(credentials).filter((r) => r.method === 'PUT' && r.url.includes('/services/file_staging/upload/'));

	test('with the option added as the editor adds it, each part still waits 120 s and the other requests 30 s', async () => {
		const credentials = passwordCredentials(simulator);
		const { error } = await runVaultNode(credentials, {
			parameters: uploadWithTimeout(timeoutOption.default),
			inputItems: [await fileItem(randomBytes(6 * MiB), 'study.bin')],
		});
		expect(error).toBeUndefined();
		expect(partRequests(credentials).map((r) => r.timeout)).toEqual([FILE_TIMEOUT_MS, FILE_TIMEOUT_MS]);
		const others = apiRequests(credentials).filter((r) => !partRequests(credentials).includes(r));
		expect(others.length).toBeGreaterThan(0);
		expect(others.every((r) => r.timeout === DEFAULT_TIMEOUT_MS)).toBe(true);
	});

	test('a timeout the user typed applies to the parts and every other request', async () => {
		const credentials = passwordCredentials(simulator);
		const { error } = await runVaultNode(credentials, {
			parameters: uploadWithTimeout(45),
			inputItems: [await fileItem(randomBytes(6 * MiB), 'study.bin')],
		});
		expect(error).toBeUndefined();
		expect(partRequests(credentials)).toHaveLength(2);
		expect(apiRequests(credentials).map((r) => r.timeout)).toEqual(Array(5).fill(45_000));
	});
});
