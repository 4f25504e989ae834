import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUploadSession } from '../../api/uploadSessions';
import { sessionIdParameter, sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['get'] } }, [sessionIdProperty, timeoutOnlyOptions]);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	return [{ json: await getUploadSession(vault, sessionIdParameter(this, itemIndex)) }];
}
