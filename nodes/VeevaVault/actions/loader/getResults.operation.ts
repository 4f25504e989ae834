import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../rules/inputError';
import type { VaultClient } from '../../vaultClient';
import { timeoutOnlyOptions } from '../common.descriptions';
import { extractRows } from './extractRows';
import { rowsOfFile, taskLogRows } from './results';

const properties: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 61907',
		description: 'The Vault Loader job, e.g. mapped from the job_id of Load or Extract run without waiting',
	},
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
	const jobId = String(this.getNodeParameter('jobId', itemIndex, '') ?? '').trim();
	const taskId = String(this.getNodeParameter('taskId', itemIndex, '1') ?? '').trim() || '1';
	if (!jobId) throw new InvalidInputError('The Job ID is empty', 'Map the job_id of a Load or Extract run without waiting.');
	if (this.getNodeParameter('jobKind', itemIndex, 'load') === 'extract') {
		const withRenditions = this.getNodeParameter('includeRenditions', itemIndex, false) as boolean;
		return (await extractRows(vault, jobId, taskId, withRenditions)).map((json) => ({ json }));
	}
	const which = this.getNodeParameter('rows', itemIndex, 'all') as string;
	const items = rowsOfFile(await taskLogRows(vault, jobId, taskId), itemIndex, { job_id: Number(jobId) || jobId, task_id: taskId });
	return items.filter((item) => which === 'all' || (which === 'failed') === (item.json.loaded === false));
}
