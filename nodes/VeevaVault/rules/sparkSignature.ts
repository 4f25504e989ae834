// Spark message verification, as Veeva's "Message Signing & Verification" page describes it: the
// signed headers, the string to verify, and the SHA256withRSA check with the public key of the
// certificate Vault names. Pure: the certificate is fetched (and cached) by the trigger.
import { createPublicKey, verify } from 'crypto';
import type { KeyObject } from 'crypto';

export type HeaderValues = Record<string, string | string[] | number | undefined>;

export interface SignedSparkMessage {
	/** From X-VaultAPISignature-CertificateId: the certificate whose key signed the message. */
	certificateId: string;
	/** The decoded X-VaultAPI-SignatureV2. */
	signature: Buffer;
	stringToVerify: Buffer;
}

export type SparkSignatureReading = { kind: 'signed'; message: SignedSparkMessage } | { kind: 'refused'; reason: string };

const SIGNED_HEADER_PREFIX = 'x-vaultapisignature-';
const SIGNATURE_HEADER = 'x-vaultapi-signaturev2';
const CERTIFICATE_ID_HEADER = 'x-vaultapisignature-certificateid';
const URL_HEADER = 'x-vaultapisignature-url';
/** Vault's certificate IDs are short (00001); anything else is not fetched. */
const CERTIFICATE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Header names lower-cased (hosts may change their case), values as text; a header sent twice is joined as HTTP does. */
function headersByName(headers: HeaderValues): Map<string, string> {
	const byName = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : String(value);
		const key = name.toLowerCase();
		byName.set(key, byName.has(key) ? `${byName.get(key)}, ${text}` : text);
	}
	return byName;
}

/**
 * Every X-VaultAPISignature-* header as `lower-cased name:trimmed value\n`, sorted by name, then the
 * raw body as it arrived, a newline, and the X-VaultAPISignature-URL value.
 */
export function sparkStringToVerify(headers: HeaderValues, rawBody: Buffer): Buffer {
	const byName = headersByName(headers);
	const signed = [...byName.keys()].filter((name) => name.startsWith(SIGNED_HEADER_PREFIX)).sort();
	const lines = signed.map((name) => `${name}:${byName.get(name)!.trim()}\n`).join('');
	return Buffer.concat([Buffer.from(lines, 'utf8'), rawBody, Buffer.from(`\n${(byName.get(URL_HEADER) ?? '').trim()}`, 'utf8')]);
}

/** What a request says about its signature, or why it cannot be a signed Spark message. */
export function readSparkSignature(headers: HeaderValues, rawBody: Buffer): SparkSignatureReading {
	const byName = headersByName(headers);
	const refused = (reason: string): SparkSignatureReading => ({ kind: 'refused', reason });
	const signature = (byName.get(SIGNATURE_HEADER) ?? '').replace(/\s+/g, '');
	if (!signature) return refused('it is not signed: it has no X-VaultAPI-SignatureV2 header');
	if (!BASE64.test(signature)) return refused('its X-VaultAPI-SignatureV2 header is not base64');
	const certificateId = (byName.get(CERTIFICATE_ID_HEADER) ?? '').trim();
	if (!certificateId) return refused('it names no certificate: it has no X-VaultAPISignature-CertificateId header');
	if (!CERTIFICATE_ID.test(certificateId)) return refused('its X-VaultAPISignature-CertificateId header is not a certificate ID');
	if (!(byName.get(URL_HEADER) ?? '').trim()) return refused('it has no X-VaultAPISignature-URL header');
	return { kind: 'signed', message: { certificateId, signature: Buffer.from(signature, 'base64'), stringToVerify: sparkStringToVerify(headers, rawBody) } };
}

/** The public key of the certificate (PEM) Vault answers; a PEM public key is taken too. */
export function signingKeyOf(pem: string): KeyObject {
	return createPublicKey(pem);
}

/** Whether the message was signed (SHA256withRSA) with the private key of `publicKey`. */
export function isSignedBy(message: SignedSparkMessage, publicKey: KeyObject): boolean {
	try {
		return verify('sha256', message.stringToVerify, publicKey, message.signature);
	} catch {
		// A key that cannot verify this kind of signature has not signed it.
		return false;
	}
}
