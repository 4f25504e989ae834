import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as uploadSession from './actions/uploadSession';

export class VeevaVault implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeva Vault',
		name: 'veevaVault',
		icon: { light: 'file:../../icons/veevaVault.svg', dark: 'file:../../icons/veevaVault.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Automate Veeva Vault File Staging, such as finding and cleaning up upload sessions',
		defaults: { name: 'Veeva Vault' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veevaVaultApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Upload Session', value: 'uploadSession' }],
				default: 'uploadSession',
			},
			...uploadSession.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
