// Reading an item's binary data part by part. With n8n's filesystem binary mode the data is
// streamed from disk, so memory holds about one part whatever the file size.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface BinarySource {
	bytes: number;
	fileName?: string;
	mimeType: string;
	/** Yields consecutive parts of `partBytes` (the last may be shorter). */
	parts(partBytes: number): AsyncGenerator<Buffer>;
	/** The whole content; only for data known to be small. */
	buffer(): Promise<Buffer>;
}

const READ_CHUNK_BYTES = 1024 * 1024;

export async function binarySource(ctx: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<BinarySource> {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no binary property "${propertyName}"`, {
			itemIndex,
			description: available.length
				? `Its binary properties are: ${available.join(', ')}. Set "Input Binary Field" to one of them.`
				: 'The item has no binary data. Read the file first, e.g. with "Read/Write Files from Disk" or "HTTP Request".',
		});
	}
	if (binary.id) {
		const id = binary.id;
		const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
		return {
			bytes: fileSize,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			parts: async function* (partBytes) {
				yield* cutIntoParts(await ctx.helpers.getBinaryStream(id, READ_CHUNK_BYTES), partBytes);
			},
			buffer: async () => await ctx.helpers.binaryToBuffer(await ctx.helpers.getBinaryStream(id)),
		};
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return {
		bytes: data.length,
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		parts: async function* (partBytes) {
			for (let offset = 0; offset < data.length; offset += partBytes) yield data.subarray(offset, offset + partBytes);
		},
		buffer: async () => data,
	};
}

async function* cutIntoParts(stream: AsyncIterable<Buffer>, partBytes: number): AsyncGenerator<Buffer> {
	let part = Buffer.allocUnsafe(partBytes);
	let filled = 0;
	for await (const chunk of stream) {
		let offset = 0;
		while (offset < chunk.length) {
			const copied = chunk.copy(part, filled, offset, Math.min(chunk.length, offset + partBytes - filled));
			filled += copied;
			offset += copied;
			if (filled === partBytes) {
				yield part;
				part = Buffer.allocUnsafe(partBytes);
				filled = 0;
			}
		}
	}
	if (filled > 0) yield part.subarray(0, filled);
}
