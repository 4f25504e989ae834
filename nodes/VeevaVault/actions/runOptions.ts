// Options every operation reads the same way; the router reads them, the transport never does.
import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../rules/inputError';

/** The operation's "Timeout (Seconds)" option in milliseconds; undefined when not set or 0 (its
 * default), so each request keeps its own default. */
export function requestTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const seconds = ctx.getNodeParameter('options.timeout', itemIndex, 0) as unknown;
	if (seconds === 0 || seconds === undefined || seconds === null || seconds === '') return undefined;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new InvalidInputError(
			`Timeout (Seconds) must be a number above 0, not ${String(seconds)}`,
			'Leave it at 0 for each request\'s own default, or enter how many seconds a request may wait with nothing arriving.',
		);
	}
	return Math.round(seconds * 1000);
}

/** Vault runs at most 10 File Staging requests at once. */
export const MAX_ITEMS_IN_PARALLEL = 10;
/** Measured (bench/README.md, dossier): at 50 ms from Vault, 10 moves about twice the files of 5. */
export const DEFAULT_ITEMS_IN_PARALLEL = 10;

/** The operation's "Items in Parallel" option, read once for the whole run (item 0). */
export function itemsInParallel(ctx: IExecuteFunctions): number {
	const value = ctx.getNodeParameter('options.itemsInParallel', 0, DEFAULT_ITEMS_IN_PARALLEL) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_ITEMS_IN_PARALLEL) {
		throw new InvalidInputError(
			`Items in Parallel must be a whole number from 1 to ${MAX_ITEMS_IN_PARALLEL}, not ${String(value)}`,
			`Vault runs at most ${MAX_ITEMS_IN_PARALLEL} File Staging requests at once. 1 handles the items one after another.`,
		);
	}
	return value;
}
