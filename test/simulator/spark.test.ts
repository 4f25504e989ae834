/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// The simulator's Spark side: Retrieve Signing Certificate, certificate rollover, and the sender
// that POSTs signed messages the way Vault's documentation describes them.
import { X509Certificate, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSimulator } from '../harness/vault';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';

interface Received {
	headers: IncomingHttpHeaders;
	body: Buffer;
}

let simulator: VaultSimulator;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
	simulator = await startSimulator();
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(202, { 'Content-Type': 'text/plain' });
			res.end('got it');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/spark/inbox?tenant=7`;
});

afterAll(async () => {
	await simulator.stop();
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
	received.length = 0;
	await simulator.reset();
});

async function certificate(id: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2/services/certificate/${id}`, { headers });
	return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Veeva's string-to-verify, written here from the documentation (not from the simulator's code). */
function documentedStringToVerify({ headers, body }: Received): Buffer {
	const lines = Object.keys(headers)
		.filter((name) => name.toLowerCase().startsWith('x-vaultapisignature-'))
		.map((name) => name.toLowerCase())
		.sort()
		.map((name) => `${name}:${String(headers[name]).trim()}\n`);
	return Buffer.concat([Buffer.from(lines.join('')), body, Buffer.from('\n'), Buffer.from(String(headers['x-vaultapisignature-url']))]);
}

function verifiesWith(message: Received, pem: string): boolean {
	const signature = Buffer.from(String(message.headers['x-vaultapi-signaturev2']), 'base64');
	return verify('sha256', documentedStringToVerify(message), pem, signature);
}

test('Retrieve Signing Certificate answers an X.509 certificate (PEM) without a session; an unknown ID is a FAILURE envelope', async () => {
	const answer = await certificate('00001');
	expect(answer.status).toBe(200);
	expect(answer.contentType).not.toMatch(/json/);
	expect(answer.text).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
	const parsed = new X509Certificate(answer.text);
	expect(parsed.subject).toBe('O=Vault Simulator\nCN=spark.sim.veevavault.example');
	expect(parsed.verify(parsed.publicKey)).toBe(true);

	const unknown = await fetch(`${simulator.baseUrl}/api/v25.2/services/certificate/00042`);
	expect(unknown.status).toBe(200);
	expect(await unknown.json()).toEqual({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'Invalid certificate ID [00042]' }] });
});

test('a Spark message is POSTed with the documented headers and a pretty-printed body, signed over the documented string', async () => {
	const result = await simulator.sendSparkMessage({ url: receiverUrl, message: { items: ['00P000000000101', '00P000000000102'], attributes: { object: 'product__v' } } });
	expect(result).toMatchObject({ status: 202, body: 'got it', certificateId: '00001' });
	const [message] = received;
	expect(Object.keys(message.headers).filter((name) => name.startsWith('x-vaultapi')).sort()).toEqual([
		'x-vaultapi-signaturev2',
		'x-vaultapisignature-certificateid',
		'x-vaultapisignature-executionid',
		'x-vaultapisignature-requestdatetime',
		'x-vaultapisignature-requestid',
		'x-vaultapisignature-requestnotafter',
		'x-vaultapisignature-requestnotbefore',
		'x-vaultapisignature-requesttype',
		'x-vaultapisignature-url',
		'x-vaultapisignature-vaultid',
	]);
	expect(message.headers['x-vaultapisignature-url']).toBe(receiverUrl);
	expect(message.headers['x-vaultapisignature-requesttype']).toBe('spark_message');
	const body = JSON.parse(message.body.toString('utf8')) as Record<string, unknown>;
	expect(body).toMatchObject({ vault_host_name: new URL(simulator.baseUrl).host, send_attempt: 1, message_id: result.messageId, message: { items: ['00P000000000101', '00P000000000102'], attributes: { object: 'product__v' } } });
	expect(message.body.toString('utf8')).not.toBe(JSON.stringify(body));
	expect(verifiesWith(message, (await certificate('00001')).text)).toBe(true);
});

test.each(['body', 'header', 'url', 'signature'] as const)('a message tampered in its %s after signing no longer verifies', async (tamper) => {
	await simulator.sendSparkMessage({ url: receiverUrl, message: { items: ['00P000000000101'] }, tamper });
	expect(verifiesWith(received[0], (await certificate('00001')).text)).toBe(false);
});

test('unsigned: no signature headers at all; wrongKey: names the published certificate but does not verify with it', async () => {
	await simulator.sendSparkMessage({ url: receiverUrl, unsigned: true });
	expect(Object.keys(received[0].headers).filter((name) => name.startsWith('x-vaultapi'))).toEqual([]);
	await simulator.sendSparkMessage({ url: receiverUrl, wrongKey: true });
	expect(received[1].headers['x-vaultapisignature-certificateid']).toBe('00001');
	expect(verifiesWith(received[1], (await certificate('00001')).text)).toBe(false);
});

test('rollover: a new key pair under the next ID signs from then on; the old certificate stays retrievable; a reset forgets the new one', async () => {
	const first = (await certificate('00001')).text;
	expect(simulator.rolloverSparkCertificate().id).toBe('00002');
	const second = (await certificate('00002')).text;
	expect(second).not.toBe(first);
	expect((await certificate('00001')).text).toBe(first);

	await simulator.sendSparkMessage({ url: receiverUrl });
	expect(received[0].headers['x-vaultapisignature-certificateid']).toBe('00002');
	expect(verifiesWith(received[0], second)).toBe(true);
	expect(verifiesWith(received[0], first)).toBe(false);

	// An old ID still signs with its own key.
	await simulator.sendSparkMessage({ url: receiverUrl, certId: '00001' });
	expect(verifiesWith(received[1], first)).toBe(true);

	await simulator.reset();
	expect((await certificate('00002')).status).toBe(200);
	expect(JSON.parse((await certificate('00002')).text)).toMatchObject({ responseStatus: 'FAILURE' });
	expect((await certificate('00001')).text).toBe(first);
});

test('the control API sends and rolls over too', async () => {
	const send = await fetch(`${simulator.baseUrl}/_sim/spark/send`, { method: 'POST', body: JSON.stringify({ url: receiverUrl, message: { items: ['x'] } }) });
	expect(await send.json()).toMatchObject({ status: 202, certificateId: '00001' });
	const rollover = await fetch(`${simulator.baseUrl}/_sim/spark/rollover`, { method: 'POST' });
	expect(await rollover.json()).toEqual({ certificateId: '00002' });
	expect(await (await fetch(`${simulator.baseUrl}/_sim/spark`)).json()).toEqual({ certificateId: '00002', certificateIds: ['00001', '00002'] });
});
