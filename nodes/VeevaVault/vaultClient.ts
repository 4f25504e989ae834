// What the node's operations, its pickers and the trigger talk to Vault with. Here the
// credential's sign-in method is handed to the transport, which never imports it.
import { signInMethodOf } from './auth';
import type { VaultClient, VaultContext } from './transport';

export type { VaultClient };

export function vaultClient(ctx: VaultContext, itemIndex: number, { timeoutMs, hints }: Pick<VaultClient, 'timeoutMs' | 'hints'> = {}): VaultClient {
	return { ctx, itemIndex, timeoutMs, hints, sessionRulesOf: signInMethodOf };
}
