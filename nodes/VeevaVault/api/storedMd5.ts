import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { VaultClient } from '../transport';

/** Fails when the MD5 Vault reports for what it stored is not the MD5 of what was sent. */
export function checkStoredMd5(
	vault: VaultClient,
	stored: { md5: unknown; record: object },
	sent: { what: string; kind: 'file' | 'part'; md5: string; description?: string },
): void {
	if (!stored.md5 || String(stored.md5).toLowerCase() === sent.md5) return;
	throw new NodeApiError(vault.ctx.getNode(), stored.record as JsonObject, {
		message: `Vault stored ${sent.what} with MD5 ${String(stored.md5)}, but the ${sent.kind} sent has MD5 ${sent.md5}`,
		description: sent.description,
		itemIndex: vault.itemIndex,
	});
}
