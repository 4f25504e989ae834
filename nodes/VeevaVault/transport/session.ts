// The credential's session as one request uses it: reused, or renewed when there is none, when it
// belongs to other credential values, or when Vault ended it; one sign-in at a time per session.
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { vaultCredentials } from './client';
import type { StoredCredentials, VaultClient } from './client';
import { CREDENTIAL_TYPE, clientIdOf, vaultBaseUrl } from './connection';
import type { Send } from './core';
import { takeRequestSlot } from './pacing';
import { secretsOf } from './secrets';
import { signInFailureIn, withSessionInHand, withoutStoredSession } from './signIn';
import type { SessionRules } from './signIn';

/**
 * Sign-ins under way or just done in this process, by credential and the session they replace.
 * Requests that find the same session missing or ended wait for that one sign-in and then use its
 * session: Vault limits logins per user and minute, and ten at once can lock the user out.
 */
const signIns = new Map<string, Promise<void>>();
const SIGN_INS_REMEMBERED = 100;

/**
 * The credential as one request uses it. A fresh session is asked for when there is none, when
 * the stored one belongs to other credential values, and when Vault says it ended: n8n is then
 * handed the credential without its session, which makes it sign in (preAuthentication) and store
 * the new session; or the request waits for such a sign-in already under way.
 *
 * The credential type has no `authenticate` (n8n would offer it to its HTTP Request node and a
 * "Custom API Call", which know nothing of Vault's sessions): every request carries the session or
 * token and the Client ID itself, so it never goes out without the session it is meant to carry.
 */
export class SessionInUse {
	readonly rules: SessionRules;
	/** Every secret the request has carried, so that one echoed after a renewal is caught too. */
	readonly secrets: Set<string>;
	private renew: boolean;

	constructor(
		private readonly vault: VaultClient,
		public credentials: StoredCredentials,
	) {
		this.rules = vault.sessionRulesOf(credentials);
		this.secrets = new Set(secretsOf(credentials));
		this.renew = this.rules.storedSessionIsStale(credentials) || (this.rules.renewable && !credentials.sessionToken);
	}

	renewAtNextSend(): void {
		this.renew = true;
	}

	readonly send: Send = async (options) => {
		if (this.renew) {
			this.renew = false;
			await this.signIn();
		}
		const data = withSessionInHand(this.credentials);
		const headers = { ...options.headers, Authorization: this.rules.authorization(data), 'X-VaultAPI-ClientID': clientIdOf(data) };
		return await this.sendAs(data, { ...options, headers });
	};

	/** A new session, from this request's sign-in or from one under way for the same session. */
	private async signIn(): Promise<void> {
		const key = signInKey(this.vault, this.credentials);
		for (let underWay = signIns.get(key); underWay; ) {
			const missing = this.credentials.sessionToken;
			await underWay;
			await this.reload();
			// Its session, unless it stored none this request can see: then a sign-in of its own,
			// or the one another request waiting for the same started meanwhile.
			if (this.credentials.sessionToken !== missing) return;
			const next = signIns.get(key);
			underWay = next === underWay ? undefined : next;
		}
		const signingIn = this.signInWith(withoutStoredSession(this.credentials));
		remember(key, signingIn);
		try {
			await signingIn;
		} finally {
			// The sign-in has happened by now (or failed); n8n stored its session.
			await this.reload();
		}
	}

	/**
	 * n8n signs in (preAuthentication) inside its request helper, before the request it was given,
	 * which it then sends as it was built: without the new session. So the sign-in rides on a small
	 * request of its own, Vault's list of API versions, whose answer is not needed; the real
	 * request follows with the new session.
	 */
	private async signInWith(data: StoredCredentials): Promise<void> {
		try {
			await this.sendAs(data, {
				method: 'GET',
				url: `${vaultBaseUrl(data.vaultDns)}/api/`,
				headers: { Accept: 'application/json', 'X-VaultAPI-ClientID': clientIdOf(data) },
				json: false,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: SIGN_IN_TIMEOUT_MS,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
			});
		} catch (error) {
			// n8n copied the new session into `data` before it sent the request: once there is one,
			// what became of the request does not matter.
			// n8n's request helper throws NodeApiErrors (a failed sign-in among them); the core reads
			// what went wrong from them.
			if (signInFailureIn(error) || !data.sessionToken) throw error instanceof NodeApiError ? error : new NodeApiError(this.vault.ctx.getNode(), error as JsonObject);
		}
	}

	private async sendAs(data: StoredCredentials, options: IHttpRequestOptions): Promise<unknown> {
		// The URL was built from the same Vault DNS, which resolveUrl has checked.
		const giveBack = await takeRequestSlot(vaultBaseUrl(data.vaultDns));
		try {
			return await this.vault.ctx.helpers.httpRequestWithAuthentication.call(this.vault.ctx, CREDENTIAL_TYPE, options, {
				// Passing the credentials spares n8n reading and decrypting them again.
				credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: data as ICredentialDataDecryptedObject },
			});
		} finally {
			giveBack();
		}
	}

	private async reload(): Promise<void> {
		this.credentials = await vaultCredentials(this.vault, { reload: true });
		for (const secret of secretsOf(this.credentials)) this.secrets.add(secret);
	}
}

/** How long the request that carries a sign-in may wait (the sign-in has its own timeout). */
const SIGN_IN_TIMEOUT_MS = 10_000;

function signInKey(vault: VaultClient, credentials: StoredCredentials): string {
	const credentialId = vault.ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? `${credentials.vaultDns} ${credentials.username ?? ''}`;
	return `${credentialId}\n${credentials.sessionToken ?? ''}`;
}

/** Remembers a sign-in for those who find the same session missing. */
function remember(key: string, request: Promise<unknown>): void {
	// Only a failed sign-in fails those who wait, and it is not remembered, so that the next request
	// (after the credential is fixed) tries again.
	const signIn = request.then(
		() => undefined,
		(error: unknown) => {
			signIns.delete(key);
			throw error;
		},
	);
	// Nobody may be waiting yet; a failure is theirs to see, not an unhandled rejection.
	signIn.catch(() => undefined);
	signIns.set(key, signIn);
	if (signIns.size > SIGN_INS_REMEMBERED) signIns.delete(signIns.keys().next().value!);
}
