/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// One Loader load task: its CSV read row by row, each row checked and applied in order (so a
// row sees what the rows before it did), and the two logs written. Row errors use Vault's words.
import { readFile, stat } from 'node:fs/promises';

import { UnreadableCsv, csvText, readCsv } from './csvText.ts';
import { iso } from './http.ts';
import type { FieldRule, LoadAction, LoadObjectType, LoadTarget } from './loaderTargets.ts';
import { loadTarget } from './loaderTargets.ts';
import { findObject } from './metadata.ts';
import type { SimUser } from './seed.ts';
import type { DocumentFiles, LoaderTaskOutput, SimRecord } from './model.ts';
import type { SimState } from './state.ts';

export interface LoadTask {
	taskId: string;
	objectType: LoadObjectType;
	object?: string;
	action: LoadAction;
	/** The CSV's staging path as the caller gave it. */
	file: string;
	idparam?: string;
	order?: number;
}

export type RowResult = { id: string | number; event?: 'create' | 'update' } | { errors: string[] };

const SUCCESS_COLUMNS = ['responseStatus', 'id', 'rowId'];
const FAILURE_COLUMNS = ['responseStatus', 'errors', 'rowId'];

/** The success log's header, as Veeva documents it (v25.2, v26.1): responseStatus, id, the CSV's
 * other columns, errors, rowId, event (upsert only), id_param__value (with an idparam). */
function successHeader(task: LoadTask, header: string[]): string[] {
	return [
		'responseStatus',
		'id',
		...header.filter((column) => column !== 'id'),
		'errors',
		'rowId',
		...(task.action === 'upsert' ? ['event'] : []),
		...(task.idparam ? ['id_param__value'] : []),
	];
}

/** Runs one task; `vanished` when its CSV was no longer on staging. */
export async function runLoadTask(state: SimState, user: SimUser, task: LoadTask): Promise<{ output: LoaderTaskOutput; vanished: boolean }> {
	const data = await readFile(state.stagingFilePath(state.absolutePath(user, task.file))).catch(() => null);
	if (!data) return { output: wholeTaskFailed(`File not found on file staging [${task.file}]`), vanished: true };
	let csv: { header: string[]; rows: string[][] };
	try {
		csv = readCsv(data);
	} catch (error) {
		if (!(error instanceof UnreadableCsv)) throw error;
		return { output: wholeTaskFailed(error.message), vanished: false };
	}
	const run = new LoadRun(state, user, task, loadTarget(state, task.objectType, task.object)!, csv.header);
	const successes: Array<Array<string | number>> = [];
	const failures: Array<Array<string | number>> = [];
	for (const [index, row] of csv.rows.entries()) {
		const result = await run.row(Object.fromEntries(csv.header.map((column, at) => [column, row[at]])));
		if ('id' in result) {
			const values = Object.fromEntries(csv.header.map((column, at) => [column, row[at]]));
			successes.push([
				'SUCCESS',
				result.id,
				...csv.header.flatMap((column, at) => (column === 'id' ? [] : [row[at]])),
				'',
				index + 1,
				...(task.action === 'upsert' ? [result.event ?? ''] : []),
				...(task.idparam ? [task.idparam === 'id' ? result.id : (values[task.idparam] ?? '')] : []),
			]);
		}
		else failures.push(['FAILURE', result.errors.join('; '), index + 1, ...row]);
	}
	run.finish();
	return {
		output: { successlog: csvText(successHeader(task, csv.header), successes), failurelog: csvText([...FAILURE_COLUMNS, ...csv.header], failures) },
		vanished: false,
	};
}

/** A task that could not read its CSV: one failure line without a row number or input columns. */
function wholeTaskFailed(message: string): LoaderTaskOutput {
	return { successlog: csvText(SUCCESS_COLUMNS, []), failurelog: csvText(FAILURE_COLUMNS, [['FAILURE', message, '']]) };
}

