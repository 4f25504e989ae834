import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { runRecordAction } from '../../api/objectActions';
import type { ActionResult } from '../../api/objectActions';
import { nodeErrorOf } from '../../rules/inputError';
import { batchesOf, checkedActionName, itemRanges } from '../../rules/objectRecords';
import type { VaultClient } from '../../vaultClient';
import { optionsCollection, timeoutOption } from '../common.descriptions';
import { objectOf, recordIdOf, recordIdProperty } from './fields';

const properties: INodeProperties[] = [
	recordIdProperty('The ID of the record to run the action on, for each item, e.g. mapped from the ID field of Create or Get Many'),
	{
		displayName: 'Action Name or ID',
		name: 'action',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRecordActions', loadOptionsDependsOn: ['object.value', 'recordId'] },
		required: true,
		default: '',
		description:
			'The lifecycle user action to run, e.g. Change State to Active. The list shows what the record under Record ID allows now; with an expression, give Vault\'s full name (Objectlifecyclestateuseraction.{object}.{state}.{action}). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionsCollection([timeoutOption]),
];

/** All items at once: up to 500 records per request for each action. */
export const runsOnceForAllItems = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Object and Action: the action is not one of this object\'s user actions (choose it from the list), or a record ID is wrong.',
};

export const description = updateDisplayOptions({ show: { resource: ['objectRecord'], operation: ['runAction'] } }, properties);

interface Pending {
	itemIndex: number;
	id: string;
}

export async function execute(this: IExecuteFunctions, _itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const keepGoing = this.continueOnFail() || this.getNode().type.endsWith('Tool');
	const object = objectOf(this);
	const results: INodeExecutionData[][] = [];
	// Items grouped by their action (an expression may choose another per item), in input order.
	const byAction = new Map<string, Pending[]>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const id = recordIdOf(this, itemIndex, 'Map the record\'s ID from an earlier node, e.g. {{ $json.id }}.');
			const action = checkedActionName(this.getNodeParameter('action', itemIndex, ''), object);
			byAction.set(action, [...(byAction.get(action) ?? []), { itemIndex, id }]);
		} catch (error) {
			const nodeError = nodeErrorOf(this.getNode(), error, itemIndex);
			if (!keepGoing) throw nodeError;
			results[itemIndex] = [{ json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) } }];
		}
	}

	const done: number[] = [];
	for (const [action, pending] of byAction) {
		for (const batch of batchesOf(pending)) {
			let answered: ActionResult[];
			try {
				answered = await runRecordAction(vault, object, action, batch.map(({ id }) => id));
			} catch (error) {
				const nodeError = nodeErrorOf(this.getNode(), error, batch[0].itemIndex);
				if (!keepGoing) throw stopped(this, nodeError.message, nodeError.description ?? undefined, batch[0].itemIndex, done, items.length);
				for (const { itemIndex } of batch) results[itemIndex] = [{ json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) } }];
				continue;
			}
			let refused: { itemIndex: number; message: string } | undefined;
			for (const [at, result] of answered.entries()) {
				const { itemIndex, id } = batch[at];
				if (result.done) {
					done.push(itemIndex);
					results[itemIndex] = [{ json: { id, action } }];
					continue;
				}
				const message = `Vault refused the action on the record of item ${itemIndex} (${id}): ${result.errors.map(({ type, message: reason }) => `${type}: ${reason}`).join('; ')}`;
				refused ??= { itemIndex, message };
				results[itemIndex] = [{ json: { error: message, id, action, errors: result.errors as unknown as IDataObject[] } }];
			}
			if (refused && !keepGoing) throw stopped(this, refused.message, undefined, refused.itemIndex, done, items.length);
		}
	}
	return results.flatMap((output, itemIndex) => output.map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
}

/** The node's failure, saying on which records of the run the action already ran (that stays). */
function stopped(ctx: IExecuteFunctions, message: string, description: string | undefined, itemIndex: number, done: number[], itemCount: number): NodeOperationError {
	const already = done.length
		? `The action ran on ${done.length} of ${itemCount} records of this run before it stopped (items ${itemRanges(done)}); that is not undone. `
		: 'The action ran on no record of this run. ';
	const advice = 'Fix the item and run again for the records it did not run on, or turn on Continue on Fail to get one result per item.';
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `${description ? `${description} ` : ''}${already}${advice}` });
}
