// Vault Loader's rules, without I/O: what a value becomes in a Loader CSV, how rows are split into
// tasks within Vault's limits, and how the rows of Vault's success and failure logs are paired back
// to the rows that were loaded.
import { csvField, csvRecords, csvRecordsOf } from './csv';
import { InvalidInputError } from './inputError';

/** Vault runs at most 10 tasks per Loader call. */
export const MAX_LOADER_TASKS = 10;
/** Vault's Loader reads CSVs "under 1 GB". */
export const MAX_LOADER_CSV_BYTES = 1024 ** 3 - 1;

/** A field as the Loader's columns know it (from Vault's metadata or the fixed columns of a type). */
export interface LoaderField {
	name: string;
	type?: string;
}

/** A value of an input item as a Loader CSV cell: text as is, numbers and booleans as text, dates as
 * ISO 8601 (a Vault Date field gets the day alone), null and undefined empty. */
export function loaderCell(value: unknown, column: string, fieldType?: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return fieldType === 'Date' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return loaderCell(value.toISOString(), column, fieldType);
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return loaderCell(String((value as { toISO: () => string }).toISO()), column, fieldType);
	}
	const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	throw new InvalidInputError(
		`The column "${column}" holds ${what}, not text`,
		'Map text, a number, a boolean or a date to this column (e.g. one property of the object, or the list joined into text).',
	);
}

/** One CSV line (CRLF) of cells already made by loaderCell. */
export function loaderLine(cells: readonly string[]): string {
	return (cells.length === 1 && cells[0] === '' ? '""' : cells.map(csvField).join(',')) + '\r\n';
}

/** A Loader CSV being written: its bytes as chunks (never one string of the whole file), the
 * input row of each of its data rows. */
export interface CsvTask {
	chunks: Buffer[];
	bytes: number;
	/** For each data row, in order: the index of the input item it came from. */
	itemIndexes: number[];
}

const CHUNK_CHARS = 1024 * 1024;

/**
 * Splits rows into CSVs of at most `maxBytes` each, every one starting with the header. A single
 * row too large for any CSV, or more CSVs than `maxTasks`, is refused with InvalidInputError.
 */
export class CsvTaskWriter {
	readonly tasks: CsvTask[] = [];
	private pending = '';
	private readonly headerLine: string;
	private readonly headerBytes: number;

	constructor(
		header: readonly string[],
		private readonly maxBytes = MAX_LOADER_CSV_BYTES,
		private readonly maxTasks = MAX_LOADER_TASKS,
	) {
		this.headerLine = loaderLine([...header]);
		this.headerBytes = Buffer.byteLength(this.headerLine);
	}

	add(line: string, itemIndex: number): void {
		const lineBytes = Buffer.byteLength(line);
		if (this.headerBytes + lineBytes > this.maxBytes) {
			throw new InvalidInputError(
				`The row of item ${itemIndex} is ${lineBytes} bytes, too large for a Vault Loader CSV (under ${this.maxBytes + 1} bytes with its header)`,
				'Shorten its values: Vault Loader reads CSV files under 1 GB.',
			);
		}
		let task = this.tasks.at(-1);
		if (!task || task.bytes + lineBytes > this.maxBytes) {
			this.flush();
			if (this.tasks.length === this.maxTasks) {
				throw new InvalidInputError(
					`The rows need more than ${this.maxTasks} CSV files of under 1 GB, more than one Vault Loader call takes`,
					'Load fewer items at once: split them with a Loop Over Items node, or map fewer columns.',
				);
			}
			task = { chunks: [], bytes: this.headerBytes, itemIndexes: [] };
			this.tasks.push(task);
			this.pending = this.headerLine;
		}
		task.bytes += lineBytes;
		task.itemIndexes.push(itemIndex);
		this.pending += line;
		if (this.pending.length >= CHUNK_CHARS) this.flush();
	}

	/** The tasks, each CSV's bytes complete. */
	finish(): CsvTask[] {
		this.flush();
		return this.tasks;
	}

	private flush(): void {
		const task = this.tasks.at(-1);
		if (task && this.pending) task.chunks.push(Buffer.from(this.pending, 'utf8'));
		this.pending = '';
	}
}

/** One row of a Loader log: loaded or not, the record's id, Vault's error, and the row's number in the
 * loaded CSV when the log gives it, with the row's other columns as `values`. */
export interface LogRow {
	loaded: boolean;
	id: string | null;
	error?: string;
	row?: number;
	/** `id_param__value`: the Key Field's value by which Vault found the row's record. */
	keyValue?: string;
	values: Record<string, string>;
}

const squeeze = (column: string) => column.toLowerCase().replace(/[\s_]/g, '');
const ROW_COLUMNS = new Set(['rowid', 'row', 'rownumber']);
const ERROR_COLUMNS = new Set(['errors', 'error', 'errormessage']);
const KEY_VALUE_COLUMN = 'idparamvalue';

type LogColumn = 'status' | 'id' | 'row' | 'error' | 'keyValue' | 'value';

function logColumnOf(column: string): LogColumn {
	const key = squeeze(column);
	if (key === 'responsestatus') return 'status';
	if (key === 'id') return 'id';
	if (ROW_COLUMNS.has(key)) return 'row';
	if (ERROR_COLUMNS.has(key)) return 'error';
	return key === KEY_VALUE_COLUMN ? 'keyValue' : 'value';
}