/** The records of the target by each unique field's value (`id` included), kept up to date as rows change them. */
class UniqueIndex {
	private readonly byField = new Map<string, Map<string, SimRecord>>();
	private readonly fields: string[];
	constructor(fields: string[], records: SimRecord[]) {
		this.fields = fields;
		for (const field of fields) this.byField.set(field, new Map());
		for (const record of records) this.add(record);
	}
	find(field: string, value: string | number | boolean | null | undefined): SimRecord | undefined {
		if (value === null || value === undefined || value === '') return undefined;
		return this.byField.get(field)?.get(String(value));
	}
	add(record: SimRecord): void {
		for (const field of this.fields) if (record[field] !== null && record[field] !== undefined && record[field] !== '') this.byField.get(field)!.set(String(record[field]), record);
	}
	remove(record: SimRecord): void {
		for (const field of this.fields) if (this.find(field, record[field]) === record) this.byField.get(field)!.delete(String(record[field]));
	}
}

export type Row = Record<string, string>;

export class LoadRun {
	private readonly state: SimState;
	private readonly user: SimUser;
	private readonly task: LoadTask;
	private readonly target: LoadTarget;
	private readonly index: UniqueIndex;
	/** The errors of the current row's columns (the same for every row of a CSV; JSON records each
	 * have their own), and the columns they were worked out for. */
	private columnErrors: string[] = [];
	private columnsSeen: string | undefined;
	private readonly deleted = new Set<SimRecord>();

	// No parameter properties: Node's type stripping, which runs the simulator, does not take them.
	constructor(state: SimState, user: SimUser, task: LoadTask, target: LoadTarget, header: string[]) {
		this.state = state;
		this.user = user;
		this.task = task;
		this.target = target;
		this.index = new UniqueIndex(
			[...target.rules.values()].filter((rule) => rule.unique).map((rule) => rule.name),
			target.records(),
		);
		this.useColumns(header);
	}

	private useColumns(columns: string[]): void {
		const key = columns.join('\n');
		if (key === this.columnsSeen) return;
		this.columnsSeen = key;
		this.columnErrors = columns.flatMap((column) => this.columnError(column) ?? []);
	}

	/** Unknown columns and columns of fields no row may set: every row fails with their errors. */
	private columnError(column: string): string | undefined {
		const rule = this.target.rules.get(column);
		if (!rule && this.byRelationship(column)) return this.task.action === 'delete' || this.byRelationship(column)!.rule.editable ? undefined : `Field [${column}] is system managed and cannot be set`;
		if (!rule) return this.target.extraColumns.includes(column) ? undefined : `Unknown field [${column}] for ${this.target.what}`;
		if (rule.editable || this.task.action === 'delete') return undefined;
		const createsRecords = this.task.action === 'create' && (this.task.objectType === 'vobjects__v' || this.task.objectType === 'documents__v');
		if (column === 'id' && !createsRecords) return undefined;
		return `Field [${column}] is system managed and cannot be set`;
	}

	async row(row: Row): Promise<RowResult> {
		this.useColumns(Object.keys(row));
		switch (this.task.objectType) {
			case 'vobjects__v':
			case 'documents__v':
				if (this.task.action === 'create') return await this.create(row, [...this.columnErrors]);
				if (this.task.action === 'upsert') return await this.upsert(row);
				if (this.task.action === 'update') return this.update(row);
				return this.remove(row);
			case 'document_versions__v':
				return await this.addVersion(row);
			case 'document_renditions__v':
				return await this.addRendition(row);
			default:
				return await this.addAttachment(row);
		}
	}

	/** Removes the deleted records from the state (once, at the end: a row at a time would be slow). */
	finish(): void {
		if (this.deleted.size) this.target.setRecords(this.target.records().filter((record) => !this.deleted.has(record)));
	}

	private async create(row: Row, errors: string[]): Promise<RowResult> {
		const { values, errors: valueErrors } = this.values(row, undefined, true);
		errors.push(...valueErrors);
		const file = this.target.isDocuments ? await this.stagedFile(row, errors) : undefined;
		if (errors.length) return { errors };
		let record: SimRecord;
		if (this.target.isDocuments) {
			record = this.state.addDocument({ ...values, status__v: 'Draft', major_version_number__v: 0, minor_version_number__v: 1, created_by__v: this.user.id });
			this.filesOf(record).source = await this.state.storeFile(file!.path, file!.name);
		} else {
			record = this.state.addRecord(this.task.object!, values);
		}
		this.index.add(record);
		return { id: record.id! as string | number };
	}

	private async upsert(row: Row): Promise<RowResult> {
		const key = this.task.idparam!;
		if (!row[key]) return { errors: [...this.columnErrors, `Missing required field [${key}]`] };
		const existing = this.index.find(key, row[key]);
		const result = existing ? this.update(row) : await this.create(row, [...this.columnErrors]);
		return 'id' in result ? { ...result, event: existing ? 'update' : 'create' } : result;
	}

