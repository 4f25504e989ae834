/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: runs in jest, never inside n8n. */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { open } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { PassThrough, Readable } from 'stream';

import { isFileReadStream, releaseChunk, releasedBehind } from '../../nodes/VeevaVault/binary/binarySource';

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

describe('releasedBehind', () => {
	const KiB = 1024;
	async function* chunksOf(chunks: Buffer[]): AsyncGenerator<Buffer> {
		yield* chunks;
	}
	const freed = (chunks: Buffer[]) => chunks.map((chunk) => chunk.length === 0);

	test('frees a chunk only once the given number of bytes has been asked for after it', async () => {
		const chunks = Array.from({ length: 6 }, (_, index) => Buffer.allocUnsafeSlow(KiB).fill(index));
		const seen: string[] = [];
		const freedWhenAsked: boolean[][] = [];
		for await (const chunk of releasedBehind(chunksOf(chunks), 3 * KiB)) {
			// Every chunk reaches the consumer whole, before anything frees it.
			seen.push(`${chunk.length}:${chunk[0]}`);
			freedWhenAsked.push(freed(chunks));
		}
		expect(seen).toEqual(['1024:0', '1024:1', '1024:2', '1024:3', '1024:4', '1024:5']);
		// When chunk 4 is handed over, chunks 1, 2 and 3 (3 KiB) have followed chunk 0: it is freed.
		expect(freedWhenAsked[3]).toEqual([false, false, false, false, false, false]);
		expect(freedWhenAsked[4]).toEqual([true, false, false, false, false, false]);
		expect(freedWhenAsked[5]).toEqual([true, true, false, false, false, false]);
		// At the end the last 3 KiB, still within the request's reach, are left to the collector.
		expect(freed(chunks)).toEqual([true, true, true, false, false, false]);
	});

	test('counts bytes, not chunks', async () => {
		const chunks = [4 * KiB, KiB, KiB, KiB, KiB].map((size) => Buffer.allocUnsafeSlow(size).fill(1));
		for await (const chunk of releasedBehind(chunksOf(chunks), 4 * KiB)) expect(chunk.length).toBeGreaterThan(0);
		expect(freed(chunks)).toEqual([true, false, false, false, false]);
	});

	test('frees nothing when the consumer stops early', async () => {
		const chunks = Array.from({ length: 4 }, () => Buffer.allocUnsafeSlow(KiB));
		for await (const chunk of releasedBehind(chunksOf(chunks), KiB)) if (chunk === chunks[1]) break;
		expect(freed(chunks)).toEqual([false, false, false, false]);
	});
});
