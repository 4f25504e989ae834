// Spark messages: Vault's signing certificates (Retrieve Signing Certificate; the certificates and
// their rollover are sparkSigner.ts's) and a sender that POSTs a signed message to a URL the
// way Vault delivers a Spark message to an external connection.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { VaultFailure, burstHeaders } from './http.ts';
import type { Route } from './http.ts';
import type { SimState } from './state.ts';

export const sparkRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/services\/certificate\/([^/]+)$/,
		name: 'signingCertificate',
		// Veeva's v26.1 reference: this endpoint "does not require an Authorization HTTP request header".
		public: true,
		handler: async (state, ctx, [certId]) => {
			const certificate = state.spark.find(certId);
			if (!certificate) throw new VaultFailure('INVALID_DATA', `Invalid certificate ID [${certId}]`);
			const { headers } = burstHeaders(state, ctx);
			ctx.record.responseStatus = 'SUCCESS';
			ctx.res.writeHead(200, { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Length': Buffer.byteLength(certificate.pem), ...headers });
			ctx.res.end(certificate.pem);
		},
	},
];

/** How a test message is spoiled after it is signed. */
export type SparkTamper = 'body' | 'header' | 'url' | 'signature';

export interface SparkSendOptions {
	/** Where the external connection points: the message is POSTed here, and this is the signed URL. */
	url: string;
	message?: { items?: unknown[]; attributes?: Record<string, unknown> };
	queueName?: string;
	/** After signing, change the body (true means 'body'), a signed header, the URL header or the signature. */
	tamper?: boolean | SparkTamper;
	/** No X-VaultAPISignature-* headers and no signature at all. */
	unsigned?: boolean;
	/** The certificate ID the message names (default: the current one). One the Vault has signs with
	 * its key; an unknown one is named while the current key signs. */
	certId?: string;
	/** Signed with a key the Vault never published, naming the current certificate. */
	wrongKey?: boolean;
}

export interface SparkSendResult {
	/** The receiver's answer. */
	status: number;
	body: string;
	/** What was sent. */
	headers: Record<string, string>;
	sentBody: string;
	messageId: string;
	certificateId: string | null;
}

/** The signed headers, names lower-cased and sorted, each `name:trimmed value\n`, then the body, `\n` and the URL. */
export function sparkStringToSign(headers: Record<string, string>, body: Buffer, url: string): Buffer {
	const signed = Object.entries(headers)
		.map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
		.filter(([name]) => name.startsWith('x-vaultapisignature-'))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return Buffer.concat([Buffer.from(signed.map(([name, value]) => `${name}:${value}\n`).join(''), 'utf8'), body, Buffer.from(`\n${url}`, 'utf8')]);
}

let strangerKey: KeyObject | undefined;

/** POSTs a Spark message to `options.url` as Vault sends it, and answers what the receiver said. */
export async function sendSparkMessage(state: SimState, vaultHost: string, options: SparkSendOptions): Promise<SparkSendResult> {
	const now = state.now();
	const messageId = randomUUID();
	const message = { attributes: options.message?.attributes ?? {}, items: options.message?.items ?? [] };
	const vault = state.vaults[0];
	const payload = {
		vault_name: vault?.name ?? 'Vault Simulator',
		vault_host_name: vaultHost,
		queue_name: options.queueName ?? 'spark_outbound_queue__c',
		enter_queue_timestamp: new Date(now - 2000).toISOString(),
		send_message_timestamp: new Date(now).toISOString(),
		send_attempt: 1,
		message_id: messageId,
		message,
	};
	// Pretty-printed, as in Veeva's example: a receiver that re-serializes the JSON cannot verify it.
	let body = Buffer.from(JSON.stringify(payload, null, 2), 'utf8');
	const named = options.certId ? state.spark.find(options.certId) : state.spark.current;
	const certificateId = options.certId ?? state.spark.current.id;
	const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Veeva Vault Spark Message Agent' };
	if (!options.unsigned) {
		Object.assign(headers, {
			'X-VaultAPISignature-CertificateId': certificateId,
			'X-VaultAPISignature-ExecutionId': randomUUID(),
			'X-VaultAPISignature-RequestId': randomUUID().replace(/-/g, ''),
			'X-VaultAPISignature-RequestDateTime': new Date(now).toISOString(),
			'X-VaultAPISignature-RequestNotBefore': new Date(now - 60_000).toISOString(),
			'X-VaultAPISignature-RequestNotAfter': new Date(now + 5 * 60_000).toISOString(),
			'X-VaultAPISignature-RequestType': 'spark_message',
			'X-VaultAPISignature-URL': options.url,
			'X-VaultAPISignature-VaultId': String(vault?.id ?? 1000),
		});
		if (options.wrongKey) strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const key = options.wrongKey ? strangerKey! : (named ?? state.spark.current).privateKey;
		headers['X-VaultAPI-SignatureV2'] = sign('sha256', sparkStringToSign(headers, body, options.url), key).toString('base64');
	}
	const tamper = options.tamper === true ? 'body' : options.tamper;
	if (tamper === 'body') body = Buffer.from(body.toString('utf8').replace(/"items": \[/, '"items": [\n    "00P000000000999",'), 'utf8');
	if (tamper === 'header') headers['X-VaultAPISignature-RequestNotAfter'] = new Date(now + 24 * 3600_000).toISOString();
	if (tamper === 'url') headers['X-VaultAPISignature-URL'] = `${options.url}?tampered=1`;
	if (tamper === 'signature') headers['X-VaultAPI-SignatureV2'] = Buffer.from(headers['X-VaultAPI-SignatureV2'] ?? '', 'base64').reverse().toString('base64');

	const response = await fetch(options.url, { method: 'POST', headers, body });
	return { status: response.status, body: await response.text(), headers, sentBody: body.toString('utf8'), messageId, certificateId: options.unsigned ? null : certificateId };
}
