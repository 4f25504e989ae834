// Create, Update, Create or Update and Delete: all input items at once, up to 500 records per
// request, each record's result paired back to its item. What becomes of a refused record is in the
// README ("Object Record"): with Continue on Fail an error item; without, the node fails after the
// request that refused it, naming the records already written.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { objectRecordColumns } from '../../api/metadata';
import { writeObjectRecords } from '../../api/objectRecords';
import type { RecordResult } from '../../api/objectRecords';
import { InvalidInputError, nodeErrorOf } from '../../rules/inputError';
import { batchesOf, itemRanges, recordOf } from '../../rules/objectRecords';
import type { RecordAction, RecordValue } from '../../rules/objectRecords';
import type { VaultClient } from '../../vaultClient';
import { objectOf } from './fields';

interface Pending {
	itemIndex: number;
	record: Record<string, RecordValue>;
}

const KEY_OF: Record<RecordAction, string | undefined> = { create: undefined, update: 'id', upsert: 'external_id__v', delete: 'id' };

export async function writeRecords(ctx: IExecuteFunctions, vault: VaultClient, action: RecordAction): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [];
	const keepGoing = ctx.continueOnFail() || ctx.getNode().type.endsWith('Tool');
	const object = objectOf(ctx);
	const keyField = KEY_OF[action] === undefined ? undefined : String(ctx.getNodeParameter('keyField', 0, KEY_OF[action]) ?? '').trim();
	if (keyField === '') throw new InvalidInputError('No Key Field is chosen', 'Choose the unique field that finds each record, e.g. id or external_id__v.');
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const mappingMode = action === 'delete' ? undefined : (ctx.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as string);
	const columns = new Map((await objectRecordColumns(vault, object, action === 'delete' ? 'update' : action)).map((column) => [column.name, column]));

	// Every item's record is checked before anything is sent.
	const results: INodeExecutionData[][] = [];
	const pending: Pending[] = [];
	const ignored = new Set<string>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const values = valuesOf(ctx, items, itemIndex, mappingMode, keyField, columns, ignored);
			pending.push({ itemIndex, record: recordOf(values, columns, { action, keyField, object }) });
		} catch (error) {
			const nodeError = nodeErrorOf(ctx.getNode(), error, itemIndex);
			if (!keepGoing) throw nodeError;
			results[itemIndex] = [errorItem(nodeError.message, nodeError.description ?? undefined)];
		}
	}
	if (ignored.size > 0 && typeof ctx.addExecutionHints === 'function') {
		ctx.addExecutionHints({ message: `Not sent to Vault (not fields of ${object}): ${[...ignored].slice(0, 20).join(', ')}`, type: 'info', location: 'outputPane' });
	}

	const written: number[] = [];
	for (const batch of batchesOf(pending)) {
		let answered: RecordResult[];
		try {
			answered = await writeObjectRecords(vault, {
				object,
				action,
				idParam: keyField,
				records: batch.map(({ record }) => record),
				migrationMode: options.recordMigrationMode === true,
				noTriggers: options.noTriggers === true,
			});
		} catch (error) {
			const nodeError = nodeErrorOf(ctx.getNode(), error, batch[0].itemIndex);
			if (!keepGoing) throw withWritten(ctx, nodeError.message, nodeError.description ?? undefined, batch[0].itemIndex, written, items.length);
			for (const { itemIndex } of batch) results[itemIndex] = [errorItem(nodeError.message, nodeError.description ?? undefined)];
			continue;
		}
		let refused: { itemIndex: number; message: string } | undefined;
		for (const [at, result] of answered.entries()) {
			const { itemIndex, record } = batch[at];
			if (result.written) {
				written.push(itemIndex);
				results[itemIndex] = [{ json: action === 'delete' ? { deleted: true, id: result.id } : { ...record, id: result.id, ...(result.url ? { url: result.url } : {}) } }];
				continue;
			}
			const message = `Vault refused the record of item ${itemIndex}: ${result.errors.map(({ type, message: reason }) => `${type}: ${reason}`).join('; ')}`;
			refused ??= { itemIndex, message };
			results[itemIndex] = [{ json: { ...record, error: message, errors: result.errors as unknown as IDataObject[] } }];
		}
		if (refused && !keepGoing) throw withWritten(ctx, refused.message, undefined, refused.itemIndex, written, items.length);
	}
	return results.flatMap((output, itemIndex) => output.map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
}

function errorItem(message: string, description?: string): INodeExecutionData {
	return { json: { error: message, ...(description ? { description } : {}) } };
}

/** The node's failure, saying which records of the run Vault has already written (they stay). */
function withWritten(ctx: IExecuteFunctions, message: string, description: string | undefined, itemIndex: number, written: number[], itemCount: number): NodeOperationError {
	const done = written.length
		? `${written.length} of ${itemCount} records of this run were written before it stopped and stay in Vault (items ${itemRanges(written)}). `
		: 'No record of this run was written. ';
	const advice = 'Fix the item and run again (with Create or Update by a unique field, records already written are updated, not duplicated), or turn on Continue on Fail to get one result per item.';
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `${description ? `${description} ` : ''}${done}${advice}` });
}

/** The item's mapped values: the columns (or, mapped automatically, the item's fields named like
 * the object's), or for Delete only the Key Field's value. */
function valuesOf(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	itemIndex: number,
	mappingMode: string | undefined,
	keyField: string | undefined,
	columns: ReadonlyMap<string, unknown>,
	ignored: Set<string>,
): Record<string, unknown> {
	// Delete sends only the Key Field's value; the others map their columns (read once, not per item).
	if (mappingMode === undefined) return { [keyField!]: ctx.getNodeParameter('keyValue', itemIndex, '') };
	if (mappingMode !== 'autoMapInputData') {
		// skipValidation: n8n would check each value against the column types the editor stored and
		// fail the whole node for one value Vault refuses; Vault checks each record instead.
		return (ctx.getNodeParameter('columns.value', itemIndex, {}, { skipValidation: true }) ?? {}) as Record<string, unknown>;
	}
	const values: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(items[itemIndex].json)) {
		if (columns.has(name)) values[name] = value;
		else ignored.add(name);
	}
	return values;
}
