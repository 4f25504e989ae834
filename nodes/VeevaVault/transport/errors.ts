// The errors API requests raise, worded for the person who reads them in n8n.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { urlForMessages } from './core';
import type { RequestFailure } from './core';
import type { VaultEnvelope } from './envelope';
import { errorMessageOf, errorTypeOf } from './envelope';
import { hintFor } from './hints';

/** Vault processed the request and refused it (FAILURE) or failed (EXCEPTION). */
export function vaultError(
	node: INode,
	envelope: VaultEnvelope,
	method: string,
	url: string,
	itemIndex: number,
	hints: Record<string, string>,
): NodeApiError {
	return new NodeApiError(
		node,
		{ responseStatus: envelope.responseStatus, errors: (envelope.errors ?? []) as unknown as JsonObject[] } as JsonObject,
		{
			message: `Vault ${envelope.responseStatus === 'EXCEPTION' ? 'failed' : 'refused'} ${method} ${urlForMessages(url)}: ${errorMessageOf(envelope)}`,
			description: hintFor(errorTypeOf(envelope), hints),
			itemIndex,
		},
	);
}

/** No usable answer arrived (network, timeout, not an API response, a redirect refused, the sign-in failed). */
export function requestError(node: INode, failure: RequestFailure, itemIndex: number): NodeApiError {
	const { reason, request } = failure;
	const where = `${request.method} ${urlForMessages(request.url)}`;
	let message: string;
	let description: string | undefined;
	let httpCode: string | undefined;
	switch (reason.kind) {
		case 'signIn':
			message = reason.message;
			break;
		case 'redirect':
			({ message, description, httpCode } = reason);
			break;
		case 'unanswered':
			message = reason.notAnApiAnswer ? `${reason.problem} (${where})` : `${reason.timedOut ? 'Timed out' : 'Could not complete'} ${where}: ${reason.problem}`;
			// A wrong address is fixed in the credential; trying again later would not help.
			description = reason.fix ? `${reason.fix} Then run it again.` : transportAdvice(request.idempotent, failure.attempts, reason.timedOut, failure.elapsedMs);
			httpCode = reason.httpCode;
			break;
	}
	return new NodeApiError(node, { message } as JsonObject, { message, description, httpCode, itemIndex });
}

function transportAdvice(idempotent: boolean, attempts: number, timedOut: boolean, elapsedMs: number): string {
	const raise = timedOut ? ' If Vault is only slow (a slow link, a large file), raise "Timeout (Seconds)" under the node\'s Options.' : '';
	if (idempotent && attempts > 1) return `Tried ${attempts} times over ${Math.round(elapsedMs / 1000)} s. Vault or the network may be unavailable; try again later.${raise}`;
	if (!idempotent) return `This request changes data in Vault, so it was not sent again automatically. Check in Vault whether it took effect before re-running.${raise}`;
	return `Vault or the network may be unavailable; try again later.${raise}`;
}
