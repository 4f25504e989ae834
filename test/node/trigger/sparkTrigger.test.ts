// The Veeva Vault Spark Trigger in n8n-core's WebhookContext, behind a real HTTP listener on
// loopback, receiving the signed messages the simulated Vault sends.
import type { IDataObject } from 'n8n-workflow';

import { VeevaVaultSparkTrigger } from '../../../nodes/VeevaVaultSparkTrigger/VeevaVaultSparkTrigger.node';
import { NEW_CERTIFICATE_FETCHES_PER_MINUTE } from '../../../nodes/VeevaVaultSparkTrigger/signingKeys';
import { passwordCredentials, simulatorPerTest } from '../../harness/vault';
import { startWebhookNode } from '../../harness/webhook';
import type { WebhookNodeServer } from '../../harness/webhook';

const trigger = new VeevaVaultSparkTrigger();
const vault = simulatorPerTest({ seed: false });
let n8n: WebhookNodeServer;

/** A session ID the Vault SDK code put into the message (Veeva's example value). */
const SESSION_IN_MESSAGE = ['A109315AC45D0FA7', '6A5891FE25B2FCBB1AEBDBDDF'].join('');
const MESSAGE = { items: ['00P000000000101', '00P000000000102'], attributes: { object: 'product__v', event: 'updated', authorization: SESSION_IN_MESSAGE } };

async function listen(parameters: IDataObject = {}, credentials = vault.credentials): Promise<void> {
	n8n = await startWebhookNode(trigger, credentials, { parameters });
}

afterEach(async () => {
	await n8n?.close();
});

const certificateFetches = () => vault.simulator.count('signingCertificate');

test('a signed message starts the workflow with one item (items, attributes, Vault\'s fields, the certificate) and is answered 200; the certificate is fetched once', async () => {
	await listen();
	const sent = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	expect([sent.status, sent.body]).toEqual([200, '']);
	const started = n8n.deliveries[0].started!;
	expect(started).toHaveLength(1);
	expect(started[0]).toHaveLength(1);
	expect(started[0][0].json).toEqual({
		items: MESSAGE.items,
		attributes: { object: 'product__v', event: 'updated' },
		vault_name: 'Simulated Vault',
		vault_host_name: new URL(vault.simulator.baseUrl).host,
		queue_name: 'spark_outbound_queue__c',
		enter_queue_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		send_message_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		send_attempt: 1,
		message_id: sent.messageId,
		certificate_id: '00001',
	});

	await vault.simulator.sendSparkMessage({ url: n8n.url, message: { items: ['00P000000000103'] } });
	expect(n8n.deliveries.map((delivery) => [delivery.status, delivery.started?.[0][0].json.items])).toEqual([
		[200, MESSAGE.items],
		[200, ['00P000000000103']],
	]);
	expect(certificateFetches()).toBe(1);
	expect(n8n.warnings).toEqual([]);
});

test('Include Session Token keeps attributes.authorization', async () => {
	await listen({ options: { includeSessionToken: true } });
	await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	expect(n8n.deliveries[0].started![0][0].json.attributes).toEqual(MESSAGE.attributes);
});

test.each([
	['its body', { tamper: 'body' as const }],
	['a signed header', { tamper: 'header' as const }],
	['its URL header', { tamper: 'url' as const }],
	['its signature', { tamper: 'signature' as const }],
	['a key Vault never published', { wrongKey: true }],
])('a message changed in %s is answered 401, starts nothing, and the reason is logged without the message', async (_case, spoil) => {
	await listen();
	const sent = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, ...spoil });
	const reason = 'its signature does not match it and certificate 00001: it was changed after signing, or not signed by this Vault';
	expect([sent.status, sent.body]).toEqual([401, `Refused: ${reason}`]);
	expect(n8n.deliveries).toEqual([{ status: 401 }]);
	expect(n8n.warnings).toEqual([`Veeva Vault Spark Trigger "Spark" refused a message (HTTP 401): ${reason}`]);
	expect(n8n.warnings.join('\n')).not.toContain(SESSION_IN_MESSAGE);
});

