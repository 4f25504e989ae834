// VQL, Vault's query language: POST /query with the query in the form field q. Vault answers up
// to a page of records (1,000 unless the query says PAGESIZE) and links the next page.
import { vaultApiRequestAllItems } from '../transport';
import type { VaultClient } from '../transport';
import { ENDPOINTS } from './endpoints';
import type { VaultRecord } from './models';

/** The records the query selects, every page of them, or the first `limit`. */
export async function runQuery(vault: VaultClient, vql: string, limit?: number): Promise<VaultRecord[]> {
	const records = await vaultApiRequestAllItems(
		vault,
		// A query reads and changes nothing: sending it again after a lost answer is harmless.
		{ method: 'POST', path: ENDPOINTS.query, form: { q: vql }, idempotent: true },
		limit,
	);
	return records as VaultRecord[];
}
