// One Spark message: verified before anything starts (Veeva's "Message Signing & Verification"),
// then answered 200 by n8n at once (responseMode onReceived) and handed to the workflow. A message
// that is unsigned, tampered with or signed by another key is answered 401 and starts nothing;
// the reason goes to n8n's log, never the message's content.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isSignedBy, readSparkSignature } from '../VeevaVault/rules/sparkSignature';
import type { HeaderValues } from '../VeevaVault/rules/sparkSignature';
import { signingKey } from './signingKeys';

/** What n8n's webhook server hands a node: the request with the body's bytes as they arrived. */
interface WebhookRequest {
	headers: HeaderValues;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

export async function receiveSparkMessage(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as WebhookRequest;
	const refuse = (status: number, reason: string): IWebhookResponseData => {
		this.logger.warn(`Veeva Vault Spark Trigger "${this.getNode().name}" refused a message (HTTP ${status}): ${reason}`);
		const response = this.getResponseObject();
		response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
		response.end(`Refused: ${reason}`);
		return { noWebhookResponse: true };
	};

	if (!request.rawBody && request.readRawBody) await request.readRawBody();
	const rawBody = request.rawBody;
	if (!rawBody?.length) return refuse(400, 'it has no body');
	const reading = readSparkSignature(request.headers, rawBody);
	if (reading.kind === 'refused') return refuse(401, reading.reason);
	const { certificateId } = reading.message;

	let key;
	try {
		key = await signingKey(this, certificateId);
	} catch (error) {
		// Vault or the network failed: not the message's fault, and Vault may send it again.
		return refuse(503, `the signing certificate ${certificateId} could not be fetched from Vault: ${(error as Error).message}`);
	}
	if (!key) return refuse(401, `it names certificate ${certificateId}, which Vault does not have`);
	if (!isSignedBy(reading.message, key)) {
		return refuse(401, `its signature does not match it and certificate ${certificateId}: it was changed after signing, or not signed by this Vault`);
	}

	const body = jsonObjectOf(rawBody);
	const message = body?.message;
	if (!body || !message || typeof message !== 'object' || Array.isArray(message)) return refuse(400, 'it is signed but is not a Spark message (a JSON object with "message")');
	const keepSessionToken = (this.getNodeParameter('options.includeSessionToken', false) as boolean) === true;
	return { workflowData: [[{ json: sparkOutput(body, message as IDataObject, certificateId, keepSessionToken) }]] };
}

function jsonObjectOf(rawBody: Buffer): IDataObject | undefined {
	try {
		const parsed = JSON.parse(rawBody.toString('utf8')) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One item per message: its `items` and `attributes` first, then the rest of what Vault sent
 * (`vault_host_name`, `queue_name`, `message_id`, …) and the certificate it was verified with.
 * A session token the message carries (`attributes.authorization`) is left out unless asked for:
 * n8n would store it with the execution.
 */
export function sparkOutput(body: IDataObject, message: IDataObject, certificateId: string, keepSessionToken: boolean): IDataObject {
	const rest = { ...body };
	delete rest.message;
	const attributes = message.attributes && typeof message.attributes === 'object' && !Array.isArray(message.attributes) ? { ...(message.attributes as IDataObject) } : {};
	if (!keepSessionToken) delete attributes.authorization;
	return { items: Array.isArray(message.items) ? message.items : [], attributes, ...rest, certificate_id: certificateId };
}