test('a message without the signature headers is answered 401 with the reason logged; Vault is not called', async () => {
	await listen();
	const sent = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, unsigned: true });
	expect([sent.status, sent.body]).toEqual([401, 'Refused: it is not signed: it has no X-VaultAPI-SignatureV2 header']);
	expect(n8n.deliveries).toEqual([{ status: 401 }]);
	expect(n8n.warnings).toEqual(['Veeva Vault Spark Trigger "Spark" refused a message (HTTP 401): it is not signed: it has no X-VaultAPI-SignatureV2 header']);
	expect(vault.simulator.requests).toEqual([]);
});

test('a failure with a cached certificate whose ID is unchanged is a failure: the certificate is not fetched again', async () => {
	await listen();
	await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	const forged = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, wrongKey: true });
	expect(forged.status).toBe(401);
	expect(certificateFetches()).toBe(1);
});

test('certificate rollover: a message naming the new ID fetches it once and verifies; the old ID still verifies from memory', async () => {
	await listen();
	await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	vault.simulator.rolloverSparkCertificate();
	const afterRollover = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	const again = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	const old = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, certId: '00001' });
	expect([afterRollover.status, again.status, old.status]).toEqual([200, 200, 200]);
	expect(n8n.deliveries.map((delivery) => delivery.started?.[0][0].json.certificate_id)).toEqual(['00001', '00002', '00002', '00001']);
	expect(vault.simulator.requests.filter((request) => request.route === 'signingCertificate').map((request) => request.path)).toEqual([
		'/api/v25.2/services/certificate/00001',
		'/api/v25.2/services/certificate/00002',
	]);
});

test('a certificate ID Vault does not have is answered 401, and asked for again next time (Vault may create it at a rollover)', async () => {
	await listen();
	const unknown = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, certId: '00002' });
	const reason = 'it names certificate 00002, which Vault does not have';
	expect([unknown.status, unknown.body]).toEqual([401, `Refused: ${reason}`]);
	expect(n8n.warnings).toEqual([`Veeva Vault Spark Trigger "Spark" refused a message (HTTP 401): ${reason}`]);
	vault.simulator.rolloverSparkCertificate();
	const signed = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, certId: '00002' });
	expect(signed.status).toBe(200);
	expect(certificateFetches()).toBe(2);
});

test('certificates not known yet are fetched at most 6 times a minute per Vault: messages naming made-up IDs beyond that are answered 503 without a call to Vault; known certificates still verify', async () => {
	await listen();
	expect((await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE })).status).toBe(200);
	const madeUp = [];
	for (let id = 10; id < 10 + NEW_CERTIFICATE_FETCHES_PER_MINUTE; id++) madeUp.push(await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE, certId: `000${id}` }));
	expect(madeUp.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 503]);
	expect(madeUp[5].body).toBe(
		'Refused: the signing certificate 00015 could not be fetched from Vault: 6 messages in the last minute named certificates this n8n process does not know yet, and it fetches at most 6 a minute, so that forged messages cannot make it call Vault at will. Vault sends the message again later.',
	);
	expect(certificateFetches()).toBe(NEW_CERTIFICATE_FETCHES_PER_MINUTE);
	expect((await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE })).status).toBe(200);
	expect(certificateFetches()).toBe(NEW_CERTIFICATE_FETCHES_PER_MINUTE);
});

test('when the certificate cannot be fetched (the credential\'s password is wrong), the message is answered 503 and the reason logged, without the password', async () => {
	const notThePassword = `not-${vault.simulator.baseUrl.length}-the-password`;
	await listen({}, passwordCredentials(vault.simulator, undefined, { password: notThePassword }));
	const sent = await vault.simulator.sendSparkMessage({ url: n8n.url, message: MESSAGE });
	expect(sent.status).toBe(503);
	expect(sent.body).toMatch(/^Refused: the signing certificate 00001 could not be fetched from Vault: /);
	expect(n8n.deliveries).toEqual([{ status: 503 }]);
	expect(n8n.warnings).toEqual([`Veeva Vault Spark Trigger "Spark" refused a message (HTTP 503): ${sent.body.slice('Refused: '.length)}`]);
	expect(n8n.warnings.join('\n')).not.toContain(notThePassword);
});
