// Vault's metadata: its objects, their fields, and the fields of documents. The Loader's column
// mapping and pickers read them.
import { vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import { columnsFromMetadata, fixedColumns, loaderColumnsOf, relationshipColumnsOf, relationshipFieldsOf } from '../rules/loaderColumns';
import type { LoaderAction, LoaderColumn, VaultField } from '../rules/loaderColumns';
import { ENDPOINTS } from './endpoints';

export type { VaultField };

export interface VaultObject {
	name: string;
	label?: string;
	label_plural?: string;
	status?: string[];
}


function listOf<T>(value: unknown): T[] {
	return Array.isArray(value) ? (value.filter((entry) => entry !== null && typeof entry === 'object') as T[]) : [];
}

export async function listObjects(vault: VaultClient): Promise<VaultObject[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.objects });
	return listOf<VaultObject>(envelope.objects);
}

export async function objectFields(vault: VaultClient, object: string): Promise<VaultField[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.object(object) });
	const described = envelope.object as { fields?: unknown } | undefined;
	return listOf<VaultField>(described?.fields);
}

export async function documentProperties(vault: VaultClient): Promise<VaultField[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentProperties });
	return listOf<VaultField>(envelope.properties);
}

/** The columns a Loader CSV of this kind takes, from the Vault's metadata where it has them; for
 * object records also the columns that set an Object field by a unique field of its target. */
export async function loaderColumns(vault: VaultClient, load: { objectType: string; object?: string; action: LoaderAction }): Promise<LoaderColumn[]> {
	if (!columnsFromMetadata(load.objectType)) return fixedColumns(load.objectType);
	if (load.objectType === 'documents__v') return loaderColumnsOf(await documentProperties(vault), load.objectType, load.action);
	return await objectRecordColumns(vault, load.object ?? '', load.action);
}

/** An object's columns for an Object Record write: its fields that `action` can set, then the
 * columns that set an Object field by a unique field of its target (one metadata call per target). */
export async function objectRecordColumns(vault: VaultClient, object: string, action: LoaderAction, fields?: readonly VaultField[]): Promise<LoaderColumn[]> {
	const own = fields ?? (await objectFields(vault, object));
	const columns = loaderColumnsOf(own, 'vobjects__v', action);
	if (action === 'delete') return columns;
	for (const field of relationshipFieldsOf(own)) columns.push(...relationshipColumnsOf(field, await objectFields(vault, field.object.name)));
	return columns;
}

/** A document type, subtype, classification or lifecycle: its name and the label documents carry. */
export interface NamedLabel {
	name: string;
	label: string;
}

export interface DocumentTypeMetadata {
	properties: VaultField[];
	lifecycles: NamedLabel[];
	subtypes: NamedLabel[];
}

/** Vault lists types, subtypes and classifications as label and metadata URL; the name ends the URL. */
function namedLabels(value: unknown): NamedLabel[] {
	return listOf<{ label?: unknown; value?: unknown; name?: unknown }>(value).map((entry) => ({
		name: typeof entry.name === 'string' ? entry.name : (String(entry.value ?? '').split('/').pop() ?? ''),
		label: String(entry.label ?? entry.name ?? ''),
	}));
}

export async function listDocumentTypes(vault: VaultClient): Promise<NamedLabel[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentTypes });
	return namedLabels(envelope.types);
}

/** A type's properties (its own and the shared ones), the lifecycles it takes and its subtypes. */
export async function documentTypeMetadata(vault: VaultClient, type: string): Promise<DocumentTypeMetadata> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentType(type) });
	return { properties: listOf<VaultField>(envelope.properties), lifecycles: namedLabels(envelope.availableLifecycles), subtypes: namedLabels(envelope.subtypes) };
}

export async function documentClassifications(vault: VaultClient, type: string, subtype: string): Promise<NamedLabel[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentSubtype(type, subtype) });
	return namedLabels(envelope.classifications);
}
