// The public keys Spark messages are checked with, fetched from Vault once per certificate ID and
// kept in memory for this n8n process. Vault rolls certificates over under a new ID, which is
// fetched when a message first names it; a known ID is never fetched again, so a message that
// fails with its key is refused (an attacker cannot make the node call Vault for a known ID), and
// IDs not known yet are fetched at most a few times a minute per Vault (nor for made-up IDs).
import type { KeyObject } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { signingCertificate } from '../VeevaVault/api/certificates';
import { signingKeyOf } from '../VeevaVault/rules/sparkSignature';
import { vaultCredentials } from '../VeevaVault/transport';
import { vaultClient } from '../VeevaVault/vaultClient';

/** By Vault (its DNS) and certificate ID: two Vaults may both have a certificate 00001. */
const keys = new Map<string, Promise<KeyObject | undefined>>();
const KEYS_KEPT = 50;
/** A rollover needs one fetch; a stream of forged messages naming made-up IDs gets no more than these. */
export const NEW_CERTIFICATE_FETCHES_PER_MINUTE = 6;
/** By Vault: when the certificates not known yet were fetched, in the last minute. */
const newCertificateFetches = new Map<string, number[]>();

/** The key of the certificate `certificateId` of the credential's Vault; undefined when Vault has no such certificate. */
export async function signingKey(ctx: IWebhookFunctions, certificateId: string): Promise<KeyObject | undefined> {
	const vault = vaultClient(ctx, 0);
	const { vaultDns } = await vaultCredentials(vault);
	const cacheKey = `${vaultDns}\n${certificateId}`;
	let key = keys.get(cacheKey);
	if (!key) {
		takeNewCertificateFetch(vaultDns);
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

function takeNewCertificateFetch(vaultDns: string): void {
	const now = Date.now();
	const recent = (newCertificateFetches.get(vaultDns) ?? []).filter((time) => now - time < 60_000);
	if (recent.length >= NEW_CERTIFICATE_FETCHES_PER_MINUTE) {
		throw new Error(
			`${recent.length} messages in the last minute named certificates this n8n process does not know yet, and it fetches at most ${NEW_CERTIFICATE_FETCHES_PER_MINUTE} a minute, so that forged messages cannot make it call Vault at will. Vault sends the message again later.`,
		);
	}
	recent.push(now);
	newCertificateFetches.set(vaultDns, recent);
}
