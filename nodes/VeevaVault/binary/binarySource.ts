// Reading an item's binary data part by part. With n8n's filesystem binary mode the data is
// streamed from disk, so memory holds two parts (one being sent, one being read) whatever the
// file size.
import { createHash } from 'crypto';
import type { Hash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../rules/inputError';

export interface FilePart {
	data: Buffer;
	/** MD5 of `data`, hex. */
	md5: string;
}

export interface BinarySource {
	bytes: number;
	fileName?: string;
	mimeType: string;
	/**
	 * Yields consecutive parts of `partBytes` (the last may be shorter) with their MD5, and feeds
	 * every byte to `wholeFile` when there is one. A yielded part's buffer is reused two parts
	 * later: the consumer must be done with a part before it asks for the part after the next.
	 */
	parts(partBytes: number, wholeFile?: Hash): AsyncGenerator<FilePart>;
	/** The whole content; only for data known to be small. */
	buffer(): Promise<Buffer>;
	/** MD5 of the whole content, hex, read as a stream (memory stays flat). */
	md5(): Promise<string>;
	/**
	 * The content between `head` and `tail`, as a request body: a Node.js stream read from n8n's
	 * binary store when the data is there, else one Buffer (the data is in memory already).
	 */
	framed(head: Buffer, tail: Buffer): Promise<unknown>;
}

export function md5Hex(data: Buffer): string {
	return createHash('md5').update(data).digest('hex');
}

/**
 * Binary data of up to this size is read once, whole, into memory, instead of being streamed from
 * n8n's binary store: a direct upload needs the file's MD5 before its first byte is sent, which a
 * stream can only give by reading the file twice (one read to hash, one to send). Measured on the
 * dossier benchmark (bench/README.md, issue #30). 8 MiB keeps an item within a part's memory (the
 * data and the request body made of it: 16 MiB) while most documents are read once.
 */
export const READ_WHOLE_MAX_BYTES = 8 * 1024 * 1024;

// 256 KiB: before chunks were released (see releaseChunk), larger reads got fresh memory (mmap)
// for every chunk and ran about three times slower; with release, 1 MiB measured no faster.
const READ_CHUNK_BYTES = 256 * 1024;

export async function binarySource(ctx: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<BinarySource> {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new InvalidInputError(
			`Item ${itemIndex} has no binary property "${propertyName}"`,
			available.length
				? `Its binary properties are: ${available.join(', ')}. Set "Input Binary Field" to one of them.`
				: 'The item has no binary data. Read the file first, e.g. with "Read/Write Files from Disk" or "HTTP Request".',
		);
	}
	// n8n records the size of data it stores (`bytes`); data without it is streamed.
	const small = typeof binary.bytes === 'number' && binary.bytes <= READ_WHOLE_MAX_BYTES;
	if (binary.id && !small) {
		const id = binary.id;
		const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
		const read = async () => await ctx.helpers.getBinaryStream(id, READ_CHUNK_BYTES);
		return {
			bytes: fileSize,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			parts: async function* (partBytes, wholeFile) {
				const stream = await read();
				yield* cutIntoParts(stream, partBytes, wholeFile, isFileReadStream(stream));
			},
			buffer: async () => await ctx.helpers.binaryToBuffer(await ctx.helpers.getBinaryStream(id)),
			md5: async () => {
				const stream = await read();
				const hash = createHash('md5');
				const release = isFileReadStream(stream);
				for await (const chunk of stream as AsyncIterable<Buffer>) {
					hash.update(chunk);
					if (release) releaseChunk(chunk);
				}
				return hash.digest('hex');
			},
			framed: async (head, tail) => {
				const stream = await read();
				const content = isFileReadStream(stream) ? releasedBehind(stream as AsyncIterable<Buffer>, RELEASE_BEHIND_BYTES) : (stream as AsyncIterable<Buffer>);
				return asNodeStream(framedChunks(head, content, tail), stream, { objectMode: false });
			},
		};
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return {
		bytes: data.length,
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		parts: async function* (partBytes, wholeFile) {
			for (let offset = 0; offset < data.length; offset += partBytes) {
				const part = data.subarray(offset, offset + partBytes);
				wholeFile?.update(part);
				yield { data: part, md5: md5Hex(part) };
			}
		},
		buffer: async () => data,
		md5: async () => md5Hex(data),
		framed: async (head, tail) => Buffer.concat([head, data, tail]),
	};
}

/**
 * How far behind the chunk being handed to the request a file chunk is freed (see releaseChunk).
 * Between this generator and the socket, every stage holds at most its high-water mark and one
 * chunk: the body stream (byte mode, 64 KiB), the request helper's (axios) size-limit Transform,
 * the HTTP request and the socket, whose buffered length counts a write until the kernel has it;
 * each pauses the one before it (backpressure) once full. With 256 KiB chunks that is under 2 MiB;
 * 16 MiB is eight times as much, and below the 64 MB of external memory that makes V8 collect
 * n8n's whole heap. Measured (bench/README.md, Documents): without it, Create from a 200 MiB file
 * cost n8n about 8 ms of CPU per MiB, most of it in those collections; with it, about 1.
 */
export const RELEASE_BEHIND_BYTES = 16 * 1024 * 1024;

/**
 * Passes a file read stream's chunks on, and frees each one once `behindBytes` more have been
 * asked for after it: by then the request has written it to the socket. Chunks still within reach
 * when the request stops early are left to the garbage collector.
 */
export async function* releasedBehind(chunks: AsyncIterable<Buffer>, behindBytes: number): AsyncGenerator<Buffer> {
	const handedOver: Buffer[] = [];
	let heldBytes = 0;
	for await (const chunk of chunks) {
		yield chunk;
		handedOver.push(chunk);
		heldBytes += chunk.length;
		while (handedOver.length > 1 && heldBytes - handedOver[0].length >= behindBytes) {
			const oldest = handedOver.shift()!;
			heldBytes -= oldest.length;
			releaseChunk(oldest);
		}
	}
}

async function* framedChunks(head: Buffer, content: AsyncIterable<Buffer>, tail: Buffer): AsyncGenerator<Buffer> {
	yield head;
	yield* content;
	yield tail;
}

/**
 * n8n's request helper and binary store take a Buffer or a Node.js stream. The class of a stream
 * n8n gave us (a Node.js Readable) turns an async iterable into one, without importing Node's
 * stream module, which n8n's rules for community nodes do not allow.
 */
export function asNodeStream(chunks: AsyncIterable<Buffer>, streamOfTheRightKind: unknown, options?: { objectMode: boolean }): unknown {
	const streamClass = (streamOfTheRightKind as { constructor?: { from?: (iterable: AsyncIterable<Buffer>, options?: { objectMode: boolean }) => unknown } }).constructor;
	return typeof streamClass?.from === 'function' ? streamClass.from(chunks, options) : chunks;
}

/**
 * Copies the stream into two part buffers used in turn (fresh 25 MB allocations cost more than
 * the copy), hashing each chunk as it arrives so that reading, hashing and sending interleave.
 * With `releaseChunks`, each chunk's memory is freed as soon as it has been copied.
 */
async function* cutIntoParts(stream: AsyncIterable<Buffer>, partBytes: number, wholeFile: Hash | undefined, releaseChunks: boolean): AsyncGenerator<FilePart> {
	const buffers: Buffer[] = [];
	let turn = 0;
	let part: Buffer = Buffer.allocUnsafe(partBytes);
	let partHash = createHash('md5');
	let filled = 0;
	for await (const chunk of stream) {
		let offset = 0;
		while (offset < chunk.length) {
			const end = Math.min(chunk.length, offset + partBytes - filled);
			const piece = chunk.subarray(offset, end);
			piece.copy(part, filled);
			partHash.update(piece);
			wholeFile?.update(piece);
			filled += piece.length;
			offset = end;
			if (filled === partBytes) {
				buffers[turn % 2] = part;
				yield { data: part, md5: partHash.digest('hex') };
				turn++;
				part = buffers[turn % 2] ?? Buffer.allocUnsafe(partBytes);
				partHash = createHash('md5');
				filled = 0;
			}
		}
		if (releaseChunks) releaseChunk(chunk);
	}
	if (filled > 0) yield { data: part.subarray(0, filled), md5: partHash.digest('hex') };
}

/**
 * Whether the stream is a file read stream (n8n's filesystem binary mode), which reads every
 * chunk into a buffer of its own that nothing else refers to once it has been handed over.
 */
export function isFileReadStream(stream: unknown): boolean {
	if (typeof stream !== 'object' || stream === null) return false;
	const candidate = stream as { bytesRead?: unknown; pending?: unknown };
	return typeof candidate.bytesRead === 'number' && typeof candidate.pending === 'boolean';
}

/**
 * Frees a chunk's memory now instead of at the next garbage collection, by detaching its
 * ArrayBuffer. Left to the collector, every 64 MB of chunks read starts a full collection of
 * n8n's whole heap ("external memory pressure"): about 16 per GiB, which cost n8n more CPU than
 * hashing the file. Call it only for chunks of a file read stream, and only once done with them; a
 * chunk that does not span its whole buffer (a slice of a shared pool) is left alone.
 */
export function releaseChunk(chunk: Buffer): void {
	const owner = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
	if (chunk.byteOffset !== 0 || owner.byteLength !== chunk.byteLength || typeof owner.transfer !== 'function') return;
	try {
		owner.transfer(0);
	} catch {
		// A buffer that cannot be detached is left to the garbage collector.
	}
}
