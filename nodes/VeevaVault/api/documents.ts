// Documents one at a time: read a version's fields and files, create (a file streamed in a
// multipart body, a staged file, or a placeholder), update, delete, new drafts, lifecycle actions.
import { FILE_TIMEOUT_MS, vaultApiRequest } from '../transport';
import type { VaultClient } from '../transport';
import { multipartFrame } from '../transport/multipart';
import { csvField } from '../rules/csv';
import type { RecordValue } from '../rules/objectRecords';
import { ENDPOINTS } from './endpoints';
import type { DocumentVersion } from './endpoints';
import { downloadFile } from './fileDownload';
import type { FileDownload } from './fileDownload';
import { recordOf } from './models';
import type { VaultRecord } from './models';

/** A source file sent in the request's body, read as a stream between the multipart frame's head and tail. */
export interface DocumentSource {
	bytes: number;
	fileName: string;
	mimeType?: string;
	content: (head: Buffer, tail: Buffer) => Promise<unknown>;
}

export interface LifecycleAction {
	name__v: string;
	label__v?: string;
	lifecycle_action_type__v?: string;
	state__v?: string;
	executable__v?: boolean;
}

export interface EntryRequirement {
	name__v: string;
	description__v?: string;
	required__v?: boolean;
	current_value__v?: unknown;
}

/** The fields of the latest version, or of the given one. */
export async function getDocument(vault: VaultClient, id: string, version?: DocumentVersion): Promise<VaultRecord> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentVersion(id, version) });
	return recordOf<VaultRecord>(envelope.document);
}

/** The source file, or a rendition, of the latest or a given version. */
export async function downloadDocumentFile(vault: VaultClient, id: string, { version, rendition }: { version?: DocumentVersion; rendition?: string }): Promise<FileDownload> {
	const urlPath = rendition ? ENDPOINTS.documentRendition(id, rendition, version) : ENDPOINTS.documentFile(id, version);
	const what = `${rendition ? `the ${rendition} rendition` : 'the source file'} of document ${id}${version ? ` version ${version.major}.${version.minor}` : ''}`;
	return await downloadFile(vault, { urlPath, what, fallbackName: `${id}${rendition ? `-${rendition}` : ''}` });
}

/** Create Single Document: the fields, with the source file streamed (none: a placeholder). Returns the new ID. */
export async function createDocument(vault: VaultClient, fields: Record<string, RecordValue>, source?: DocumentSource): Promise<string> {
	const envelope = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.documents, ...withFile(formFields(fields), source), idempotent: false });
	return String(envelope.id);
}

/** Create Multiple Documents with one row: a document whose source file is on File Staging (Vault
 * takes larger files this way than in one request). Returns the new ID, or throws Vault's reason. */
export async function createDocumentFromStaging(vault: VaultClient, fields: Record<string, RecordValue>, stagingPath: string): Promise<string> {
	const row = { ...formFields(fields), file: stagingPath };
	const body = [Object.keys(row), Object.values(row)].map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
	const envelope = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.documentsBatch, body, headers: { 'Content-Type': 'text/csv' }, idempotent: false });
	const result = recordOf<{ responseStatus?: string; id?: unknown; errors?: Array<{ type: string; message: string }> }>((envelope.data as unknown[] | undefined)?.[0]);
	if (result.responseStatus === 'SUCCESS' && result.id !== undefined) return String(result.id);
	const reason = (result.errors ?? []).map(({ type, message }) => `${type}: ${message}`).join('; ') || 'Vault gave no reason';
	throw new DocumentRefusedError(`Vault refused the document: ${reason}`, result.errors?.[0]?.type);
}

/** Vault refused the one row of a batch create. */
export class DocumentRefusedError extends Error {
	constructor(
		message: string,
		readonly type?: string,
	) {
		super(message);
		this.name = 'DocumentRefusedError';
	}
}

export async function updateDocument(vault: VaultClient, id: string, fields: Record<string, RecordValue>): Promise<void> {
	await vaultApiRequest(vault, { method: 'PUT', path: ENDPOINTS.document(id), form: formFields(fields) });
}

export async function deleteDocument(vault: VaultClient, id: string): Promise<void> {
	// Sent again after a lost answer, a delete finds nothing to delete and fails: never retried blindly.
	await vaultApiRequest(vault, { method: 'DELETE', path: ENDPOINTS.document(id), idempotent: false });
}

/** Create Document Version: a new draft from the uploaded file, or from the latest content. */
export async function createDocumentDraft(vault: VaultClient, id: string, source?: DocumentSource): Promise<{ major: number; minor: number }> {
	const fields = { createDraft: source ? 'uploadedContent' : 'latestContent' };
	const envelope = await vaultApiRequest(vault, { method: 'POST', path: ENDPOINTS.document(id), ...withFile(fields, source), idempotent: false });
	return { major: Number(envelope.major_version_number__v), minor: Number(envelope.minor_version_number__v) };
}

export async function listLifecycleActions(vault: VaultClient, id: string, version: DocumentVersion): Promise<LifecycleAction[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: ENDPOINTS.documentLifecycleActions(id, version) });
	const actions = envelope.lifecycle_actions__v;
	return Array.isArray(actions) ? (actions as LifecycleAction[]) : [];
}

export async function listEntryRequirements(vault: VaultClient, id: string, version: DocumentVersion, action: string): Promise<EntryRequirement[]> {
	const envelope = await vaultApiRequest(vault, { method: 'GET', path: `${ENDPOINTS.documentLifecycleAction(id, version, action)}/entry_requirements` });
	return Array.isArray(envelope.data) ? (envelope.data as EntryRequirement[]) : [];
}

export async function runLifecycleAction(vault: VaultClient, id: string, version: DocumentVersion, action: string): Promise<void> {
	// A state change is not repeated after a lost answer: the document may have moved on.
	await vaultApiRequest(vault, { method: 'PUT', path: ENDPOINTS.documentLifecycleAction(id, version, action), idempotent: false });
}

/** Field values as Vault's forms take them: text, booleans as true/false, no value as empty. */
function formFields(fields: Record<string, RecordValue>): Record<string, string> {
	return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

/** A multipart body of the fields and, when there is one, the file (a stream, read anew for each send). */
function withFile(fields: Record<string, string>, source?: DocumentSource) {
	const { head, tail, contentType } = multipartFrame(fields, source ? { name: 'file', fileName: source.fileName, contentType: source.mimeType || 'application/octet-stream' } : undefined);
	if (!source) return { body: Buffer.concat([head, tail]), headers: { 'Content-Type': contentType } };
	const body = async () => (await source.content(head, tail)) as Buffer;
	return { body, headers: { 'Content-Type': contentType, 'Content-Length': String(head.length + source.bytes + tail.length) }, timeoutMs: FILE_TIMEOUT_MS };
}
