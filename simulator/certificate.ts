// A self-signed X.509 certificate (PEM) for an RSA key pair, written out in DER by hand: Node can
// read certificates (X509Certificate) but not make them, and the simulator takes no library for it.
// Vault's Retrieve Signing Certificate answers a PEM certificate; this lets the simulator do the same.
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

function lengthBytes(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
	const body = Buffer.concat(content);
	return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const nullValue = () => tlv(0x05);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));

/** A non-negative INTEGER: a leading 0x00 keeps a high first bit from reading as negative. */
function integer(value: bigint): Buffer {
	let hex = value.toString(16);
	if (hex.length % 2) hex = `0${hex}`;
	let bytes = Buffer.from(hex, 'hex');
	if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
	return tlv(0x02, bytes);
}

function oid(dotted: string): Buffer {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const arc of rest) {
		const base128: number[] = [arc % 128];
		for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) base128.unshift(0x80 | (high % 128));
		bytes.push(...base128);
	}
	return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime, YYMMDDHHMMSSZ (good for the years 1950–2049). */
function utcTime(ms: number): Buffer {
	const text = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14);
	return tlv(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

function distinguishedName(commonName: string, organization: string): Buffer {
	return sequence(set(sequence(oid(ORGANIZATION), utf8(organization))), set(sequence(oid(COMMON_NAME), utf8(commonName))));
}

export interface CertificateSubject {
	commonName: string;
	organization: string;
	serial: bigint;
	notBefore: number;
	notAfter: number;
}

/** The PEM of an X.509 v3 certificate for `publicKey`, issued to itself and signed with SHA-256 and RSA. */
export function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject, subject: CertificateSubject): string {
	const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
	const name = distinguishedName(subject.commonName, subject.organization);
	const toBeSigned = sequence(
		tlv(0xa0, integer(2n)),
		integer(subject.serial),
		algorithm,
		name,
		sequence(utcTime(subject.notBefore), utcTime(subject.notAfter)),
		name,
		publicKey.export({ type: 'spki', format: 'der' }),
	);
	const signature = sign('sha256', toBeSigned, privateKey);
	const der = sequence(toBeSigned, algorithm, tlv(0x03, Buffer.from([0]), signature));
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
