// Object records' rules, without I/O: what an input item's values become in the JSON Vault's bulk
// endpoints read, the checks made before anything is sent, the batches of at most 500, and the VQL
// of Get Many's filters.
import { InvalidInputError } from './inputError';
import { unfilledRequiredColumns } from './loaderColumns';
import type { LoaderColumn } from './loaderColumns';

/** Vault's bulk object record endpoints take at most 500 records per request. */
export const MAX_RECORDS_PER_REQUEST = 500;

export type RecordAction = 'create' | 'update' | 'upsert' | 'delete';
export type RecordValue = string | number | boolean | null;

/** A mapped value as a JSON value of a record: text, numbers, booleans and null as they are, dates
 * as ISO 8601 (a Vault Date field gets the day alone). An object or a list is refused. */
export function recordValue(value: unknown, field: string, fieldType?: string): RecordValue {
	if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'string') return fieldType === 'Date' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
	if (value instanceof Date) return recordValue(value.toISOString(), field, fieldType);
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return recordValue(String((value as { toISO: () => string }).toISO()), field, fieldType);
	}
	const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	throw new InvalidInputError(
		`Values to Send → "${field}" holds ${what}, not a value Vault can store`,
		'Map text, a number, a boolean or a date to this field (e.g. one property of the object, or the list joined into text).',
	);
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * One input item's record for `action`: its mapped values of the object's fields, checked. Refused
 * (InvalidInputError) when a value is an object or a list, a field is not one of the object's, a
 * field Vault requires to create is empty, or the Key Field that finds the record is empty.
 */
export function recordOf(
	values: Record<string, unknown>,
	columns: ReadonlyMap<string, LoaderColumn>,
	{ action, keyField, object }: { action: RecordAction; keyField?: string; object: string },
): Record<string, RecordValue> {
	const record: Record<string, RecordValue> = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined) continue;
		const column = columns.get(name);
		if (!column) {
			throw new InvalidInputError(`Values to Send → "${name}" is not a field of ${object}`, 'Remove it from Values to Send, or refresh the field list (the object may have changed in Vault).');
		}
		record[name] = recordValue(value, name, column.type);
	}
	if (action === 'create') {
		const missing = unfilledRequiredColumns(columns.values(), (name) => !isEmpty(record[name]));
		if (missing.length) throw new InvalidInputError(`Values to Send → ${missing.map((name) => `"${name}"`).join(', ')} is empty; Vault needs it to create a ${object} record`, 'Map a value to it under Values to Send.');
	}
	if (keyField && isEmpty(record[keyField])) {
		throw new InvalidInputError(`Values to Send → "${keyField}" (the Key Field) is empty, so Vault cannot find the record`, `Map a value to ${keyField} under Values to Send, or choose another Key Field.`);
	}
	return record;
}

/** Consecutive slices of at most `size` entries. */
export function batchesOf<T>(entries: readonly T[], size = MAX_RECORDS_PER_REQUEST): T[][] {
	const batches: T[][] = [];
	for (let first = 0; first < entries.length; first += size) batches.push(entries.slice(first, first + size));
	return batches;
}

/** Item indexes as short text: "0-3, 7, 9-10". */
export function itemRanges(indexes: readonly number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let at = 0; at < sorted.length; at++) {
		let end = at;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		parts.push(end === at ? String(sorted[at]) : `${sorted[at]}-${sorted[end]}`);
		at = end;
	}
	return parts.join(', ');
}

export interface RecordCondition {
	field: string;
	operator: string;
	value: string;
}

/** Get Many's filter operators by stored value (a stored value starting with "=" would be read by
 * n8n as an expression) and their VQL. */
export const CONDITION_OPERATORS: Record<string, { vql: string; name: string }> = {
	equal: { vql: '=', name: 'Equals' },
	notEqual: { vql: '!=', name: 'Does Not Equal' },
	less: { vql: '<', name: 'Less Than' },
	lessOrEqual: { vql: '<=', name: 'Less Than or Equal' },
	greater: { vql: '>', name: 'Greater Than' },
	greaterOrEqual: { vql: '>=', name: 'Greater Than or Equal' },
	like: { vql: 'LIKE', name: 'Like (% Matches Any Text)' },
};

/** A VQL literal of a field's type: numbers and booleans bare, everything else in single quotes. */
export function vqlLiteral(value: string, field: string, fieldType?: string): string {
	if (fieldType === 'Number' || fieldType === 'Currency') {
		if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new InvalidInputError(`Filters → "${field}" is a number field; "${value}" is not a number`, 'Enter a number such as 42 or 3.5.');
		return value.trim();
	}
	if (fieldType === 'Boolean') {
		if (!/^(true|false)$/i.test(value.trim())) throw new InvalidInputError(`Filters → "${field}" is a yes/no field; "${value}" is neither true nor false`, 'Enter true or false.');
		return value.trim().toLowerCase();
	}
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Get Many's query: the fields of the object, its filters (joined by AND) and a raw WHERE. */
export function recordsVql(object: string, fields: readonly string[], conditions: readonly RecordCondition[], where: string, typeOf: (field: string) => string | undefined): string {
	const clauses: string[] = [];
	for (const { field, operator, value } of conditions) {
		if (!/^[a-z0-9_.]+$/i.test(field)) throw new InvalidInputError(`Filters → "${field}" is not a field name`, 'Choose a field from the list, e.g. name__v.');
		if (!Object.hasOwn(CONDITION_OPERATORS, operator)) throw new InvalidInputError(`Filters → "${operator}" is not an operator`, `Use one of ${Object.keys(CONDITION_OPERATORS).join(', ')}.`);
		clauses.push(`${field} ${CONDITION_OPERATORS[operator].vql} ${vqlLiteral(value, field, typeOf(field))}`);
	}
	if (where.trim()) clauses.push(`(${where.trim()})`);
	return `SELECT ${fields.join(', ')} FROM ${object}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
}

/** A user action's name as Vault documents it: Objectaction.{object}.{action} or
 * Objectlifecyclestateuseraction.{object}.{state}.{action}, for the chosen object. */
export function checkedActionName(value: unknown, object: string): string {
	const name = typeof value === 'string' ? value.trim() : '';
	const example = `e.g. Objectlifecyclestateuseraction.${object}.draft_state__c.change_state_to_active_useraction__c`;
	if (!name) throw new InvalidInputError('No Action is chosen', `Choose the action from the list (enter a Record ID first to load it), or enter its full name, ${example}.`);
	const parts = name.split('.');
	const shaped = (parts[0] === 'Objectaction' && parts.length === 3) || (parts[0] === 'Objectlifecyclestateuseraction' && parts.length === 4);
	if (!shaped || parts.some((part) => !/^[A-Za-z0-9_]+$/.test(part))) {
		throw new InvalidInputError(
			`Action "${name}" is not a user action's full name`,
			`Vault names them Objectaction.{object}.{action} or Objectlifecyclestateuseraction.{object}.{state}.{action}, ${example}. Choose it from the list to get it right.`,
		);
	}
	if (parts[1] !== object) throw new InvalidInputError(`Action "${name}" is an action of ${parts[1]}, not of ${object}`, `Choose an action of ${object}, or choose ${parts[1]} as the Object.`);
	return name;
}
