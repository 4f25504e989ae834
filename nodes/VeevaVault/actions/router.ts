import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeErrorOf } from '../rules/inputError';
import { vaultClient } from '../vaultClient';
import type { VaultClient } from '../vaultClient';
import type { VeevaVaultType } from './node.type';
import * as document from './document';
import * as job from './job';
import * as loader from './loader';
import * as objectRecord from './objectRecord';
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
	/** Called once for all input items (e.g. a Vault Loader job of all rows); it pairs its output
	 * to the items itself. */
	runsOnceForAllItems?: boolean;
	errorHints?: Record<string, string>;
}

const resources: Record<string, { operations: Record<string, Action> }> = { uploadSession, stagingItem, job, vql, vaultApi, loader, objectRecord, document };

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
	if (action.runsOnceForAllItems) return [await runOnce.call(this, action, keepGoing)];
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

/** An operation that takes all items at once. A failure names the item it is about; with Continue
 * on Fail it becomes one item with an `error` field, paired with that item (or with all). */
async function runOnce(this: IExecuteFunctions, action: Action, keepGoing: boolean): Promise<INodeExecutionData[]> {
	try {
		const vault = vaultClient(this, 0, { timeoutMs: requestTimeoutMs(this, 0), hints: action.errorHints });
		return await action.execute.call(this, 0, vault);
	} catch (error) {
		// The operation's settings are read from the first item: an error without an item is about it.
		const nodeError = nodeErrorOf(this.getNode(), error, 0);
		if (!keepGoing) throw nodeError;
		const itemIndex = (nodeError.context as { itemIndex?: unknown }).itemIndex;
		const pairedItem = typeof itemIndex === 'number' ? { item: itemIndex } : this.getInputData().map((_, item) => ({ item }));
		const { message, description } = nodeError;
		return [{ json: { error: message, ...(description ? { description } : {}) }, pairedItem }];
	}
}
