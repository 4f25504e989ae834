import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf } from '../rules/inputError';
import { vaultClient } from '../vaultClient';
import type { VaultClient } from '../vaultClient';
import type { VeevaVaultType } from './node.type';
import * as job from './job';
import * as stagingItem from './stagingItem';
import { requestTimeoutMs } from './requestTimeout';
import * as uploadSession from './uploadSession';

type Operation = (this: IExecuteFunctions, itemIndex: number, vault: VaultClient) => Promise<INodeExecutionData[]>;

const resources: Record<string, { operations: Record<string, { execute: Operation }> }> = { uploadSession, stagingItem, job };

/** Runs the chosen operation once per input item; a failing item either stops the node or,
 * with "Continue on Fail" or as an AI agent's tool, becomes an item with an `error` field. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as VeevaVaultType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = Object.hasOwn(resources, resource) ? resources[resource].operations : {};
	const action = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!action) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}

	// n8n runs a node as an agent's tool under the type "<name>Tool". The agent should get the
	// failure as the tool's answer, so that it can tell the user: n8n 2.x does that itself, while
	// n8n 1.x fails the whole workflow when a tool throws.
	const answersAnAgent = this.getNode().type.endsWith('Tool');
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const vault = vaultClient(this, itemIndex, { timeoutMs: requestTimeoutMs(this, itemIndex) });
			const results = await action.execute.call(this, itemIndex, vault);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = nodeErrorOf(this.getNode(), error, itemIndex);
			if (!this.continueOnFail() && !answersAnAgent) throw nodeError;
			const { message, description } = nodeError;
			returnData.push({ json: { error: message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
