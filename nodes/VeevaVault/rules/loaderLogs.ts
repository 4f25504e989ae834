// Vault Loader's logs, without I/O: a success or failure log's rows read as they arrive, what the
// node knows of the rows it sent, and how each log row is paired back to the row it is about.
import { csvRecords, csvRecordsOf } from './csv';

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
