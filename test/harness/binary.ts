/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test harness: runs in jest, never inside n8n. */
// Binary input items stored the way n8n 2.x stores them: on disk (filesystem binary mode), so
// the node reads them through getBinaryStream like it does in n8n.
import { createRequire } from 'node:module';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

// n8n-core keeps its own copy of @n8n/di; its services live in that copy's container.
const requireFromCore = createRequire(require.resolve('n8n-core'));
const { Container } = requireFromCore('@n8n/di') as typeof import('@n8n/di');

let ready: Promise<BinaryDataService> | undefined;

function binaryDataService(): Promise<BinaryDataService> {
	ready ??= (async () => {
		const service = Container.get(BinaryDataService);
		await service.init();
		return service;
	})();
	return ready;
}

export async function storedBinary(data: Buffer, fileName: string, mimeType = 'application/octet-stream'): Promise<IBinaryData> {
	const service = await binaryDataService();
	return await service.store({ type: 'execution', workflowId: 'workflow-1', executionId: 'input' }, data, { data: '', mimeType, fileName });
}

export async function fileItem(data: Buffer, fileName: string, property = 'data'): Promise<INodeExecutionData> {
	return { json: { fileName }, binary: { [property]: await storedBinary(data, fileName) } };
}

/** The bytes of a binary field an operation produced, from wherever n8n stored them. */
export async function binaryContent(binary: IBinaryData): Promise<Buffer> {
	const service = await binaryDataService();
	return await service.getAsBuffer(binary);
}

export interface BinaryReads {
	/** Reads of the whole content into a Buffer. */
	whole: number;
	/** Streams opened on the content. */
	streams: number;
	/** Reads of the stored metadata (size, name). */
	metadata: number;
}

/**
 * Counts how n8n's binary store is read from now on (its real methods run; the counts only watch
 * them). `stop` puts the methods back and returns the counts.
 */
export async function countBinaryReads(): Promise<{ stop: () => BinaryReads }> {
	const service = await binaryDataService();
	const reads: BinaryReads = { whole: 0, streams: 0, metadata: 0 };
	const { getAsBuffer, getAsStream, getMetadata } = service;
	service.getAsBuffer = async (...args) => {
		reads.whole++;
		return await getAsBuffer.apply(service, args);
	};
	service.getAsStream = async (...args) => {
		reads.streams++;
		return await getAsStream.apply(service, args);
	};
	service.getMetadata = async (...args) => {
		reads.metadata++;
		return await getMetadata.apply(service, args);
	};
	return {
		stop: () => {
			Object.assign(service, { getAsBuffer, getAsStream, getMetadata });
			return reads;
		},
	};
}
