// The Loader's column mapping in the editor ("Map Automatically" / "Map Each Column Manually"):
// the columns come from the Vault's metadata for the chosen object type, object and action.
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { getDocument } from '../api/documents';
import { documentTypeMetadata, listDocumentTypes, loaderColumns, objectFields, objectRecordColumns } from '../api/metadata';
import { documentColumns } from '../rules/documents';
import { mapperFieldOf, withKeyColumn } from '../rules/loaderColumns';
import type { LoaderAction } from '../rules/loaderColumns';
import { loaderTarget } from '../descriptions/loaderTarget';
import { vaultClient } from '../vaultClient';

export async function getLoaderColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const target = loaderTarget(this);
	const action = this.getNodeParameter('loadAction', 'create') as LoaderAction;
	if (target.objectType === 'vobjects__v' && !target.object) return { fields: [], emptyFieldsNotice: 'Choose an object first' };
	const columns = await loaderColumns(vaultClient(this, 0), { ...target, action });
	const keyField = action === 'create' ? undefined : String(this.getNodeParameter('keyField', '') ?? '').trim();
	return { fields: withKeyColumn(columns, keyField).map(mapperFieldOf) };
}

/** Object Record's columns: the object's fields that the operation can set, required ones marked
 * (for Create, and for Create or Update, which may create), picklists as drop-downs. */
export async function getObjectRecordColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const { object } = loaderTarget(this);
	if (!object) return { fields: [], emptyFieldsNotice: 'Choose an object first' };
	const operation = this.getNodeParameter('operation', 'create') as string;
	const action: LoaderAction = operation === 'update' || operation === 'upsert' ? operation : 'create';
	const vault = vaultClient(this, 0);
	const fields = await objectFields(vault, object);
	const required = new Set(fields.filter((field) => field.required === true).map(({ name }) => name));
	const columns = (await objectRecordColumns(vault, object, action, fields)).map((column) => (action === 'upsert' ? { ...column, required: required.has(column.name) } : column));
	return { fields: columns.map(mapperFieldOf) };
}

/** Document Create's and Update's fields: the fields of the chosen type (Create) or of the
 * document's type (Update), required ones marked on Create, picklists as drop-downs. */
export async function getDocumentFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const vault = vaultClient(this, 0);
	const operation = this.getNodeParameter('operation', 'create') as string;
	let typeLabel: string;
	if (operation === 'update') {
		const id = String(this.getNodeParameter('documentId', '', { extractValue: true }) ?? '').trim();
		if (!/^\d+$/.test(id)) return { fields: [], emptyFieldsNotice: 'Choose a document first' };
		typeLabel = String((await getDocument(vault, id)).type__v ?? '');
	} else {
		typeLabel = String(this.getNodeParameter('documentType', '') ?? '');
		if (!typeLabel) return { fields: [], emptyFieldsNotice: 'Choose a document type first' };
	}
	const type = (await listDocumentTypes(vault)).find(({ label, name }) => label === typeLabel || name === typeLabel);
	if (!type) return { fields: [], emptyFieldsNotice: `${typeLabel} is not a document type of this Vault` };
	const columns = documentColumns((await documentTypeMetadata(vault, type.name)).properties, operation === 'update' ? 'update' : 'create');
	return { fields: columns.map(mapperFieldOf) };
}
