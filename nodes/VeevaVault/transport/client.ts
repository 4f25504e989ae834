// What API requests are made with (the VaultClient), and the credential as the transport reads
// it for them.
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './connection';
import type { VeevaVaultCredentials } from './connection';
import type { SessionRulesOf } from './signIn';

export type VaultContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** What API requests are made with: the node's context and the item they are for, the user's
 * timeout, and the session rules of the credential's sign-in method. */
export interface VaultClient {
	ctx: VaultContext;
	itemIndex: number;
	/** How long any request may wait with nothing arriving; wins over each request's own default. */
	timeoutMs?: number;
	/** What to do about Vault's error types, in the words of the operation's fields. */
	hints?: Record<string, string>;
	sessionRulesOf: SessionRulesOf;
}

export type StoredCredentials = VeevaVaultCredentials & IDataObject;

/** Credentials per node execution and item: n8n reads and decrypts them from its database on
 * every getCredentials, which costs more than a small request. */
const credentialsByExecution = new WeakMap<object, Map<number, Promise<StoredCredentials>>>();

/** The credential as the transport uses it, read once per execution and item. Operations that
 * need a credential value (e.g. the API version) read it here too. */
export async function vaultCredentials(vault: Pick<VaultClient, 'ctx' | 'itemIndex'>, { reload = false } = {}): Promise<StoredCredentials> {
	const { ctx, itemIndex } = vault;
	let byItem = credentialsByExecution.get(ctx);
	if (!byItem) {
		byItem = new Map();
		credentialsByExecution.set(ctx, byItem);
	}
	// After a new login every item must see the new session.
	if (reload) byItem.clear();
	let credentials = byItem.get(itemIndex);
	if (!credentials) {
		credentials = ctx.getCredentials<StoredCredentials>(CREDENTIAL_TYPE, itemIndex);
		byItem.set(itemIndex, credentials);
		credentials.catch(() => byItem.delete(itemIndex));
	}
	return await credentials;
}
