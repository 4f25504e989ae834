import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUploadSession } from '../../api/uploadSessions';
import { stagingItemsInParallelOption, optionsCollection, sessionIdParameter, sessionIdProperty, timeoutOption } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

/** Items are independent: the router may run several at once. */
export const runsItemsInParallel = true;

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['get'] } }, [sessionIdProperty, optionsCollection([stagingItemsInParallelOption, timeoutOption])]);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	return [{ json: await getUploadSession(vault, sessionIdParameter(this, itemIndex)) }];
}
