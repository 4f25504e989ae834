// Object record user actions: the ones a record's lifecycle state allows now, and running one on one
// record or on up to 500 records in one request (one result per record).
import { nodeErrorOf } from '../rules/inputError';
import type { VaultClient } from '../transport';
import { vaultApiRequest } from '../transport';
import type { VaultError } from '../transport/envelope';
import { ENDPOINTS } from './endpoints';
import { recordOf } from './models';

export interface RecordUserAction {
	/** Vault's full name, e.g. Objectlifecyclestateuseraction.product__v.draft_state__c.change_state_to_active_useraction__c. */
	name: string;
	label: string;
	/** e.g. state_change, workflow, object_action. */
	type: string;
}

/** One record's result: the action ran, or Vault refused it for this record. */
export type ActionResult = { done: true } | { done: false; errors: VaultError[] };

export async function recordUserActions(vault: VaultClient, object: string, id: string): Promise<RecordUserAction[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.objectRecordActions(object, id) });
	const actions = Array.isArray(envelope.data) ? (envelope.data as unknown[]) : [];
	return actions.map((answer) => {
		const { name, label, type } = recordOf<{ name?: unknown; label?: unknown; type?: unknown }>(answer);
		return { name: String(name ?? ''), label: String(label ?? name ?? ''), type: String(type ?? '') };
	});
}

/** Runs `action` on the records `ids` (at most 500): one record through Vault's single-record
 * endpoint, several through the bulk one. The results are in the order of `ids`. */
export async function runRecordAction(vault: VaultClient, object: string, action: string, ids: readonly string[]): Promise<ActionResult[]> {
	// Sent twice, an action would run twice (or fail the second time): never retried blindly.
	if (ids.length === 1) {
		const request = { method: 'POST' as const, path: ENDPOINTS.objectRecordAction(object, ids[0], action), form: {}, idempotent: false };
		const failure = await vaultApiRequest(vault, request).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure === undefined) return [{ done: true }];
		const refused = vaultRefusal(failure);
		if (!refused) throw nodeErrorOf(vault.ctx.getNode(), failure, vault.itemIndex);
		return [{ done: false, errors: refused }];
	}
	const envelope = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.objectRecordsAction(object, action), form: { ids: ids.join(',') }, idempotent: false });
	return pairedById(ids, Array.isArray(envelope.data) ? (envelope.data as unknown[]) : []);
}

/** Vault's errors when it answered the request with FAILURE or EXCEPTION (not a network problem). */
function vaultRefusal(error: unknown): VaultError[] | undefined {
	const response = (error as { errorResponse?: { responseStatus?: unknown; errors?: unknown } }).errorResponse;
	if (response?.responseStatus !== 'FAILURE' && response?.responseStatus !== 'EXCEPTION') return undefined;
	return Array.isArray(response.errors) && response.errors.length ? (response.errors as VaultError[]) : [{ type: String(response.responseStatus), message: 'Vault refused the action and gave no reason' }];
}

/** Each id's result: the answer at its position when that answer names it (or names no id), else
 * the next unused answer that names it. */
function pairedById(ids: readonly string[], answers: unknown[]): ActionResult[] {
	const results = answers.map((answer) => recordOf<{ id?: unknown; responseStatus?: unknown; errors?: VaultError[] }>(answer));
	const used = new Set<number>();
	return ids.map((id, position) => {
		const at = results[position] && (results[position].id === undefined || String(results[position].id) === id) && !used.has(position)
			? position
			: results.findIndex((result, index) => !used.has(index) && String(result.id) === id);
		if (at < 0) return { done: false, errors: [{ type: 'NO_RESULT', message: 'Vault answered no result for this record' }] };
		used.add(at);
		const { responseStatus, errors } = results[at];
		if (responseStatus === 'SUCCESS' || responseStatus === 'WARNING') return { done: true };
		return { done: false, errors: Array.isArray(errors) && errors.length ? errors : [{ type: String(responseStatus ?? 'FAILURE'), message: 'Vault refused the action on this record and gave no reason' }] };
	});
}
