import { NodeConnectionTypes } from 'n8n-workflow';
import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { receiveSparkMessage } from './receive';

export class VeevaVaultSparkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeva Vault Spark Trigger',
		name: 'veevaVaultSparkTrigger',
		icon: { light: 'file:../../icons/veevaVault.svg', dark: 'file:../../icons/veevaVault.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Spark messages',
		description: 'Starts the workflow when Vault sends a Spark message to an external connection; every message is verified with Vault\'s signing certificate first',
		defaults: { name: 'Veeva Vault Spark Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veevaVaultApi', required: true }],
		// Vault reads only the status: 200 with an empty body (n8n 2.x would otherwise answer the text "firstEntryJson").
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'spark' }],
		properties: [
			{
				displayName:
					'In Vault, give an external connection this node\'s Production URL and send Spark messages to its queue. Each message is checked against the signing certificate it names (fetched from Vault with the credential); an unsigned or altered one is answered 401 and starts nothing.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Session Token',
						name: 'includeSessionToken',
						type: 'boolean',
						default: false,
						description:
							'Whether to keep the Vault session token a message may carry (attributes.authorization) in the output. Off, it is left out, so that it is not stored with the execution.',
					},
				],
			},
		],
	};

	/** A Vault Admin points an external connection at the URL in Vault (Admin > Connections): there
	 * is nothing for n8n to register or remove on Vault's side. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSparkMessage.call(this);
	}
}
