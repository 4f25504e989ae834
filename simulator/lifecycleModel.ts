// Object lifecycles of the simulated Vault: states and the user actions allowed in each. Only
// product__v has one (assumption 43). Vault names a lifecycle state user action
// Objectlifecyclestateuseraction.{object}.{state}.{action}, so the same action of two states has
// two names.

export interface StateUserAction {
	/** The action's own name, e.g. change_state_to_active_useraction__c. */
	name: string;
	label: string;
	/** Vault's action type: a state change moves the record to `to`. */
	type: 'state_change';
	to: string;
}

export interface LifecycleState {
	name: string;
	label: string;
	actions: StateUserAction[];
}

export interface ObjectLifecycle {
	name: string;
	/** The state a new record starts in. */
	initial: string;
	states: LifecycleState[];
}

const toActive: StateUserAction = { name: 'change_state_to_active_useraction__c', label: 'Change State to Active', type: 'state_change', to: 'active_state__c' };
const toInactive: StateUserAction = { name: 'change_state_to_inactive_useraction__c', label: 'Change State to Inactive', type: 'state_change', to: 'inactive_state__c' };

export const OBJECT_LIFECYCLES: Record<string, ObjectLifecycle> = {
	product__v: {
		name: 'product_lifecycle__c',
		initial: 'draft_state__c',
		states: [
			{ name: 'draft_state__c', label: 'Draft', actions: [toActive] },
			{ name: 'active_state__c', label: 'Active', actions: [toInactive] },
			{ name: 'inactive_state__c', label: 'Inactive', actions: [toActive] },
		],
	},
};

export function lifecycleOf(object: string): ObjectLifecycle | undefined {
	return Object.hasOwn(OBJECT_LIFECYCLES, object) ? OBJECT_LIFECYCLES[object] : undefined;
}

/** The full name Vault gives a state's user action. */
export function stateActionName(object: string, state: string, action: string): string {
	return `Objectlifecyclestateuseraction.${object}.${state}.${action}`;
}
