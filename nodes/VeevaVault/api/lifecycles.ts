// Lifecycle states as Vault's configuration lists them (Retrieve Component Record): document
// lifecycles (Doclifecycle) and an object's lifecycles (Objectlifecycle).
import { vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import { ENDPOINTS } from './endpoints';

export interface LifecycleState {
	name: string;
	label: string;
	/** The lifecycle's label. */
	lifecycle: string;
}

interface LifecycleComponent {
	name?: string;
	label?: string;
	states?: Array<{ name?: string; label?: string }>;
}

function statesOf(components: unknown): LifecycleState[] {
	const list = Array.isArray(components) ? components : components && typeof components === 'object' ? [components] : [];
	return (list as LifecycleComponent[]).flatMap((lifecycle) =>
		(Array.isArray(lifecycle.states) ? lifecycle.states : [])
			.filter((state) => typeof state?.name === 'string')
			.map((state) => ({ name: String(state.name), label: String(state.label ?? state.name), lifecycle: String(lifecycle.label ?? lifecycle.name ?? '') })),
	);
}

/** Every state of every document lifecycle. */
export async function documentLifecycleStates(vault: VaultClient): Promise<LifecycleState[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.configuration('Doclifecycle') });
	return statesOf(envelope.data);
}

/** The states of the lifecycles an object's records can take (none: the object has no lifecycle). */
export async function objectLifecycleStates(vault: VaultClient, object: string): Promise<LifecycleState[]> {
	const described = (await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.object(object) })).object as { available_lifecycles?: unknown } | undefined;
	const lifecycles = Array.isArray(described?.available_lifecycles) ? described.available_lifecycles : [];
	const states: LifecycleState[] = [];
	for (const lifecycle of lifecycles) {
		const name = typeof lifecycle === 'string' ? lifecycle : String((lifecycle as { name?: unknown })?.name ?? '');
		if (!name) continue;
		const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.configuration(`Objectlifecycle.${name}`) });
		states.push(...statesOf(envelope.data));
	}
	return states;
}
