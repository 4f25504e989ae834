// How a credential signs in to Vault. The transport asks the credential's sign-in method whether
// the stored session may be used and whether an ended one can be renewed; the credential's
// preAuthentication asks it to sign in. Another way of signing in is one more module here.
import type { IHttpRequestHelper } from 'n8n-workflow';

import type { VeevaVaultCredentials } from '../transport/connection';
import { LOGIN_FAILED, passwordSignIn } from './password';
import { tokenSignIn } from './token';

export interface SignInMethod {
	/** What n8n stores in the credential (the session and its fingerprint); empty when nothing is. */
	signIn(helper: IHttpRequestHelper, credentials: VeevaVaultCredentials): Promise<Partial<Pick<VeevaVaultCredentials, 'sessionToken' | 'sessionFingerprint'>>>;
	/** Whether the stored session was opened with values the credential no longer has. */
	storedSessionIsStale(credentials: VeevaVaultCredentials): boolean;
	/** Whether signing in again can cure a session Vault ended (INVALID_SESSION_ID). */
	renewable: boolean;
	/** Hints for Vault's error types that depend on this way of signing in. */
	hints: Record<string, string>;
}

const METHODS: Record<VeevaVaultCredentials['authMethod'], SignInMethod> = { password: passwordSignIn, token: tokenSignIn };

export function signInMethodOf(credentials: Pick<VeevaVaultCredentials, 'authMethod'>): SignInMethod {
	return METHODS[credentials.authMethod] ?? passwordSignIn;
}

/** The credentials with the stored session blanked: given to n8n's request helper, they make n8n
 * run preAuthentication (a new sign-in) and store its result. */
export function withoutStoredSession<T extends VeevaVaultCredentials>(credentials: T): T {
	return { ...credentials, sessionToken: '' };
}

/** The message of a failed sign-in anywhere in an error's cause chain (n8n wraps it), if any. */
export function signInFailureIn(error: unknown): string | null {
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.message === 'string' && current.message.includes(LOGIN_FAILED)) {
			return current.message.slice(current.message.indexOf(LOGIN_FAILED));
		}
		current = current.cause as typeof current;
	}
	return null;
}
