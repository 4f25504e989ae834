// The errors the transport raises, worded for the person who reads them in n8n.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { VaultEnvelope } from './envelope';
import { errorMessageOf, errorTypeOf } from './envelope';
import { hintFor } from './hints';
import type { VaultContext, VaultRequest } from './index';

/** Vault processed the request and refused it (FAILURE) or failed (EXCEPTION). */
export function vaultError(
	ctx: VaultContext,
	envelope: VaultEnvelope,
	request: VaultRequest,
	url: string,
	itemIndex: number,
	signInHints: Record<string, string>,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ responseStatus: envelope.responseStatus, errors: (envelope.errors ?? []) as unknown as JsonObject[] } as JsonObject,
		{
			message: `Vault ${envelope.responseStatus === 'EXCEPTION' ? 'failed' : 'refused'} ${request.method} ${pathForMessages(url)}: ${errorMessageOf(envelope)}`,
			description: hintFor(errorTypeOf(envelope), signInHints),
			itemIndex,
		},
	);
}

/** No usable answer arrived (network, timeout, not an API response). */
export function transportError(
	ctx: VaultContext,
	problem: { message: string; httpCode?: string; timedOut?: boolean },
	advice: { idempotent: boolean; attempts: number; elapsedMs: number },
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: problem.message } as JsonObject, {
		message: problem.message,
		description: transportAdvice(advice.idempotent, advice.attempts, problem.timedOut ?? false, advice.elapsedMs),
		httpCode: problem.httpCode,
		itemIndex,
	});
}

function transportAdvice(idempotent: boolean, attempts: number, timedOut: boolean, elapsedMs: number): string {
	const raise = timedOut ? ' If Vault is only slow (a slow link, a large file), raise "Timeout (Seconds)" under the node\'s Options.' : '';
	if (idempotent && attempts > 1) return `Tried ${attempts} times over ${Math.round(elapsedMs / 1000)} s. Vault or the network may be unavailable; try again later.${raise}`;
	if (!idempotent) return `This request changes data in Vault, so it was not sent again automatically. Check in Vault whether it took effect before re-running.${raise}`;
	return `Vault or the network may be unavailable; try again later.${raise}`;
}

/** n8n's client reports a stall before and after the answer's headers differently, depending on
 * the version; to the user both are the same: nothing arrived for that long. */
export function timeoutProblem(timeoutMs: number): string {
	return `nothing arrived from Vault for ${Math.round(timeoutMs / 1000)} s`;
}

/** The path of a URL without its query string (which can hold cursors, never secrets). */
export function pathForMessages(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url;
	}
}
