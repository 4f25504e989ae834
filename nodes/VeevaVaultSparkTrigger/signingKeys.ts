// The public keys Spark messages are checked with, fetched from Vault once per certificate ID and
// kept in memory for this n8n process. Vault rolls certificates over under a new ID, which is
// fetched when a message first names it; a known ID is never fetched again, so a message that
// fails with its key is refused (an attacker cannot make the node call Vault for a known ID).
import type { KeyObject } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { signingCertificate } from '../VeevaVault/api/certificates';
import { signingKeyOf } from '../VeevaVault/rules/sparkSignature';
import { vaultCredentials } from '../VeevaVault/transport';
import { vaultClient } from '../VeevaVault/vaultClient';

/** By Vault (its DNS) and certificate ID: two Vaults may both have a certificate 00001. */
const keys = new Map<string, Promise<KeyObject | undefined>>();
const KEYS_KEPT = 50;

/** The key of the certificate `certificateId` of the credential's Vault; undefined when Vault has no such certificate. */
export async function signingKey(ctx: IWebhookFunctions, certificateId: string): Promise<KeyObject | undefined> {
	const vault = vaultClient(ctx, 0);
	const cacheKey = `${(await vaultCredentials(vault)).vaultDns}\n${certificateId}`;
	let key = keys.get(cacheKey);
	if (!key) {
		// Messages that arrive together with a new ID share one fetch.
		key = signingCertificate(vault, certificateId).then((pem) => (pem === undefined ? undefined : signingKeyOf(pem)));
		keys.set(cacheKey, key);
		if (keys.size > KEYS_KEPT) keys.delete(keys.keys().next().value!);
		// An unknown ID is not kept (Vault may create it at its next rollover), nor a failed fetch.
		const forget = () => keys.get(cacheKey) === key && keys.delete(cacheKey);
		key.then((found) => found ?? forget(), forget);
	}
	return await key;
}

/** Forgets every key (for tests of the first fetch). */
export function forgetSigningKeys(): void {
	keys.clear();
}
