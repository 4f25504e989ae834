// The Filters collection, as the Veeva Vault node's Get Many operations and the Veeva Vault
// Trigger's event settings show it.
import type { INodeProperties } from 'n8n-workflow';

/** An operation's Filters collection (n8n's "Add Filter" list). */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: filters };
}
