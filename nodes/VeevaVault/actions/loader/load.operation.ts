import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { VaultClient } from '../../vaultClient';
import { binaryPropertyNameProperty, columnMappingProperty, optionsCollection, timeoutOption } from '../common.descriptions';
import { WITH_ACTIONS, settingsOf } from './loadSettings';
import { contradictedRowsHint, failedRowsHint } from './results';
import { runLoad } from './runLoad';
import { csvsOfItems, stageItemRows } from './stageRows';
import { objectProperty, objectTypeProperty } from '../../descriptions/loaderTarget';

const properties: INodeProperties[] = [
	objectTypeProperty('load'),
	objectProperty('load'),
	{
		displayName: 'Action',
		name: 'loadAction',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { objectType: WITH_ACTIONS } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a record or document from each row' },
			{ name: 'Update', value: 'update', description: 'Change the record or document each row finds by its Key Field' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)' },
			{ name: 'Delete', value: 'delete', description: 'Delete the record or document each row finds by its Key Field' },
		],
		default: 'create',
	},
	{
		displayName: 'Key Field Name or ID',
		name: 'keyField',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getKeyFields', loadOptionsDependsOn: ['objectType', 'object.value'] },
		displayOptions: { show: { objectType: WITH_ACTIONS, loadAction: ['update', 'upsert', 'delete'] } },
		default: 'external_id__v',
		description:
			'The unique field that finds each row\'s record, e.g. an external ID (recommended: with Create or Update, loading the same rows again updates them instead of creating duplicates) or the record ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Rows From',
		name: 'dataSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Input Items', value: 'items', description: 'One row per input item, its columns mapped below' },
			{ name: 'CSV on File Staging', value: 'stagedCsv', description: 'A CSV file already on File Staging, one per input item' },
			{ name: 'CSV in a Binary Field', value: 'binaryCsv', description: 'A CSV file of each input item, staged by the node first' },
		],
		default: 'items',
	},
	columnMappingProperty(
		{ name: 'columns', displayName: 'Columns', method: 'getLoaderColumns', dependsOn: ['objectType', 'object.value', 'loadAction', 'keyField'] },
		{ displayOptions: { show: { dataSource: ['items'] } } },
	),
	{
		displayName: 'CSV Path',
		name: 'csvPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/loader/products.csv',
		description: 'The staging path of the CSV to load: a header line of Vault field names, then one line per row',
		displayOptions: { show: { dataSource: ['stagedCsv'] } },
	},
	{ ...binaryPropertyNameProperty, displayOptions: { show: { dataSource: ['binaryCsv'] } }, description: 'The binary field that holds the CSV to load' },
	{
		displayName: 'Wait for Job',
		name: 'waitForJob',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Vault has loaded the rows and return one item per row (its record ID, or Vault\'s reason for not loading it). Off: return the job ID and task IDs at once; get the rows later with Get Results.',
	},
	optionsCollection([
		{
			displayName: 'Record Migration Mode',
			name: 'recordMigrationMode',
			type: 'boolean',
			default: false,
			description: 'Whether to load records in any lifecycle state, with minimal validation (Vault\'s Record Migration Mode; needs the permission in Vault)',
		},
		{
			displayName: 'No Triggers',
			name: 'noTriggers',
			type: 'boolean',
			default: false,
			description: 'Whether to skip record triggers (only with Record Migration Mode)',
		},
		{
			displayName: 'CSV Folder',
			name: 'csvFolder',
			type: 'string',
			default: '/n8n-loader',
			description: 'The staging folder where the node puts the CSV it writes for Vault Loader',
		},
		{
			displayName: 'Keep CSV',
			name: 'keepCsv',
			type: 'boolean',
			default: false,
			description: 'Whether to leave the CSV the node wrote on File Staging after the rows are loaded (by default it is deleted once Vault has loaded it)',
		},
		timeoutOption,
	]),
];

/** The node loads all its input items in one Vault Loader job: the router calls it once. */
export const runsOnceForAllItems = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Object Type, Object, Action and Key Field: Vault refused the load before reading any row.',
	PARAMETER_REQUIRED:
		'Vault\'s message names the task parameter it missed. For entity_type or object_type: Vault renamed object_type to entity_type in API v26.1, so check the API Version of the credential.',
	INSUFFICIENT_ACCESS: 'The credential\'s Vault user may not use Vault Loader or change these records; a Vault Admin can grant it.',
};

export const description = updateDisplayOptions({ show: { resource: ['loader'], operation: ['load'] } }, properties);

export async function execute(this: IExecuteFunctions, _itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	if (this.getInputData().length === 0) return [];
	const settings = settingsOf(this);
	const source = this.getNodeParameter('dataSource', 0, 'items') as string;
	const csvs = source === 'items' ? await stageItemRows(this, vault, settings) : await csvsOfItems(this, vault, settings, source === 'binaryCsv');
	const { items, contradicted, uncounted } = await runLoad(this, vault, settings, csvs);
	const hints = [
		failedRowsHint(items),
		contradictedRowsHint(contradicted),
		uncounted.length > 0 ? `The node could not read ${uncounted.length} CSV(s) to count their rows, so rows after the last one Vault's logs name may be missing: ${uncounted.join('; ')}` : undefined,
	];
	for (const message of hints) if (message && typeof this.addExecutionHints === 'function') this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	return items;
}
