import type { IHttpRequestHelper } from 'n8n-workflow';

import type { VeevaVaultCredentials } from '../transport/connection';
import type { SessionRules } from '../transport/signIn';

/** A way of signing in to Vault: the credential's preAuthentication calls signIn; the transport
 * is handed the session rules. Another way of signing in is one more module beside this one. */
export interface SignInMethod extends SessionRules {
	/** What n8n stores in the credential (the session and its fingerprint, and what else the method
	 * keeps, e.g. an identity provider's token); empty when nothing is. */
	signIn(helper: IHttpRequestHelper, credentials: VeevaVaultCredentials): Promise<Partial<VeevaVaultCredentials>>;
}
