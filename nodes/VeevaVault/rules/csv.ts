// CSV as the Vault Loader reads and writes it (RFC 4180), written by the package itself: community
// nodes may not depend on a CSV library. Both directions work one field or record at a time, so a
// load of 100,000 items never holds its CSV twice: the writer (csvField, put into lines by
// loaderRows.ts) quotes field by field, the reader yields record by record.

/** A value the writer accepts: text, a number or a boolean; null and undefined are empty. */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/** One field: quoted (with its quotes doubled) only when it holds a comma, a quote, CR or LF, or starts or ends with a space. */
export function csvField(value: CsvValue): string {
	const text = value === null || value === undefined ? '' : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
