import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sessionIdParameter, uploadSessionPath } from '../../helpers/uploadSessions';
import { vaultApiRequestAllItems } from '../../transport';
import { returnAllOrLimit, sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	sessionIdProperty,
	...returnAllOrLimit,
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['getParts'] } }, properties);

const VAULT_PAGE_MAX = 1000;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const parts = await vaultApiRequestAllItems.call(
		this,
		{ method: 'GET', path: uploadSessionPath(sessionId, '/parts'), qs: { limit: Math.min(limit ?? VAULT_PAGE_MAX, VAULT_PAGE_MAX) } },
		itemIndex,
		limit,
	);
	return parts.map((part) => ({ json: part }));
}
