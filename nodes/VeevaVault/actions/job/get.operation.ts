import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getJob, waitForJob } from '../../api/jobs';
import { itemsInParallelOption, jobIdParameter, jobIdProperty, optionsCollection, timeoutOption, waitForJobOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	jobIdProperty({ placeholder: '70001', description: 'The ID of a Vault job (a number), e.g. mapped from the job_id that Commit, Move or Delete returns' }),
	optionsCollection([itemsInParallelOption, timeoutOption, waitForJobOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const jobId = jobIdParameter(this, itemIndex, 'Map it from an earlier node, e.g. {{ $json.job_id }}.');
	const { waitForJob: wait } = this.getNodeParameter('options', itemIndex, {}) as { waitForJob?: boolean };
	return [{ json: wait ? await waitForJob(vault, jobId) : await getJob(vault, jobId) }];
}
