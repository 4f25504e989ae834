/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// Runs a webhook trigger node the way n8n's webhook server does, over real HTTP on loopback: each
// request's body is read into `rawBody` (and JSON into `body`), the node's webhook() runs in
// n8n-core's WebhookContext with the real request and response, and, as for responseMode
// onReceived, a request the node did not answer itself gets 200 at once (with n8n's body for the
// node's responseData) while its items are kept as the workflow's start. (n8n's webhook server is
// not part of n8n-core.)
// n8n-core's own copies of these (nested under it), whose Container its contexts read the Logger from.
import { Logger } from 'n8n-core/node_modules/@n8n/backend-common';
import { Container } from 'n8n-core/node_modules/@n8n/di';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData, INodeType, INodeTypes, IWebhookData } from 'n8n-workflow';

import { CREDENTIAL_ID, baseAdditionalData } from './engine';
import type { CredentialStore } from './engine';

export interface Delivery {
	/** What the sender got back. */
	status: number;
	/** The items the workflow started with, or undefined when nothing started. */
	started?: INodeExecutionData[][];
}

export interface WebhookNodeServer {
	/** The node's webhook URL (what an external connection in Vault points at). */
	url: string;
	deliveries: Delivery[];
	/** What the node logged at warn level or above, in order. */
	warnings: string[];
	close(): Promise<void>;
}

/** Records what nodes log, through n8n's own Logger service. */
class RecordingLogger {
	readonly warnings: string[] = [];
	error = (message: string) => this.warnings.push(message);
	warn = (message: string) => this.warnings.push(message);
	info = () => {};
	debug = () => {};
	scoped = () => this;
}

export async function startWebhookNode(
	node: INodeType,
	credentials: CredentialStore,
	{ parameters = {}, credentialId = CREDENTIAL_ID }: { parameters?: IDataObject; credentialId?: string } = {},
): Promise<WebhookNodeServer> {
	const logger = new RecordingLogger();
	Container.set(Logger, logger as unknown as Logger);
	const trigger: INode = {
		id: 'spark',
		name: 'Spark',
		type: node.description.name,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'spark-webhook-id',
		parameters: parameters as INode['parameters'],
		credentials: { veevaVaultApi: { id: credentialId, name: 'Vault' } },
	};
	const types: INodeTypes = { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ id: 'workflow-1', nodes: [trigger], connections: {}, nodeTypes: types, active: true });
	const description = node.description.webhooks![0];
	const deliveries: Delivery[] = [];

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const request = req as IncomingMessage & { rawBody?: Buffer; body?: unknown };
		request.rawBody = Buffer.concat(chunks);
		try {
			request.body = JSON.parse(request.rawBody.toString('utf8'));
		} catch {
			request.body = {};
		}
		const webhookData = { httpMethod: 'POST', node: trigger.name, path: description.path, webhookDescription: description, workflowId: 'workflow-1', isTest: false } as unknown as IWebhookData;
		const additionalData = baseAdditionalData(credentials, `webhook-${deliveries.length + 1}`, { httpRequest: request, httpResponse: res } as unknown as IDataObject);
		const context = new WebhookContext(workflow, trigger, additionalData, 'trigger', webhookData, [], null);
		const result = await node.webhook!.call(context);
		if (!result.noWebhookResponse) {
			// n8n 2.40.7's extractWebhookOnReceivedResponse: 'noData' sends no body, other text is sent as it is.
			const body = description.responseData === 'noData' ? undefined : (description.responseData ?? result.webhookResponse ?? { message: 'Workflow was started' });
			res.writeHead(200, body === undefined ? {} : { 'Content-Type': 'application/json' });
			res.end(body === undefined ? undefined : JSON.stringify(body));
		}
		deliveries.push({ status: res.statusCode, ...(result.workflowData && !result.noWebhookResponse ? { started: result.workflowData } : {}) });
	};
	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// What n8n does when webhook() throws: an error answer; the test sees the 500.
			deliveries.push({ status: 500 });
			logger.warnings.push(`webhook() threw: ${(error as Error).message}`);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/${trigger.webhookId}/${description.path}`,
		deliveries,
		warnings: logger.warnings,
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
