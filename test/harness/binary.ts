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
