// Option lists of the editor's drop-downs that come from the Vault.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getDocument, listLifecycleActions } from '../api/documents';
import { documentClassifications, documentProperties, documentTypeMetadata, listDocumentTypes, loaderColumns, objectFields } from '../api/metadata';
import { recordUserActions } from '../api/objectActions';
import { loaderTarget } from '../descriptions/loaderTarget';
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

/** The chosen type's subtypes, by label. */
export async function getDocumentSubtypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const type = await chosenType(this);
	if (!type) return [];
	const { subtypes } = await documentTypeMetadata(vaultClient(this, 0), type.name);
	return subtypes.map(({ label }) => ({ name: label, value: label }));
}

/** The chosen subtype's classifications, by label. */
export async function getDocumentClassifications(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const type = await chosenType(this);
	const subtypeLabel = String(this.getNodeParameter('subtype', '') ?? '');
	if (!type || !subtypeLabel) return [];
	const vault = vaultClient(this, 0);
	const subtype = (await documentTypeMetadata(vault, type.name)).subtypes.find(({ label, name }) => label === subtypeLabel || name === subtypeLabel);
	if (!subtype) return [];
	return (await documentClassifications(vault, type.name, subtype.name)).map(({ label }) => ({ name: label, value: label }));
}

/** The lifecycles documents of the chosen type take, by label. */
export async function getDocumentLifecycles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const type = await chosenType(this);
	if (!type) return [];
	const { lifecycles } = await documentTypeMetadata(vaultClient(this, 0), type.name);
	return lifecycles.map(({ label }) => ({ name: label, value: label }));
}

/** The Document Type parameter's type (by label or name), if it names one of the Vault's. */
async function chosenType(ctx: ILoadOptionsFunctions) {
	const chosen = String(ctx.getNodeParameter('documentType', '') ?? '');
	if (!chosen) return undefined;
	return (await listDocumentTypes(vaultClient(ctx, 0))).find(({ label, name }) => label === chosen || name === chosen);
}

/** The user actions the chosen document's lifecycle state allows now, from Vault. */
export async function getDocumentLifecycleActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const id = String(this.getNodeParameter('documentId', '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(id)) return [];
	const vault = vaultClient(this, 0);
	const document = await getDocument(vault, id);
	const version = { major: Number(document.major_version_number__v ?? 0), minor: Number(document.minor_version_number__v ?? 0) };
	return (await listLifecycleActions(vault, id, version)).map((action) => ({ name: action.label__v ?? action.name__v, value: action.name__v }));
}
