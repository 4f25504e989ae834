import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { subtitleNaming } from '../VeevaVault/descriptions/subtitle';
import { getLifecycleStates } from '../VeevaVault/methods/lifecycleStates';
import { searchObjects } from '../VeevaVault/methods/listSearch';
import { eventNames, triggerProperties } from './description';
import { poll } from './poll';

export class VeevaVaultTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeva Vault Trigger',
		name: 'veevaVaultTrigger',
		icon: { light: 'file:../../icons/veevaVault.svg', dark: 'file:../../icons/veevaVault.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: subtitleNaming(eventNames, '$parameter["event"]'),
		description: 'Starts the workflow once per Vault event: a document or object record is created, changes or enters a lifecycle state; an upload stalls, nears expiry or starts; a staged file lands',
		defaults: { name: 'Veeva Vault Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veevaVaultApi', required: true }],
		properties: triggerProperties,
	};

	methods = { loadOptions: { getLifecycleStates }, listSearch: { searchObjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
