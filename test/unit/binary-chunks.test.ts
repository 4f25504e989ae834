/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: runs in jest, never inside n8n. */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { open } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough, Readable } from 'stream';

import { isFileReadStream, releaseChunk } from '../../nodes/VeevaVault/binary/binarySource';

describe('releaseChunk', () => {
	test('frees a chunk that spans its whole buffer', () => {
		const chunk = Buffer.allocUnsafeSlow(256 * 1024).fill(7);
		releaseChunk(chunk);
		expect(chunk.buffer.byteLength).toBe(0);
		expect(chunk.length).toBe(0);
	});

	test('leaves a small buffer from the shared pool alone, and the buffers next to it', () => {
		const first = Buffer.from('first');
		const second = Buffer.from('second');
		expect(first.buffer).toBe(second.buffer);
		releaseChunk(second);
		expect(first.toString()).toBe('first');
		expect(second.toString()).toBe('second');
	});

	test('leaves a slice of a larger buffer alone', () => {
		const whole = Buffer.allocUnsafeSlow(1024).fill(1);
		releaseChunk(whole.subarray(0, 512));
		releaseChunk(whole.subarray(512));
		expect(whole.length).toBe(1024);
		expect(whole.every((byte) => byte === 1)).toBe(true);
	});
});

describe('isFileReadStream', () => {
	let dir: string;
	let file: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'veeva-vault-chunks-'));
		file = join(dir, 'data.bin');
		writeFileSync(file, Buffer.alloc(1024, 3));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('recognises the streams of n8n filesystem binary mode (a file handle) and of fs', async () => {
		const handle = await open(file, 'r');
		const fromHandle = handle.createReadStream();
		const fromPath = createReadStream(file);
		try {
			expect(isFileReadStream(fromHandle)).toBe(true);
			expect(isFileReadStream(fromPath)).toBe(true);
		} finally {
			fromHandle.destroy();
			fromPath.destroy();
			await handle.close().catch(() => undefined);
		}
	});

	test('does not take a stream over a buffer someone else holds for a file stream', () => {
		const held = Buffer.alloc(1024, 5);
		expect(isFileReadStream(Readable.from([held]))).toBe(false);
		expect(isFileReadStream(new PassThrough())).toBe(false);
		expect(isFileReadStream(undefined)).toBe(false);
	});
});
