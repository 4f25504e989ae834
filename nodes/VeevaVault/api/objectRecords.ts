// Object records: one by ID, and Vault's bulk endpoints that create, upsert, update or delete up to
// 500 records in one request and answer one result per record, in input order.
import { vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import type { VaultError } from '../transport/envelope';
import type { RecordAction, RecordValue } from '../rules/objectRecords';
import { ENDPOINTS } from './endpoints';
import { recordOf } from './models';
import type { VaultRecord } from './models';

/** One record's result: written (its ID) or refused (Vault's errors). */
export type RecordResult = { written: true; id: string; url?: string } | { written: false; errors: VaultError[] };

export interface RecordWrite {
	object: string;
	action: RecordAction;
	/** The unique field that finds each record (upsert, and update or delete by other than id). */
	idParam?: string;
	records: ReadonlyArray<Record<string, RecordValue>>;
	migrationMode?: boolean;
	noTriggers?: boolean;
}

export async function getObjectRecord(vault: VaultClient, object: string, id: string): Promise<VaultRecord> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.objectRecord(object, id) });
	return recordOf<VaultRecord>(envelope.data);
}

const METHOD_OF = { create: 'POST', upsert: 'POST', update: 'PUT', delete: 'DELETE' } as const;

/** One request of at most 500 records; the results in the records' order. */
export async function writeObjectRecords(vault: VaultClient, write: RecordWrite): Promise<RecordResult[]> {
	const idParam = write.action === 'create' || (write.idParam === 'id' && write.action !== 'upsert') ? undefined : write.idParam;
	const envelope = await vaultApiRequest(vault, {
		method: METHOD_OF[write.action],
		path: ENDPOINTS.objectRecords(write.object),
		...(idParam ? { qs: { idParam } } : {}),
		body: JSON.stringify(write.records),
		headers: {
			'Content-Type': 'application/json',
			...(write.migrationMode ? { 'X-VaultAPI-MigrationMode': 'true' } : {}),
			...(write.noTriggers ? { 'X-VaultAPI-NoTriggers': 'true' } : {}),
		},
		// Sent twice, a create would make the records twice: never retried blindly.
		idempotent: false,
	});
	const answered = Array.isArray(envelope.data) ? (envelope.data as unknown[]) : [];
	return write.records.map((_, index) => resultOf(answered[index]));
}

function resultOf(answer: unknown): RecordResult {
	const result = recordOf<{ responseStatus?: string; data?: { id?: unknown; url?: unknown }; errors?: VaultError[] }>(answer);
	if (result.responseStatus === 'SUCCESS' || result.responseStatus === 'WARNING') {
		const id = result.data?.id;
		if (id !== undefined && id !== null) return { written: true, id: String(id), ...(typeof result.data?.url === 'string' ? { url: result.data.url } : {}) };
	}
	if (answer === undefined) return { written: false, errors: [{ type: 'NO_RESULT', message: 'Vault answered no result for this record' }] };
	const errors = Array.isArray(result.errors) && result.errors.length ? result.errors : [{ type: String(result.responseStatus ?? 'FAILURE'), message: 'Vault refused this record and gave no reason' }];
	return { written: false, errors };
}
