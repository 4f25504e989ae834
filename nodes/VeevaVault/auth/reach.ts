// What the sign-in methods share: a check that Vault takes a session or token (Vault's keep-alive),
// and the words for a sign-in step that could not reach Vault.
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, validApiVersion, vaultBaseUrl } from '../transport/connection';
import type { VeevaVaultCredentials } from '../transport/connection';
import { exchange } from '../transport/core';
import type { RequestFailure } from '../transport/core';
import type { VaultEnvelope } from '../transport/envelope';
import { secretsOf } from '../transport/secrets';
import { SIGN_IN_PATHS } from '../transport/signInPaths';

const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * Vault's answer to a keep-alive with `authorization` (a session or a token): SUCCESS while Vault
 * takes it. Throws an Error starting with `prefix` when no answer from Vault arrives.
 */
export async function keepAlive(
	helper: IHttpRequestHelper,
	credentials: VeevaVaultCredentials,
	authorization: string,
	prefix: string,
): Promise<VaultEnvelope> {
	const baseUrl = vaultBaseUrl(credentials.vaultDns);
	const answer = await exchange(async (options) => await helper.helpers.httpRequest(options), {
		method: 'POST',
		url: `${baseUrl}/api/${validApiVersion(credentials.apiVersion)}${SIGN_IN_PATHS.keepAlive}`,
		headers: { Accept: 'application/json', Authorization: authorization, 'X-VaultAPI-ClientID': clientIdOf(credentials) },
		timeoutMs: KEEP_ALIVE_TIMEOUT_MS,
		// One check, at once: it is sent where someone waits for it (the credential test).
		idempotent: false,
		retryRateLimit: false,
		// The session or token goes to the Vault DNS and nowhere else.
		origin: baseUrl,
		secrets: new Set([...secretsOf(credentials), authorization]),
	});
	if (answer.kind === 'failed') throw new Error(unreachedMessage(prefix, answer, baseUrl));
	return answer.kind === 'envelope' ? answer.envelope : { responseStatus: 'FAILURE' };
}

/** Why a sign-in step could not get Vault's answer, with what to check. */
export function unreachedMessage(prefix: string, failure: RequestFailure, baseUrl: string): string {
	const { reason } = failure;
	switch (reason.kind) {
		case 'redirect':
			return `${prefix}: ${reason.message}. ${reason.description}`;
		case 'unanswered':
			return reason.notAnApiAnswer
				? `${prefix}: ${reason.problem} from ${failure.request.url}. Check the Vault DNS and API version in the credential.`
				: `${prefix}: could not reach ${baseUrl}: ${reason.problem}. ${reason.fix ?? 'Check the Vault DNS in the credential.'}`;
		case 'signIn':
			return reason.message;
	}
}
