// Documents' rules, without I/O: document IDs and version numbers as users give them, the VQL of
// Get Many's filters, the fields of Create and Update checked against the type's metadata, and the
// largest file Create Single Document takes.
import { InvalidInputError } from './inputError';
import { loaderColumnsOf } from './loaderColumns';
import type { LoaderColumn, VaultField } from './loaderColumns';
import { recordValue, vqlLiteral } from './objectRecords';
import type { RecordValue } from './objectRecords';

/** Create Single Document and Create Document Version take source files of up to 4 GB. */
export const MAX_DOCUMENT_FILE_BYTES = 4 * 1024 ** 3;

/** Fields chosen with their own parameters (Type, Subtype, Classification, Lifecycle), never in the
 * Fields mapping. */
export const CLASSIFYING_FIELDS = ['type__v', 'subtype__v', 'classification__v', 'lifecycle__v'];

export interface DocumentVersionNumber {
	major: number;
	minor: number;
}

/** A document ID as Vault numbers documents: a whole number. */
export function validDocumentId(value: unknown): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InvalidInputError('Document is empty', 'Choose a document from the list, or map its ID from an earlier node, e.g. {{ $json.id }}.');
	if (!/^\d+$/.test(text)) {
		throw new InvalidInputError(`Document → "${text}" is not a document ID`, 'Vault\'s document IDs are whole numbers, e.g. 101: the id field of Get Many or Create.');
	}
	return text;
}

/** "1.0" as a version; empty means the latest version. */
export function parseVersion(value: unknown): DocumentVersionNumber | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text) return undefined;
	const match = /^(\d+)\.(\d+)$/.exec(text);
	if (!match) throw new InvalidInputError(`Version → "${text}" is not a version number`, 'Enter a version as Vault shows it, major.minor, e.g. 0.2 or 1.0; leave it empty for the latest version.');
	return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Get Many's filters as the editor stores them (a date may come from an expression as a Luxon DateTime). */
export interface DocumentFilters {
	documentType?: unknown;
	lifecycleState?: unknown;
	modifiedSince?: unknown;
	nameOrNumberContains?: unknown;
}

/** Get Many's query: the fields, the filters (joined by AND) and a raw WHERE. */
export function documentsVql(fields: readonly string[], filters: DocumentFilters, where: string): string {
	const clauses: string[] = [];
	const text = (value: unknown) => {
		if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') return String((value as { toISO: () => string }).toISO());
		return value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	};
	if (text(filters.documentType)) clauses.push(`type__v = ${vqlLiteral(text(filters.documentType), 'type__v')}`);
	if (text(filters.lifecycleState)) clauses.push(`status__v = ${vqlLiteral(text(filters.lifecycleState), 'status__v')}`);
	if (text(filters.modifiedSince)) clauses.push(`version_modified_date__v >= ${vqlLiteral(isoInstant(text(filters.modifiedSince)), 'version_modified_date__v')}`);
	const contains = text(filters.nameOrNumberContains);
	if (contains) {
		const pattern = vqlLiteral(`%${contains.replace(/%/g, '')}%`, 'name__v');
		clauses.push(`(name__v LIKE ${pattern} OR document_number__v LIKE ${pattern})`);
	}
	if (where.trim()) clauses.push(`(${where.trim()})`);
	return `SELECT ${fields.join(', ')} FROM documents${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
}

/** A date or date-time as VQL compares dates: ISO 8601 in UTC with milliseconds. */
function isoInstant(value: string): string {
	const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(time)) throw new InvalidInputError(`Filters → Modified Since "${value}" is not a date`, 'Pick a date, or map one such as 2026-01-31 or {{ $now.startOf("week") }}.');
	return new Date(time).toISOString();
}

/** The mapped values of an item as the document's fields: each one a field of the type, none an
 * object or a list; on create, every field the type requires holds a value. */
export function documentFieldsOf(values: Record<string, unknown>, columns: readonly LoaderColumn[], { creating, typeLabel }: { creating: boolean; typeLabel: string }): Record<string, RecordValue> {
	const byName = new Map(columns.map((column) => [column.name, column]));
	const fields: Record<string, RecordValue> = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || (value === '' && creating)) continue;
		const column = byName.get(name);
		if (!column) {
			throw new InvalidInputError(
				`Fields → "${name}" is not a field of documents of type ${typeLabel}`,
				`Remove it from Fields, or refresh the list. The type's fields: ${columns.map((candidate) => candidate.name).join(', ')}.`,
			);
		}
		fields[name] = recordValue(value, name, column.type);
	}
	if (creating) {
		const missing = columns.filter((column) => column.required && (fields[column.name] === undefined || fields[column.name] === null || fields[column.name] === ''));
		if (missing.length) {
			throw new InvalidInputError(`Fields → ${missing.map(({ name }) => `"${name}"`).join(', ')} is empty; Vault needs it to create a document of type ${typeLabel}`, 'Map a value to it under Fields.');
		}
	}
	return fields;
}

/** Refuses a source file Create Single Document does not take, saying what to do instead. */
export function checkDocumentFileSize(bytes: number, field: string): void {
	if (bytes <= MAX_DOCUMENT_FILE_BYTES) return;
	throw new InvalidInputError(
		`The file in "${field}" is ${(bytes / 1024 ** 3).toFixed(1)} GB; Vault takes at most 4 GB in one request`,
		'Upload it to File Staging first (Staging Item → Upload File), then create the document with Source set to "File Staging Path" and that path.',
	);
}

/** The one picked from `allowed` (by label or name), or an error naming the field and the allowed values. */
export function oneOf(value: string, allowed: ReadonlyArray<{ name: string; label: string }>, field: string, what: string): { name: string; label: string } {
	const found = allowed.find((candidate) => candidate.label === value || candidate.name === value);
	if (found) return found;
	const list = allowed.length ? allowed.map(({ label }) => label).join(', ') : 'none';
	throw new InvalidInputError(`${field} → "${value}" is not ${what}`, `Allowed values: ${list}.`);
}

/** The fields Create or Update can set on a document of a type: its editable properties, without
 * those chosen with their own parameters; required ones marked on create. */
export function documentColumns(properties: readonly VaultField[], action: 'create' | 'update'): LoaderColumn[] {
	return loaderColumnsOf(properties, 'document', action).filter((column) => column.name !== 'id' && !CLASSIFYING_FIELDS.includes(column.name));
}
