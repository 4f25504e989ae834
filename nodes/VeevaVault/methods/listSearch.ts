// Lists behind the editor's "From List" pickers.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listObjects } from '../api/metadata';
import { listUploadSessions } from '../api/uploadSessions';
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
