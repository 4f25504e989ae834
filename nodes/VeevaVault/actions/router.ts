import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf } from '../rules/inputError';
import { vaultClient } from '../vaultClient';
import type { VaultClient } from '../vaultClient';
import type { VeevaVaultType } from './node.type';
import * as job from './job';
import { itemsInParallel, requestTimeoutMs } from './runOptions';
import * as stagingItem from './stagingItem';
import * as uploadSession from './uploadSession';
import * as vaultApi from './vaultApi';
import * as vql from './vql';

type Operation = (this: IExecuteFunctions, itemIndex: number, vault: VaultClient) => Promise<INodeExecutionData[]>;

/** An operation's module: its execute, whether its items are independent of each other, and what
 * to do about Vault's errors in the words of its fields. */
interface Action {
	execute: Operation;
	runsItemsInParallel?: boolean;
	errorHints?: Record<string, string>;
}

const resources: Record<string, { operations: Record<string, Action> }> = { uploadSession, stagingItem, job, vql, vaultApi };

/** Runs the chosen operation once per input item, several at once where the operation allows;
 * output in input order, each result paired with its item. A failing item either stops the node
 * or, with "Continue on Fail" or as an AI agent's tool, becomes an item with an `error` field. */
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
	const keepGoing = this.continueOnFail() || this.getNode().type.endsWith('Tool');
	let parallel = 1;
	try {
		if (action.runsItemsInParallel) parallel = itemsInParallel(this);
	} catch (error) {
		throw nodeErrorOf(this.getNode(), error, 0);
	}
	const resultsByItem: INodeExecutionData[][] = [];
	let stopWith: Error | undefined;
	let nextItem = 0;

	// Up to `parallel` runners, each taking the next item when it is done with one. After a failure
	// (without Continue on Fail) no new item starts; those under way finish, then the node fails.
	const runItems = async () => {
		while (!stopWith && nextItem < items.length) {
			const itemIndex = nextItem++;
			try {
				const vault = vaultClient(this, itemIndex, { timeoutMs: requestTimeoutMs(this, itemIndex), hints: action.errorHints });
				resultsByItem[itemIndex] = await action.execute.call(this, itemIndex, vault);
			} catch (error) {
				const nodeError = nodeErrorOf(this.getNode(), error, itemIndex);
				if (!keepGoing) {
					stopWith ??= nodeError;
					return;
				}
				const { message, description } = nodeError;
				resultsByItem[itemIndex] = [{ json: { error: message, ...(description ? { description } : {}) } }];
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, runItems));
	if (stopWith) throw stopWith;
	return [resultsByItem.flatMap((results, itemIndex) => results.map((result) => ({ ...result, pairedItem: { item: itemIndex } })))];
}
