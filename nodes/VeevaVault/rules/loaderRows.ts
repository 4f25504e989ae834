// Vault Loader's rules for the CSVs it is sent, without I/O: what a value becomes in a Loader CSV,
// and how rows are split into tasks within Vault's limits. Reading its logs back: loaderLogs.ts.
import { csvField } from './csv';
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