	private update(row: Row): RowResult {
		const errors = [...this.columnErrors];
		const record = this.find(row, errors);
		const { values, errors: valueErrors } = this.values(row, record, false);
		errors.push(...valueErrors);
		if (errors.length || !record) return { errors };
		this.change(record, values);
		return { id: record.id! as string | number };
	}

	private remove(row: Row): RowResult {
		const errors = [...this.columnErrors];
		const record = this.find(row, errors);
		if (errors.length || !record) return { errors };
		this.index.remove(record);
		this.deleted.add(record);
		if (this.target.isDocuments) {
			this.state.documentFiles.delete(Number(record.id));
			this.state.documentVersions.delete(Number(record.id));
		}
		return { id: record.id! as string | number };
	}

	private async addVersion(row: Row): Promise<RowResult> {
		const errors = [...this.columnErrors];
		const document = this.find(row, errors);
		const { values, errors: valueErrors } = this.values(row, document, false);
		errors.push(...valueErrors);
		const file = await this.stagedFile(row, errors);
		if (errors.length || !document) return { errors };
		this.state.keepVersion(document);
		this.change(document, { ...values, minor_version_number__v: Number(document.minor_version_number__v ?? 0) + 1, status__v: 'Draft' });
		this.filesOf(document).source = await this.state.storeFile(file!.path, file!.name);
		return { id: document.id! as number };
	}

	private async addRendition(row: Row): Promise<RowResult> {
		const errors = [...this.columnErrors];
		const document = this.find(row, errors);
		const renditionType = row.rendition_type__v ?? '';
		if (!renditionType) errors.push('Missing required field [rendition_type__v]');
		const file = await this.stagedFile(row, errors);
		if (errors.length || !document) return { errors };
		this.filesOf(document).renditions.set(renditionType, await this.state.storeFile(file!.path, file!.name));
		return { id: document.id! as number };
	}

	private async addAttachment(row: Row): Promise<RowResult> {
		const errors = [...this.columnErrors];
		const document = this.find(row, errors);
		const file = await this.stagedFile(row, errors);
		if (errors.length || !document) return { errors };
		this.filesOf(document).attachments.push(await this.state.storeFile(file!.path, file!.name));
		return { id: document.id! as number };
	}

	/** A row's values checked by the target's rules, not applied (Create Single Document and Update
	 * Document read them): a new record when `record` is undefined. */
	checked(row: Row, record?: SimRecord): { values: SimRecord; errors: string[] } {
		this.useColumns(Object.keys(row));
		const { values, errors } = this.values(row, record, record === undefined);
		return { values, errors: [...this.columnErrors, ...errors] };
	}

	/** The record a row names: by idparam, else by the first lookup field the row has a value for. */
	private find(row: Row, errors: string[]): SimRecord | undefined {
		const key = this.task.idparam ?? this.target.lookupFields.find((field) => row[field]) ?? this.target.lookupFields[0];
		if (!row[key]) {
			errors.push(`Missing required field [${key}]`);
			return undefined;
		}
		const record = this.index.find(key, row[key]);
		if (!record) errors.push(`Record not found for [${key}] = [${row[key]}]`);
		return record;
	}

	/** The Object field and the target's unique field a `{relationship}.{field}` column names (assumption 47). */
	private byRelationship(column: string): { rule: FieldRule; field: string } | undefined {
		const [relationship, field, ...rest] = column.split('.');
		if (!field || rest.length) return undefined;
		const rule = [...this.target.rules.values()].find((candidate) => candidate.type === 'Object' && candidate.relationship === relationship);
		const unique = rule && findObject(rule.object!)?.fields.some((candidate) => candidate.name === field && candidate.unique);
		return unique ? { rule, field } : undefined;
	}

