// Option lists of the editor's drop-downs that come from the Vault.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { documentProperties, listDocumentTypes, loaderColumns, objectFields } from '../api/metadata';
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

/** The Vault's document types, by label (what documents carry in type__v). */
export async function getDocumentTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const types = await listDocumentTypes(vaultClient(this, 0));
	return types.map(({ label }) => ({ name: label, value: label }));
}

/** Every document field VQL can read. */
export async function getDocumentFieldNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await documentProperties(vaultClient(this, 0));
	return fields.filter((field) => (field as { queryable?: unknown }).queryable !== false).map(({ name, label }) => ({ name: label ? `${label} (${name})` : name, value: name }));
}
