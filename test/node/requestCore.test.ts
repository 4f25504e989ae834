/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: a second server on loopback, never inside n8n. */
// The request core against an origin other than the Vault DNS (an identity provider, Vault's
// sign-in host), the way a sign-in method uses it: n8n's real request helper, real HTTP on
// loopback. The redirect rule is the same as for Vault: secrets go only to their own origin.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { exchange } from '../../nodes/VeevaVault/transport/core';
import type { Answer } from '../../nodes/VeevaVault/transport/core';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { runPollNode } from '../harness/engine';
import { passwordCredentials, startSimulator } from '../harness/vault';

const SECRET = 'client-secret-of-the-integration';

/** An identity provider stand-in: answers Vault-like envelopes, redirects within or out of its origin. */
async function startOtherOrigin(vaultUrl: string): Promise<{ server: Server; url: string; requests: string[] }> {
	const requests: string[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push(`${req.method} ${req.url}`);
			if (req.url === '/redirect-in') res.writeHead(307, { Location: '/token' }).end();
			else if (req.url === '/redirect-out') res.writeHead(307, { Location: `${vaultUrl}/api/v25.2/auth` }).end();
			else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ responseStatus: 'SUCCESS', echoed: body }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** A polling node of this test's own that sends one request through the core with n8n's helper. */
function coreCaller(url: string, origin: string): INodeType {
	return {
		description: { displayName: 'Core caller', name: 'test.coreCaller', polling: true, inputs: [], outputs: ['main'], properties: [] } as unknown as INodeTypeDescription,
		async poll(this: IPollFunctions): Promise<INodeExecutionData[][]> {
			const answer: Answer = await exchange(async (options) => await this.helpers.httpRequest(options), {
				method: 'POST',
				url,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ client_secret: SECRET }).toString(),
				timeoutMs: 5000,
				idempotent: false,
				retryRateLimit: false,
				origin,
				secrets: new Set([SECRET]),
			});
			return [[{ json: answer as unknown as IDataObject }]];
		},
	};
}

let simulator: VaultSimulator;
let other: Awaited<ReturnType<typeof startOtherOrigin>>;
beforeEach(async () => {
	simulator = await startSimulator();
	other = await startOtherOrigin(simulator.baseUrl);
});
afterEach(async () => {
	await simulator.stop();
	await new Promise((resolve) => other.server.close(resolve));
});

const call = async (path: string) =>
	(await runPollNode(coreCaller(`${other.url}${path}`, other.url), passwordCredentials(simulator), { parameters: {}, staticData: {} }))![0][0].json;

test('sends to its own origin and reads the envelope, with the secret taken out of what came back', async () => {
	const answer = await call('/token');
	expect(answer).toMatchObject({ kind: 'envelope', envelope: { responseStatus: 'SUCCESS' } });
	expect(JSON.stringify(answer)).not.toContain(SECRET);
	expect((answer.envelope as IDataObject).echoed).toBe('client_secret=[redacted]');
});

test('follows a redirect within its origin, keeping the POST (307)', async () => {
	const answer = await call('/redirect-in');
	expect(answer).toMatchObject({ kind: 'envelope', envelope: { responseStatus: 'SUCCESS', echoed: 'client_secret=[redacted]' } });
	expect(other.requests).toEqual(['POST /redirect-in', 'POST /token']);
});

test('refuses a redirect to another origin, even to the Vault: nothing is sent there', async () => {
	const answer = await call('/redirect-out');
	expect(answer).toMatchObject({ kind: 'failed', reason: { kind: 'redirect', httpCode: '307' } });
	expect(String((answer.reason as IDataObject).message)).toContain(`another host (${simulator.baseUrl})`);
	expect(simulator.requests).toHaveLength(0);
});
