// Lists behind the editor's "From List" pickers.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listObjects } from '../api/metadata';
import { runQuery } from '../api/query';
import { listUploadSessions } from '../api/uploadSessions';
import { documentsVql } from '../rules/documents';
import { computedFields } from '../rules/sessionInsights';
import { vaultClient } from '../vaultClient';

/** The active upload sessions the credential's user can see, newest activity first, with progress,
 * owner and path in each entry; the search text matches the path or the ID. */
export async function searchUploadSessions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const sessions = await listUploadSessions(vaultClient(this, 0));
	const needle = (filter ?? '').trim().toLowerCase();
	const now = Date.now();
	const results: INodeListSearchItems[] = sessions
		.filter((session) => !needle || String(session.path ?? '').toLowerCase().includes(needle) || String(session.id ?? '').toLowerCase().includes(needle))
		.sort((a, b) => String(b.last_uploaded_date ?? b.created_date ?? '').localeCompare(String(a.last_uploaded_date ?? a.created_date ?? '')))
		.map((session) => ({
			// What tells sessions apart comes first; the whole path last, where it may run long.
			name: `${computedFields(session, now).percent_uploaded}% · owner ${String(session.owner)} · ${String(session.path)}`,
			value: String(session.id),
		}));
	return { results };
}

/** The Vault's objects, by label; the search text matches the label or the name. */
export async function searchObjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const objects = await listObjects(vaultClient(this, 0));
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = objects
		.filter(({ name, label }) => !needle || name.toLowerCase().includes(needle) || String(label ?? '').toLowerCase().includes(needle))
		.sort((a, b) => String(a.label ?? a.name).localeCompare(String(b.label ?? b.name)))
		.map(({ name, label }) => ({ name: label ? `${label} (${name})` : name, value: name }));
	return { results };
}

/** Documents whose name or document number contains the search text (VQL, the newest changes
 * first, at most 100), each shown as "number · name (version)". */
export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const fields = ['id', 'name__v', 'document_number__v', 'major_version_number__v', 'minor_version_number__v'];
	const vql = `${documentsVql(fields, { nameOrNumberContains: filter }, '')} ORDER BY version_modified_date__v DESC LIMIT 100`;
	const documents = await runQuery(vaultClient(this, 0), vql, 100);
	const results: INodeListSearchItems[] = documents.map((document) => ({
		name: `${String(document.document_number__v ?? '')} · ${String(document.name__v ?? '')} (${Number(document.major_version_number__v ?? 0)}.${Number(document.minor_version_number__v ?? 0)})`,
		value: String(document.id),
	}));
	return { results };
}
