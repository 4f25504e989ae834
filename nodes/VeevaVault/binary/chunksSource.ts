// Content the node made itself (a Vault Loader CSV), held as a list of chunks, as a BinarySource:
// upload reads it part by part, so the content is never held twice, save one part or, for a
// file of up to 50 MB sent in one request, that request's body.
import { createHash } from 'crypto';

import type { BinarySource } from './binarySource';
import { md5Hex } from './binarySource';

export function chunksSource(chunks: readonly Buffer[], fileName: string, mimeType: string): BinarySource {
	const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	return {
		bytes,
		fileName,
		mimeType,
		parts: async function* (partBytes, wholeFile) {
			let part = Buffer.allocUnsafe(Math.min(partBytes, bytes));
			let filled = 0;
			for (const chunk of chunks) {
				let offset = 0;
				while (offset < chunk.length) {
					const piece = chunk.subarray(offset, offset + partBytes - filled);
					piece.copy(part, filled);
					wholeFile?.update(piece);
					filled += piece.length;
					offset += piece.length;
					if (filled === partBytes) {
						yield { data: part, md5: md5Hex(part) };
						part = Buffer.allocUnsafe(partBytes);
						filled = 0;
					}
				}
			}
			if (filled > 0) yield { data: part.subarray(0, filled), md5: md5Hex(part.subarray(0, filled)) };
		},
		buffer: async () => Buffer.concat(chunks),
		md5: async () => {
			const hash = createHash('md5');
			for (const chunk of chunks) hash.update(chunk);
			return hash.digest('hex');
		},
		framed: async (head, tail) => Buffer.concat([head, ...chunks, tail]),
	};
}
