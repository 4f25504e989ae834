import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { uploadSessionPath, sessionIdParameter } from '../../helpers/uploadSessions';
import { vaultApiRequest } from '../../transport';
import { sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['get'] } }, [sessionIdProperty, timeoutOnlyOptions]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	const { data } = await vaultApiRequest.call(this, { method: 'GET', path: uploadSessionPath(sessionId) }, itemIndex);
	return [{ json: (data ?? {}) as IDataObject }];
}
