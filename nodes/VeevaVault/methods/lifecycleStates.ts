// The lifecycle states the trigger's Entered State events can watch, from the Vault's configuration.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { documentLifecycleStates, objectLifecycleStates } from '../api/lifecycles';
import { vaultClient } from '../vaultClient';

/** Document states by label (what status__v holds), or the chosen object's states by name (what state__v holds). */
export async function getLifecycleStates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const vault = vaultClient(this, 0);
	if (this.getCurrentNodeParameter('event') !== 'recordEnteredState') {
		const states = await documentLifecycleStates(vault);
		const byLabel = new Map(states.map((state) => [state.label, state]));
		return [...byLabel.values()].map(({ label, lifecycle }) => ({ name: label, value: label, description: lifecycle }));
	}
	const object = String(this.getCurrentNodeParameter('object', { extractValue: true }) ?? '').trim();
	if (!object) return [];
	return (await objectLifecycleStates(vault, object)).map(({ name, label, lifecycle }) => ({ name: label, value: name, description: `${lifecycle}: ${name}` }));
}
