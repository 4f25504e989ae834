import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listUploadParts } from '../../api/uploadSessions';
import { returnAllOrLimit, sessionIdParameter, sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [sessionIdProperty, ...returnAllOrLimit, timeoutOnlyOptions];

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['getParts'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const parts = await listUploadParts(vault, sessionId, limit);
	return parts.map((part) => ({ json: part }));
}
