import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { isSignedBy, readSparkSignature, signingKeyOf, sparkStringToVerify } from '../../nodes/VeevaVault/rules/sparkSignature';
import type { HeaderValues, SignedSparkMessage } from '../../nodes/VeevaVault/rules/sparkSignature';
import { selfSignedCertificate } from '../../simulator/certificate.ts';

const vaultKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

const URL = 'https://n8n.example.com/webhook/0f1e2d3c/spark?tenant=7';
const BODY = Buffer.from('{\n  "vault_host_name" : "myvault.veevavault.com",\n  "message" : { "items" : [ "00P000000000101" ], "attributes" : { "object" : "product__v" } }\n}', 'utf8');
const SIGNED_HEADERS = {
	'X-VaultAPISignature-CertificateId': '00001',
	'X-VaultAPISignature-ExecutionId': 'a123bede-32cb-4dbc-a7d9',
	'X-VaultAPISignature-RequestId': 'ffjkek809809fjklkfjlkjf89',
	'X-VaultAPISignature-RequestDateTime': '2012-04-25T21:49:27.719Z',
	'X-VaultAPISignature-URL': URL,
};
/** Veeva's string to verify for SIGNED_HEADERS and BODY, written out by hand. */
const EXPECTED_STRING =
	'x-vaultapisignature-certificateid:00001\n' +
	'x-vaultapisignature-executionid:a123bede-32cb-4dbc-a7d9\n' +
	'x-vaultapisignature-requestdatetime:2012-04-25T21:49:27.719Z\n' +
	'x-vaultapisignature-requestid:ffjkek809809fjklkfjlkjf89\n' +
	`x-vaultapisignature-url:${URL}\n` +
	`${BODY.toString('utf8')}\n${URL}`;

function signatureOf(text: string | Buffer, key: KeyObject = vaultKeys.privateKey): string {
	return sign('sha256', Buffer.from(text), key).toString('base64');
}

/** What Vault sends: the signed headers, the signature over the documented string, other headers. */
function vaultRequest(key: KeyObject = vaultKeys.privateKey): HeaderValues {
	return { ...SIGNED_HEADERS, 'X-VaultAPI-SignatureV2': signatureOf(EXPECTED_STRING, key), 'Content-Type': 'application/json', 'User-Agent': 'Veeva Vault Spark Message Agent' };
}

function signedMessage(headers: HeaderValues, body: Buffer = BODY): SignedSparkMessage {
	const reading = readSparkSignature(headers, body);
	if (reading.kind !== 'signed') throw new Error(`refused: ${reading.reason}`);
	return reading.message;
}

const vaultKey = vaultKeys.publicKey;

test('the string to verify is the signed headers (lower-cased, sorted, trimmed), the raw body, a newline and the URL', () => {
	expect(sparkStringToVerify(vaultRequest(), BODY).toString('utf8')).toBe(EXPECTED_STRING);
});

test('a message signed by Vault\'s key verifies, and names its certificate', () => {
	const message = signedMessage(vaultRequest());
	expect(message.certificateId).toBe('00001');
	expect(isSignedBy(message, vaultKey)).toBe(true);
});

test('headers that are not X-VaultAPISignature-* are not signed: changing them changes nothing', () => {
	expect(isSignedBy(signedMessage({ ...vaultRequest(), 'User-Agent': 'something else', 'X-Forwarded-For': '10.0.0.1' }), vaultKey)).toBe(true);
});

test('a tampered body fails: one byte changed, or the same JSON serialized another way', () => {
	const changed = Buffer.from(BODY.toString('utf8').replace('00P000000000101', '00P000000000102'), 'utf8');
	expect(isSignedBy(signedMessage(vaultRequest(), changed), vaultKey)).toBe(false);
	const reserialized = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8'))), 'utf8');
	expect(isSignedBy(signedMessage(vaultRequest(), reserialized), vaultKey)).toBe(false);
});

test('a tampered signed header fails: a value changed, a signed header added or removed, the URL changed', () => {
	expect(isSignedBy(signedMessage({ ...vaultRequest(), 'X-VaultAPISignature-RequestDateTime': '2012-04-25T21:49:28.719Z' }), vaultKey)).toBe(false);
	expect(isSignedBy(signedMessage({ ...vaultRequest(), 'X-VaultAPISignature-Extra': 'x' }), vaultKey)).toBe(false);
	const withoutRequestId: HeaderValues = { ...vaultRequest() };
	delete withoutRequestId['X-VaultAPISignature-RequestId'];
	expect(isSignedBy(signedMessage(withoutRequestId), vaultKey)).toBe(false);
	expect(isSignedBy(signedMessage({ ...vaultRequest(), 'X-VaultAPISignature-URL': `${URL}&x=1` }), vaultKey)).toBe(false);
});

