import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from '../rules/inputError';
import { DEFAULT_ITEMS_IN_PARALLEL, MAX_ITEMS_IN_PARALLEL } from './runOptions';

/** A resource locator: "From List" or "By ID". Workflows saved when it was a plain string keep
 * their value as it is (see sessionIdParameter). */
export const sessionIdProperty: INodeProperties = {
	displayName: 'Upload Session',
	name: 'sessionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The upload session: pick it from the list, or give its ID, e.g. mapped from the ID field of Get Many or Create',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an upload session…',
			typeOptions: { searchListMethod: 'searchUploadSessions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. yYFg7jN_fZBmUD9Tj98RkL2yqtbTdIh17iy02nd5pby62oqVJLXv.R.ea1jSr786rgwpf7Vx3RmmQ--',
		},
	],
};

/** The Upload Session parameter's ID, from either mode or from a plain string saved before it was
 * a resource locator. */
export function sessionIdParameter(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('sessionId', itemIndex, '', { extractValue: true }) as unknown;
	const sessionId = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!sessionId) {
		throw new InvalidInputError(
			'The Upload Session ID is empty',
			'Choose a session from the list, or map its ID from an earlier node, e.g. {{ $json.id }} after "Get Many" or "Create".',
		);
	}
	return sessionId;
}

/** The Job ID field of a Vault job (Job → Get, Vault Loader → Get Results). */
export function jobIdProperty({ placeholder, description }: { placeholder: string; description: string }): INodeProperties {
	return { displayName: 'Job ID', name: 'jobId', type: 'string', required: true, default: '', placeholder, description };
}

/** The Job ID of an item; an empty one is refused with `whereFrom`, where to map it from. */
export function jobIdParameter(ctx: IExecuteFunctions, itemIndex: number, whereFrom: string): string {
	const jobId = String(ctx.getNodeParameter('jobId', itemIndex, '') ?? '').trim();
	if (!jobId) throw new InvalidInputError('The Job ID is empty', whereFrom);
	return jobId;
}

export const binaryPropertyNameProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file to be uploaded',
};

/** Where a new file goes: a staging path that ends with the file's name. */
export const stagingPathProperty = itemPathProperty({
	displayName: 'Staging Path',
	description:
		'Where the file goes in the File Staging area: a path from its root, starting with / and ending with the file name. For users other than Vault Admins it is relative to their own folder (u{user ID}).',
});

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
	description: 'Whether to wait until Vault\'s job ends and return its result (polls every 10 seconds, as Vault allows). Fails when the job ends otherwise than with SUCCESS.',
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

/** Read by the router for every request of the item (see requestTimeoutMs). Its default, 0, keeps
 * each request's own wait: adding the option must not change what the node does. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	placeholder: "Each request's own default",
	description:
		'How many seconds every request may wait with nothing arriving from Vault before it counts as failed (reads are tried 3 times). 0 keeps each request\'s own default: 30, and 120 for a request that carries a file or a part. Raise it for a slow link.',
};

/** For operations whose items are independent: how many run at once (see itemsInParallel), with
 * what limits it in the words of the operation. */
function itemsInParallelWith(limitedBy: string): INodeProperties {
	return {
		displayName: 'Items in Parallel',
		name: 'itemsInParallel',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_ITEMS_IN_PARALLEL },
		default: DEFAULT_ITEMS_IN_PARALLEL,
		description: `How many input items to handle at the same time, 1 to 10. ${limitedBy} Output stays in input order; 1 handles items one after another.`,
	};
}

/** For operations outside File Staging (VQL, jobs). */
export const itemsInParallelOption = itemsInParallelWith(
	'Every request counts against the Vault\'s burst limit, which all its integrations share: lower it when Vault starts slowing its answers down.',
);

const FILE_STAGING_LIMIT =
	'Vault runs at most 10 File Staging requests at once for the whole Vault: lower it when other clients (other n8n workers, other integrations) use File Staging at the same time.';

/** For File Staging operations (staged items, upload sessions). */
export const stagingItemsInParallelOption = itemsInParallelWith(FILE_STAGING_LIMIT);

/** For Upload File, whose items may each be sent in parts. */
export const uploadItemsInParallelOption = itemsInParallelWith(`${FILE_STAGING_LIMIT} One file's parts always go one after another.`);

/** An operation's Options collection (n8n's "Add option" list). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}

/** The Options collection of an operation that has no other options. */
export const timeoutOnlyOptions = optionsCollection([timeoutOption]);

/** The path of a file or folder in the File Staging area. */
export function itemPathProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/inbox/report.pdf',
		description: 'A file or folder of the File Staging area: its path from the root, starting with /. For users other than Vault Admins it is relative to their own folder (u{user ID}).',
		...overrides,
	};
}

/**
 * A column mapping (n8n's resource mapper, "Values to Send"): its fields loaded from the Vault by
 * `method`, again whenever one of `dependsOn` changes. Before the object or type is chosen the
 * list is empty on purpose: n8n's "No fields found" is hidden so that only the method's notice shows.
 */
export function columnMappingProperty(
	{ name, displayName, method, dependsOn }: { name: string; displayName: string; method: string; dependsOn: string[] },
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: dependsOn,
			resourceMapper: {
				resourceMapperMethod: method,
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				hideNoDataError: true,
			},
		},
		...overrides,
	};
}
