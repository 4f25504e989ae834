import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { waitForStartedJob } from '../../api/jobs';
import { commitUploadSession } from '../../api/uploadSessions';
import { stagingItemsInParallelOption, optionsCollection, sessionIdParameter, sessionIdProperty, timeoutOption, waitForJobOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	sessionIdProperty,
	optionsCollection([stagingItemsInParallelOption, timeoutOption, waitForJobOption]),
];

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	OPERATION_NOT_ALLOWED:
		'The session is missing bytes: upload every part (List Parts shows what Vault has), then commit.',
};

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['commit'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	const { waitForJob } = this.getNodeParameter('options', itemIndex, {}) as { waitForJob?: boolean };
	const started = await commitUploadSession(vault, sessionId);
	return [{ json: waitForJob ? await waitForStartedJob(vault, started) : started }];
}
