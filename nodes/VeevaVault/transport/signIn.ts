// What the transport needs to know of a credential's way of signing in, as a contract: the
// sign-in methods (../auth) fulfil it and are handed to the transport, which never imports them.
import type { VeevaVaultCredentials } from './connection';

/** Starts the message of every failed sign-in, so that the transport can tell it from a failing
 * API call however n8n wraps it. */
export const LOGIN_FAILED = 'Vault login failed';

export interface SessionRules {
	/** Whether the stored session was opened with values the credential no longer has. */
	storedSessionIsStale(credentials: VeevaVaultCredentials): boolean;
	/** Whether signing in again can cure a session Vault ended (INVALID_SESSION_ID). */
	renewable: boolean;
	/** Hints for Vault's error types that depend on this way of signing in. */
	hints: Record<string, string>;
	/** What every request carries as Authorization: the stored session, or the access token. */
	authorization(credentials: VeevaVaultCredentials): string;
}

/** The session rules of a credential's sign-in method. */
export type SessionRulesOf = (credentials: VeevaVaultCredentials) => SessionRules;

/**
 * n8n runs the credential's preAuthentication before a request when the credential's expirable
 * field (signInTrigger) is empty, stores what it returns, and copies it into the credentials it was
 * given. The field is stored empty on purpose, so that n8n's credential test always runs it (and a
 * test that cannot reach Vault fails in the node's words); the node's own requests carry it filled
 * unless they mean n8n to sign in.
 */
export const SESSION_IN_HAND = 'reuse';

/** The credentials as a request that brings its own session (or token) hands them to n8n. */
export function withSessionInHand<T extends VeevaVaultCredentials>(credentials: T): T {
	return { ...credentials, signInTrigger: SESSION_IN_HAND };
}

/** The credentials with the stored session blanked: given to n8n's request helper, they make n8n
 * run preAuthentication (a new sign-in) and store its result. */
export function withoutStoredSession<T extends VeevaVaultCredentials>(credentials: T): T {
	return { ...credentials, sessionToken: '', signInTrigger: '' };
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
