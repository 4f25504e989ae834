import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { abortUploadSession } from '../../api/uploadSessions';
import { sessionIdParameter, sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['delete'] } }, [sessionIdProperty, timeoutOnlyOptions]);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	await abortUploadSession(vault, sessionId);
	return [{ json: { deleted: true, id: sessionId } }];
}
