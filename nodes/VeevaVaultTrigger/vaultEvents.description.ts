// The parameters of the document and object record events.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { objectProperty } from '../VeevaVault/descriptions/loaderTarget';

const RECORD_EVENTS = ['recordCreated', 'recordUpdated', 'recordEnteredState'];
const STATE_EVENTS = ['documentEnteredState', 'recordEnteredState'];

export const VAULT_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Document Created',
		value: 'documentCreated',
		description: 'A new document; once per document',
	},
	{
		name: 'Document Updated',
		value: 'documentUpdated',
		description: 'A new version of a document, or changed fields or state; once per change a poll sees (several changes between two polls fire once, with the latest values)',
	},
	{
		name: 'Document Entered State',
		value: 'documentEnteredState',
		description:
			'A document version reaches one of the chosen lifecycle states. Vault keeps no date of entering a state, so this fires when a version in the state changes: on entering it, and again if that version\'s fields are edited later while it stays in the state.',
	},
	{
		name: 'Record Created',
		value: 'recordCreated',
		description: 'A new record of the object; once per record',
	},
	{
		name: 'Record Updated',
		value: 'recordUpdated',
		description: 'A record of the object changes (fields or state); once per change a poll sees (several changes between two polls fire once, with the latest values)',
	},
	{
		name: 'Record Entered State',
		value: 'recordEnteredState',
		description:
			'A record of the object reaches one of the chosen lifecycle states. Vault keeps no date of entering a state, so this fires when a record in the state changes: on entering it, and again if the record is edited later while it stays in the state.',
	},
];

export const vaultEventProperties: INodeProperties[] = [
	{
		...objectProperty('trigger'),
		description: 'The Vault object whose records to watch, e.g. Product (product__v)',
		displayOptions: { show: { event: RECORD_EVENTS } },
	},
	{
		displayName: 'State Names or IDs',
		name: 'states',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLifecycleStates', loadOptionsDependsOn: ['event', 'object.value'] },
		required: true,
		default: [],
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The lifecycle states to watch: a document state by its label (e.g. Approved), a record state by its name (e.g. active_state__c)',
		displayOptions: { show: { event: STATE_EVENTS } },
	},
	{
		displayName: 'VQL Filter',
		name: 'vqlFilter',
		type: 'string',
		default: '',
		placeholder: "type__v = 'Promotional Material'",
		description: 'Only changes that also meet this VQL condition fire (what follows WHERE in a query on documents or the object). Empty: every change.',
		displayOptions: { show: { event: [...RECORD_EVENTS, 'documentCreated', 'documentUpdated', 'documentEnteredState'] } },
	},
];
