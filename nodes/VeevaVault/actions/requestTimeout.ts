import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../rules/inputError';

/** The operation's "Timeout (Seconds)" option in milliseconds; undefined when not set, so each
 * request keeps its own default. */
export function requestTimeoutMs(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const seconds = ctx.getNodeParameter('options.timeout', itemIndex, 0) as unknown;
	if (seconds === 0 || seconds === undefined || seconds === null || seconds === '') return undefined;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new InvalidInputError(
			`Timeout (Seconds) must be a number above 0, not ${String(seconds)}`,
			'Leave it empty for the default, or enter how many seconds a request may wait with nothing arriving.',
		);
	}
	return Math.round(seconds * 1000);
}
