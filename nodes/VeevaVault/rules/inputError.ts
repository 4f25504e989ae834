// Bad input: a value the user gave that cannot be sent to Vault. The rules throw it; the router
// (and the trigger) turn it into n8n's error, with the item index, in one place.
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export class InvalidInputError extends Error {
	constructor(
		message: string,
		/** How to fix it, when the message does not already say. */
		readonly description?: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** Any error of an operation as n8n's error for that item; n8n's own errors pass unchanged. */
export function nodeErrorOf(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const description = error instanceof InvalidInputError ? error.description : undefined;
	return new NodeOperationError(node, error as Error, { itemIndex, ...(description ? { description } : {}) });
}

/** What `check` returns for one item of an operation that takes all items at once; its bad input
 * becomes n8n's error for that item (the router names the first item otherwise). */
export function checkedForItem<T>(node: INode, itemIndex: number, check: () => T): T {
	try {
		return check();
	} catch (error) {
		throw nodeErrorOf(node, error, itemIndex);
	}
}