test('a message signed with another key fails against Vault\'s key; the wrong key does not verify Vault\'s message', () => {
	expect(isSignedBy(signedMessage(vaultRequest(otherKeys.privateKey)), vaultKey)).toBe(false);
	expect(isSignedBy(signedMessage(vaultRequest()), otherKeys.publicKey)).toBe(false);
});

test('a key that cannot verify RSA signatures answers false rather than throwing', () => {
	const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
	expect(isSignedBy(signedMessage(vaultRequest()), ecKey)).toBe(false);
});

test('header names in any case: as Node gives them (lower case), upper case, mixed', () => {
	const request = vaultRequest();
	const lower = Object.fromEntries(Object.entries(request).map(([name, value]) => [name.toLowerCase(), value]));
	const upper = Object.fromEntries(Object.entries(request).map(([name, value]) => [name.toUpperCase(), value]));
	for (const headers of [lower, upper]) {
		const message = signedMessage(headers);
		expect(message.certificateId).toBe('00001');
		expect(isSignedBy(message, vaultKey)).toBe(true);
	}
});

test('values with spaces around them are trimmed, in the signed headers, the certificate ID and the URL', () => {
	const spaced = Object.fromEntries(Object.entries(vaultRequest()).map(([name, value]) => [name, `  ${String(value)}\t`]));
	const message = signedMessage(spaced);
	expect(message.certificateId).toBe('00001');
	expect(isSignedBy(message, vaultKey)).toBe(true);
});

test('a signature broken over lines (MIME base64) is read whole', () => {
	const wrapped = signatureOf(EXPECTED_STRING).replace(/(.{76})/g, '$1\r\n');
	expect(isSignedBy(signedMessage({ ...vaultRequest(), 'X-VaultAPI-SignatureV2': wrapped }), vaultKey)).toBe(true);
});

test('a header sent twice is joined as HTTP joins it (and then no longer verifies)', () => {
	const twice = { ...vaultRequest(), 'X-VaultAPISignature-RequestId': ['ffjkek809809fjklkfjlkjf89', 'again'] };
	expect(sparkStringToVerify(twice, BODY).toString('utf8')).toContain('x-vaultapisignature-requestid:ffjkek809809fjklkfjlkjf89, again\n');
	expect(isSignedBy(signedMessage(twice), vaultKey)).toBe(false);
});

test.each([
	['no signature headers at all', { 'Content-Type': 'application/json' }, 'it is not signed: it has no X-VaultAPI-SignatureV2 header'],
	['signed headers without the signature', { ...SIGNED_HEADERS }, 'it is not signed: it has no X-VaultAPI-SignatureV2 header'],
	['an empty signature', { ...SIGNED_HEADERS, 'X-VaultAPI-SignatureV2': '  ' }, 'it is not signed: it has no X-VaultAPI-SignatureV2 header'],
	['only the old X-VaultAPI-Signature', { ...SIGNED_HEADERS, 'X-VaultAPI-Signature': 'DMXvB8r9R83tGoNn0ecwd5Ujll' }, 'it is not signed: it has no X-VaultAPI-SignatureV2 header'],
	['a signature that is not base64', { ...SIGNED_HEADERS, 'X-VaultAPI-SignatureV2': 'not*base64!' }, 'its X-VaultAPI-SignatureV2 header is not base64'],
	['no certificate ID', { ...SIGNED_HEADERS, 'X-VaultAPISignature-CertificateId': undefined, 'X-VaultAPI-SignatureV2': 'AAAA' }, 'it names no certificate: it has no X-VaultAPISignature-CertificateId header'],
	['a certificate ID that is a path', { ...SIGNED_HEADERS, 'X-VaultAPISignature-CertificateId': '../auth', 'X-VaultAPI-SignatureV2': 'AAAA' }, 'its X-VaultAPISignature-CertificateId header is not a certificate ID'],
	['no URL header', { ...SIGNED_HEADERS, 'X-VaultAPISignature-URL': undefined, 'X-VaultAPI-SignatureV2': 'AAAA' }, 'it has no X-VaultAPISignature-URL header'],
])('refused, with its reason: %s', (_case, headers, reason) => {
	expect(readSparkSignature(headers as HeaderValues, BODY)).toEqual({ kind: 'refused', reason });
});

test('the signing key is read from the certificate Vault answers, or from a PEM public key; anything else throws', () => {
	const certificate = selfSignedCertificate(vaultKeys.publicKey, vaultKeys.privateKey, { commonName: 'vault', organization: 'Veeva', serial: 1n, notBefore: 0, notAfter: 1e12 });
	const message = signedMessage(vaultRequest());
	expect(isSignedBy(message, signingKeyOf(certificate))).toBe(true);
	expect(isSignedBy(message, signingKeyOf(vaultKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string))).toBe(true);
	expect(() => signingKeyOf('{"responseStatus":"FAILURE"}')).toThrow();
});