/** Reads the records of one log: its header's columns are sorted out once, not for every row. */
export function logRowReader(header: readonly string[], loaded: boolean): (fields: readonly string[]) => LogRow {
	const kinds = header.map(logColumnOf);
	return (fields) => {
		const row: LogRow = { loaded, id: null, values: {} };
		for (let index = 0; index < kinds.length; index++) {
			const value = fields[index] ?? '';
			switch (kinds[index]) {
				case 'id':
					row.id = value === '' ? null : value;
					break;
				case 'row':
					if (/^\d+$/.test(value)) row.row = Number(value);
					else row.values[header[index]] = value;
					break;
				case 'error':
					// A success log has the column too, empty.
					if (!loaded) row.error = value;
					break;
				case 'keyValue':
					if (value !== '') row.keyValue = value;
					break;
				case 'value':
					row.values[header[index]] = value;
					break;
			}
		}
		if (!loaded && !row.error) row.error = 'Vault did not load this row and gave no reason';
		return row;
	};
}

/** The rows of a success log (`loaded` true) or a failure log, read from its CSV text. */
export function logRowsOf(csv: string, loaded: boolean): LogRow[] {
	const [header, ...records] = csvRecords(csv);
	if (!header) return [];
	return records.map(logRowReader(header, loaded));
}

/** The rows of a log as its bytes arrive: never the whole log as one string. */
export async function* logRowsOfStream(chunks: AsyncIterable<Uint8Array>, loaded: boolean): AsyncGenerator<LogRow> {
	let read: ((fields: readonly string[]) => LogRow) | undefined;
	for await (const fields of csvRecordsOf(chunks)) {
		if (read) yield read(fields);
		else read = logRowReader(fields, loaded);
	}
}

/** What the node knows of the data rows of a CSV it loaded: how many, and each row's keys, against
 * which a log row that names a row number is checked. */
export interface SentRows {
	count: number;
	/** The task's Key Field (idparam), and each row's value of it. */
	keyColumn?: string;
	keys?: readonly string[];
	/** Each row's `id`, when the CSV has that column. */
	ids?: readonly string[];
}

/** Counts the data rows of a CSV's records (header first) and keeps their `id` and Key Field values. */
export async function sentRowsOf(records: AsyncIterable<string[]> | Iterable<string[]>, keyColumn?: string): Promise<SentRows> {
	let header: string[] | undefined;
	let keyAt = -1;
	let idAt = -1;
	const keys: string[] = [];
	const ids: string[] = [];
	let count = 0;
	for await (const fields of records) {
		if (!header) {
			header = fields;
			keyAt = keyColumn ? header.indexOf(keyColumn) : -1;
			idAt = header.indexOf('id');
			continue;
		}
		count++;
		if (keyAt >= 0) keys.push(fields[keyAt]);
		if (idAt >= 0) ids.push(fields[idAt]);
	}
	return { count, ...(keyAt >= 0 ? { keyColumn, keys } : {}), ...(idAt >= 0 ? { ids } : {}) };
}

export interface PairedLogRows {
	/** For each sent row, in order: the log row about it, or undefined when neither log mentions it. */
	byRow: Array<LogRow | undefined>;
	/** Log rows that match no sent row, kept so that nothing Vault reported is dropped. */
	unmatched: LogRow[];
	/** Log rows whose row number points at a row with another `id` or Key Field value. */
	contradicted: number;
}

/**
 * The log rows in the order of the sent rows: by the row number the logs carry when the row's keys
 * agree with it, else by the Key Field's value (`id_param__value`, or the column itself) when the
 * sent rows' values of it are unique. A row number whose row has another `id` or Key Field value is
 * not trusted: never a silent shift to the neighbouring row.
 */
export function pairLogRows(sent: SentRows, logRows: Iterable<LogRow>): PairedLogRows {
	const byRow: Array<LogRow | undefined> = new Array(sent.count).fill(undefined);
	const unmatched: LogRow[] = [];
	let contradicted = 0;
	let rowOfKey: Map<string, number> | undefined;
	for (const logRow of logRows) {
		let row = logRow.row !== undefined && logRow.row >= 1 && logRow.row <= sent.count ? logRow.row : undefined;
		if (row !== undefined && !agrees(logRow, sent, row)) {
			contradicted++;
			row = undefined;
		}
		const key = sent.keys && sent.keyColumn ? (logRow.keyValue ?? logRow.values[sent.keyColumn]) : undefined;
		if (row === undefined && key !== undefined && key !== '') {
			rowOfKey ??= uniqueKeys(sent.keys!);
			const found = rowOfKey.get(key.trim());
			if (found !== undefined && agrees(logRow, sent, found)) row = found;
		}
		if (row === undefined || byRow[row - 1] !== undefined) unmatched.push(logRow);
		else byRow[row - 1] = logRow;
	}
	return { byRow, unmatched, contradicted };
}

/** Whether a log row can be about a sent row: neither its `id` nor its Key Field value differs. */
function agrees(logRow: LogRow, sent: SentRows, row: number): boolean {
	const sentId = sent.ids?.[row - 1];
	if (sentId && logRow.id !== null && logRow.id.trim() !== sentId.trim()) return false;
	const sentKey = sent.keys?.[row - 1];
	if (sentKey === undefined || !sent.keyColumn) return true;
	const logged = logRow.keyValue ?? (sent.keyColumn === 'id' ? (logRow.id ?? undefined) : logRow.values[sent.keyColumn]);
	return logged === undefined || logged === '' || logged.trim() === sentKey.trim();
}

function uniqueKeys(keys: readonly string[]): Map<string, number> {
	const rows = new Map<string, number>();
	const repeated = new Set<string>();
	for (const [index, value] of keys.entries()) {
		const key = value.trim();
		if (rows.has(key)) repeated.add(key);
		rows.set(key, index + 1);
	}
	for (const key of repeated) rows.delete(key);
	return rows;
}
