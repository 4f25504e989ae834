// Option lists of the editor's drop-downs that come from the Vault.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { documentProperties, loaderColumns, objectFields } from '../api/metadata';
import { recordUserActions } from '../api/objectActions';
import { loaderTarget } from '../actions/loader/target';
import { vaultClient } from '../vaultClient';

/** The unique fields that can find a row's record: the Key Field of an update, upsert or delete. */
export async function getKeyFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const target = loaderTarget(this);
	if (target.objectType === 'vobjects__v' && !target.object) return [];
	const columns = await loaderColumns(vaultClient(this, 0), { ...target, action: 'update' });
	return columns.filter(({ unique }) => unique).map(({ name, label }) => ({ name: label, value: name }));
}

/** Every field of the object (or of documents) that an extract can return. */
export async function getExtractFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const target = loaderTarget(this);
	if (target.objectType === 'vobjects__v' && !target.object) return [];
	const vault = vaultClient(this, 0);
	const fields = target.objectType === 'documents__v' ? await documentProperties(vault) : await objectFields(vault, target.object ?? '');
	return fields.map(({ name, label }) => ({ name: label ? `${label} (${name})` : name, value: name }));
}

/** The user actions the record under Record ID allows now. A Record ID that is an expression has no
 * value in the editor: then the list is empty and the action is given by its name. */
export async function getRecordActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { object } = loaderTarget(this);
	const recordId = this.getCurrentNodeParameter('recordId') ?? this.getNode().parameters.recordId;
	if (!object || typeof recordId !== 'string' || !recordId.trim() || recordId.startsWith('=')) return [];
	const actions = await recordUserActions(vaultClient(this, 0), object, recordId.trim());
	return actions.map(({ name, label, type }) => ({ name: label, value: name, description: `${type ? `${type}: ` : ''}${name}` }));
}
