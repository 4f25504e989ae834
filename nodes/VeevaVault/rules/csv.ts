// CSV as the Vault Loader reads and writes it (RFC 4180), written by the package itself: community
// nodes may not depend on a CSV library. Both directions work one line (record) at a time, so a
// load of 100,000 items never holds its CSV twice: the writer yields line by line, the reader
// yields record by record.
import { InvalidInputError } from './inputError';

/** A value the writer accepts: text, a number or a boolean; null and undefined are empty. */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/** One field: quoted (with its quotes doubled) only when it holds a comma, a quote, CR or LF, or starts or ends with a space. */
export function csvField(value: CsvValue): string {
	const text = value === null || value === undefined ? '' : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV of a header and its rows, one line at a time (header first), each ending in CRLF.
 * Throws InvalidInputError for a row with more or fewer values than the header, or a value that is
 * an object or a list; rows are counted from 1 after the header.
 */
export function* csvLines(header: readonly string[], rows: Iterable<readonly unknown[]>): Generator<string> {
	if (header.length === 0) throw new InvalidInputError('A CSV needs at least one column');
	yield lineOf(header.map(csvField), 1);
	let rowNumber = 0;
	for (const row of rows) {
		rowNumber++;
		if (row.length !== header.length) {
			throw new InvalidInputError(
				`Row ${rowNumber} has ${row.length} values, the CSV has ${header.length} columns`,
				'Give every row one value per column, an empty value for a column it leaves out.',
			);
		}
		const fields = row.map((value, index) => {
			if (value !== null && typeof value === 'object') {
				throw new InvalidInputError(
					`Row ${rowNumber}, column "${header[index]}": the value is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
					'Map a text, number or boolean value to this column (e.g. one property of the object, or the list joined into text).',
				);
			}
			if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
				throw new InvalidInputError(
					`Row ${rowNumber}, column "${header[index]}": the value is a ${typeof value}, not text`,
					'Map a text, number or boolean value to this column.',
				);
			}
			return csvField(value as CsvValue);
		});
		yield lineOf(fields, header.length);
	}
}

/** A lone empty field is written "" so that its line is not an empty line, which the reader skips. */
function lineOf(fields: string[], columns: number): string {
	return (columns === 1 && fields[0] === '' ? '""' : fields.join(',')) + '\r\n';
}

/** CSV text that cannot be read: an unterminated quote, a stray quote, or a wrong field count. */
export class CsvFormatError extends Error {
	constructor(
		message: string,
		/** The 1-based line where the record starts. */
		readonly line: number,
	) {
		super(`CSV line ${line}: ${message}`);
		this.name = 'CsvFormatError';
	}
}

/**
 * The records of CSV text, one at a time, header first: a UTF-8 BOM at the start is dropped,
 * quoted fields may hold commas, doubled quotes and line breaks, lines end in CRLF, LF or CR, the
 * last line may lack one, and empty lines are skipped ("" is an empty value). Throws
 * CsvFormatError for an unterminated or stray quote, or a record whose field count differs from
 * the header's.
 */
export function* csvRecords(text: string): Generator<string[]> {
	let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	let columns: number | undefined;
	const end = text.length;
	while (position < end) {
		const recordLine = line;
		const fields: string[] = [];
		let atRecordEnd = false;
		// An empty line: skip it.
		if (text[position] === '\n' || text[position] === '\r') {
			position += text[position] === '\r' && text[position + 1] === '\n' ? 2 : 1;
			line++;
			continue;
		}
		while (!atRecordEnd) {
			let field = '';
			if (text[position] === '"') {
				const quoteLine = line;
				position++;
				for (;;) {
					const next = text.indexOf('"', position);
					if (next === -1) throw new CsvFormatError('a quoted value is not closed (a " is missing)', quoteLine);
					const chunk = text.slice(position, next);
					line += countLineBreaks(chunk);
					field += chunk;
					if (text[next + 1] === '"') {
						field += '"';
						position = next + 2;
					} else {
						position = next + 1;
						break;
					}
				}
				const after = text[position];
				if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
					throw new CsvFormatError('a quoted value is followed by text before the next comma', line);
				}
			} else {
				let stop = position;
				while (stop < end) {
					const char = text[stop];
					if (char === ',' || char === '\r' || char === '\n') break;
					if (char === '"') throw new CsvFormatError('a " inside a value that is not quoted', line);
					stop++;
				}
				field = text.slice(position, stop);
				position = stop;
			}
			fields.push(field);
			const separator = text[position];
			if (separator === ',') {
				position++;
			} else {
				atRecordEnd = true;
				if (separator === '\r') position += text[position + 1] === '\n' ? 2 : 1;
				else if (separator === '\n') position++;
				line++;
			}
		}
		if (columns === undefined) columns = fields.length;
		else if (fields.length !== columns) {
			throw new CsvFormatError(`${fields.length} values where the header has ${columns} columns`, recordLine);
		}
		yield fields;
	}
}

function countLineBreaks(text: string): number {
	return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** CSV text as its header and rows; an empty text has an empty header and no rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
	const records = csvRecords(text);
	const first = records.next();
	if (first.done) return { header: [], rows: [] };
	return { header: first.value, rows: [...records] };
}

/** CSV text as one object per row, keyed by the header's names. */
export function csvObjects(text: string): Array<Record<string, string>> {
	const { header, rows } = parseCsv(text);
	return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}