	/** The row's values of editable fields, checked. A new record needs every required field; an
	 * existing one (`record`, if found) only a value in each required column the row has. */
	private values(row: Row, record: SimRecord | undefined, creating: boolean): { values: SimRecord; errors: string[] } {
		const values: SimRecord = {};
		const errors: string[] = [];
		for (const rule of this.target.rules.values()) {
			if (!rule.editable) continue;
			const present = rule.name in row;
			const byUnique = present ? undefined : this.relationshipColumn(rule, row);
			if (rule.required && (present || byUnique ? row[byUnique ?? rule.name] === '' : creating)) errors.push(`Missing required field [${rule.name}]`);
			if (byUnique) {
				const found = this.relatedId(rule, byUnique, row[byUnique]);
				if ('error' in found) errors.push(found.error);
				else values[rule.name] = found.value;
				continue;
			}
			if (!present) continue;
			const checked = this.value(rule, row[rule.name]);
			if ('error' in checked) {
				errors.push(checked.error);
				continue;
			}
			values[rule.name] = checked.value;
			const holder = rule.unique ? this.index.find(rule.name, checked.value) : undefined;
			if (holder && holder !== record) errors.push(`Duplicate value for unique field [${rule.name}]`);
		}
		return { values, errors };
	}

	/** The row's `{relationship}.{unique field}` column of an Object field, if it has one. */
	private relationshipColumn(rule: FieldRule, row: Row): string | undefined {
		if (rule.type !== 'Object' || !rule.relationship) return undefined;
		return Object.keys(row).find((column) => column.startsWith(`${rule.relationship}.`) && this.byRelationship(column)?.rule === rule);
	}

	/** The id of the record of the field's object whose unique field has the value. */
	private relatedId(rule: FieldRule, column: string, raw: string): { value: string | null } | { error: string } {
		if (raw === '') return { value: null };
		const field = column.slice(rule.relationship!.length + 1);
		const record = this.state.recordsOf(rule.object!).find((candidate) => String(candidate[field] ?? '') === raw);
		return record ? { value: String(record.id) } : { error: `Invalid value [${raw}] for object field [${column}]: no ${rule.object} record has ${field} [${raw}]` };
	}

	private value(rule: FieldRule, raw: string): { value: string | number | boolean | null } | { error: string } {
		if (raw === '') return { value: null };
		switch (rule.type) {
			case 'Number':
				return /^-?\d+(\.\d+)?$/.test(raw) ? { value: Number(raw) } : { error: `Invalid value [${raw}] for number field [${rule.name}]` };
			case 'Boolean':
				return /^(true|false)$/i.test(raw) ? { value: raw.toLowerCase() === 'true' } : { error: `Invalid value [${raw}] for boolean field [${rule.name}]` };
			case 'Date':
				return isDate(raw) ? { value: raw } : { error: `Invalid value [${raw}] for date field [${rule.name}]; expected YYYY-MM-DD` };
			case 'Picklist':
				return rule.values?.includes(raw) ? { value: raw } : { error: `Invalid value [${raw}] for picklist field [${rule.name}]` };
			case 'Object':
				return this.state.recordsOf(rule.object!).some((record) => record.id === raw) ? { value: raw } : { error: `Invalid value [${raw}] for object field [${rule.name}]` };
			default:
				if (rule.maxLength !== undefined && [...raw].length > rule.maxLength) {
					return { error: `Value too long for field [${rule.name}]; the maximum length is ${rule.maxLength}` };
				}
				return { value: raw };
		}
	}

	private change(record: SimRecord, values: SimRecord): void {
		this.index.remove(record);
		Object.assign(record, values);
		const now = iso(this.state.now());
		if (this.target.isDocuments) record.version_modified_date__v = now;
		else if (this.target.rules.has('modified_date__v')) record.modified_date__v = now;
		this.index.add(record);
	}

	/** The staged file a row's `file` column names, as the job's user sees staging. */
	private async stagedFile(row: Row, errors: string[]): Promise<{ path: string; name: string } | undefined> {
		const given = row.file ?? '';
		if (!given) {
			errors.push('Missing required field [file]');
			return undefined;
		}
		const steps = given.split('/');
		const path = this.state.stagingFilePath(this.state.absolutePath(this.user, given));
		const info = given.startsWith('/') && !steps.includes('..') ? await stat(path).catch(() => null) : null;
		if (!info?.isFile()) {
			errors.push(`File not found on file staging [${given}]`);
			return undefined;
		}
		return { path, name: steps[steps.length - 1] };
	}

	private filesOf(document: SimRecord): DocumentFiles {
		return this.state.documentFilesOf(Number(document.id));
	}
}

function isDate(raw: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
	const date = new Date(`${raw}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw);
}
