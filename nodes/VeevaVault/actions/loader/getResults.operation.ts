import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { validStagingPath } from '../../rules/stagingRules';
import type { VaultClient } from '../../vaultClient';
import { jobIdParameter, jobIdProperty, timeoutOnlyOptions } from '../common.descriptions';
import { extractRows } from './extractRows';
import { contradictedRowsHint, sentRowsOfLogs, taskItems, taskLogRows } from './results';
import { sentRowsOfStagedCsv } from './sentRows';

const properties: INodeProperties[] = [
	jobIdProperty({ placeholder: 'e.g. 61907', description: 'The Vault Loader job, e.g. mapped from the job_id of Load or Extract run without waiting' }),
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '1',
		description: 'The task of the job: 1 for its first CSV or extract, 2 for the second …',
	},
	{
		displayName: 'Job Kind',
		name: 'jobKind',
		type: 'options',
		options: [
			{ name: 'Load', value: 'load', description: 'One item per loaded row, from the task\'s success and failure logs' },
			{ name: 'Extract', value: 'extract', description: 'One item per extracted row' },
		],
		default: 'load',
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'options',
		displayOptions: { show: { jobKind: ['load'] } },
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Failed Only', value: 'failed', description: 'The rows Vault did not load, with its reason' },
			{ name: 'Loaded Only', value: 'loaded' },
		],
		default: 'all',
	},
	{
		displayName: 'Loaded CSV Path',
		name: 'csvPath',
		type: 'string',
		displayOptions: { show: { jobKind: ['load'] } },
		default: '',
		placeholder: 'e.g. /n8n-loader/n8n-load-42-1.csv',
		description:
			'The staging path of the CSV the task loaded (Load without waiting returns it in csv_paths). With it, every row of the CSV gets an item, also a row Vault\'s logs do not mention; without it, rows after the last one the logs name cannot be known.',
	},
	{
		displayName: 'Include Renditions',
		name: 'includeRenditions',
		type: 'boolean',
		displayOptions: { show: { jobKind: ['extract'] } },
		default: false,
		description: 'Whether the extract included renditions, to add each row\'s "renditions"',
	},
	timeoutOnlyOptions,
];

/** Items are independent: the router may read several jobs' results at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Job ID and Task ID: the job may not be a Vault Loader job, may not have finished yet, or may not have this task.',
};

export const description = updateDisplayOptions({ show: { resource: ['loader'], operation: ['getResults'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const jobId = jobIdParameter(this, itemIndex, 'Map the job_id of a Load or Extract run without waiting.');
	const taskId = String(this.getNodeParameter('taskId', itemIndex, '1') ?? '').trim() || '1';
	if (this.getNodeParameter('jobKind', itemIndex, 'load') === 'extract') {
		const withRenditions = this.getNodeParameter('includeRenditions', itemIndex, false) as boolean;
		return (await extractRows(vault, jobId, taskId, withRenditions)).map((json) => ({ json }));
	}
	const which = this.getNodeParameter('rows', itemIndex, 'all') as string;
	const csvPath = String(this.getNodeParameter('csvPath', itemIndex, '') ?? '').trim();
	const logRows = await taskLogRows(vault, jobId, taskId);
	const sent = csvPath ? await sentRowsOfStagedCsv(vault, validStagingPath(csvPath, 'Loaded CSV Path')) : sentRowsOfLogs(logRows);
	const { items, contradicted } = taskItems(logRows, sent, { job_id: Number(jobId) || jobId, task_id: taskId }, () => ({ item: itemIndex }), [{ item: itemIndex }]);
	const hint = contradictedRowsHint(contradicted);
	if (hint && typeof this.addExecutionHints === 'function') this.addExecutionHints({ message: hint, type: 'warning', location: 'outputPane' });
	return items.filter((item) => which === 'all' || (which === 'failed') === (item.json.loaded === false));
}
