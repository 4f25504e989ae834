import type { INodeProperties } from 'n8n-workflow';

export const sessionIdProperty: INodeProperties = {
	displayName: 'Upload Session ID',
	name: 'sessionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. yYFg7jN_fZBmUD9Tj98RkL2yqtbTdIh17iy02nd5pby62oqVJLXv.R.ea1jSr786rgwpf7Vx3RmmQ--',
	description: 'ID of the upload session, e.g. mapped from the ID field that Get Many or Create returns',
};

export const binaryPropertyNameProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file to be uploaded',
};

export const stagingPathProperty: INodeProperties = {
	displayName: 'Staging Path',
	name: 'path',
	type: 'string',
	required: true,
	default: '',
	placeholder: '/inbox/report.pdf',
	description:
		'Where the file goes in the File Staging area, from its root. For users other than Vault Admins it is relative to their own folder (u{user ID}).',
};

export const overwriteOption: INodeProperties = {
	displayName: 'Overwrite',
	name: 'overwrite',
	type: 'boolean',
	default: false,
	description: 'Whether to replace a file that already exists at the path',
};

export const waitForJobOption: INodeProperties = {
	displayName: 'Wait for Job',
	name: 'waitForJob',
	type: 'boolean',
	default: false,
	description: 'Whether to wait until Vault\'s commit job ends and return its result (polls every 10 seconds, as Vault allows)',
};

/** Return All, and Limit when Return All is off, as n8n's Get Many operations have them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
