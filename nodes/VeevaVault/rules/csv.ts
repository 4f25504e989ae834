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
 * The records of CSV text handed in pieces of any size (the chunks of a download, decoded), header
 * first: push() returns the records each piece completes, end() the last one. A UTF-8 BOM at the
 * start is dropped, quoted fields may hold commas, doubled quotes and line breaks, lines end in
 * CRLF, LF or CR, the last line may lack one, and empty lines are skipped ("" is an empty value).
 * Throws CsvFormatError for an unterminated or stray quote, or a record whose field count differs
 * from the header's.
 */
export class CsvReader {
	private state: 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterQuote' = 'fieldStart';
	private field = '';
	private fields: string[] = [];
	private atRecordStart = true;
	/** The last character was a CR ending a line: a LF right after it belongs to the same break. */
	private afterLineCr = false;
	private afterQuotedCr = false;
	private started = false;
	private line = 1;
	private recordLine = 1;
	private quoteLine = 1;
	private columns: number | undefined;

	push(text: string): string[][] {
		const records: string[][] = [];
		let position = 0;
		if (!this.started && text.length > 0) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) position = 1;
		}
		while (position < text.length) {
			if (this.afterLineCr) {
				this.afterLineCr = false;
				if (text[position] === '\n') {
					position++;
					continue;
				}
			}
			switch (this.state) {
				case 'quoted': {
					const quote = text.indexOf('"', position);
					const piece = text.slice(position, quote === -1 ? text.length : quote);
					this.countQuotedLineBreaks(piece);
					this.field += piece;
					position = quote === -1 ? text.length : quote + 1;
					if (quote !== -1) this.state = 'quoteInQuoted';
					break;
				}
				case 'quoteInQuoted':
					if (text[position] === '"') {
						this.field += '"';
						position++;
						this.state = 'quoted';
						// A CR before the doubled quote and a LF after it are two line breaks.
						this.afterQuotedCr = false;
					} else {
						this.state = 'afterQuote';
					}
					break;
				case 'afterQuote':
					if (!isSeparator(text[position])) throw new CsvFormatError('a quoted value is followed by text before the next comma', this.line);
					position = this.endField(text, position, records);
					break;
				case 'fieldStart': {
					const char = text[position];
					if (this.atRecordStart && (char === '\r' || char === '\n')) {
						// An empty line: skip it.
						this.line++;
						this.afterLineCr = char === '\r';
						position++;
						break;
					}
					if (this.atRecordStart) {
						this.atRecordStart = false;
						this.recordLine = this.line;
					}
					if (char === '"') {
						this.quoteLine = this.line;
						this.state = 'quoted';
						position++;
					} else {
						this.state = 'unquoted';
					}
					break;
				}
				case 'unquoted': {
					UNQUOTED_END.lastIndex = position;
					const stop = UNQUOTED_END.exec(text)?.index ?? text.length;
					this.field += text.slice(position, stop);
					position = stop;
					if (stop === text.length) break;
					if (text[stop] === '"') throw new CsvFormatError('a " inside a value that is not quoted', this.line);
					position = this.endField(text, position, records);
					break;
				}
			}
		}
		return records;
	}

	/** The record the text ended in, if it did not end with a line break. */
	end(): string[][] {
		if (this.state === 'quoted') throw new CsvFormatError('a quoted value is not closed (a " is missing)', this.quoteLine);
		if (this.atRecordStart) return [];
		this.fields.push(this.field);
		return [this.finishRecord()];
	}

	/** At a comma, CR or LF: the field ends, and at a line break its record too. */
	private endField(text: string, position: number, records: string[][]): number {
		const separator = text[position];
		this.fields.push(this.field);
		this.field = '';
		this.state = 'fieldStart';
		if (separator !== ',') {
			this.line++;
			this.afterLineCr = separator === '\r';
			records.push(this.finishRecord());
		}
		return position + 1;
	}

	private finishRecord(): string[] {
		const fields = this.fields;
		this.fields = [];
		this.field = '';
		this.atRecordStart = true;
		this.state = 'fieldStart';
		if (this.columns === undefined) this.columns = fields.length;
		else if (fields.length !== this.columns) throw new CsvFormatError(`${fields.length} values where the header has ${this.columns} columns`, this.recordLine);
		return fields;
	}

	/** CRLF, CR and LF inside a quoted value each count once, also when a piece ends between CR and LF. */
	private countQuotedLineBreaks(piece: string): void {
		if (piece.length === 0) return;
		if (piece.indexOf('\r') === -1 && piece.indexOf('\n') === -1) {
			this.afterQuotedCr = false;
			return;
		}
		for (const char of piece) {
			if (char === '\n' && this.afterQuotedCr) this.afterQuotedCr = false;
			else if (char === '\r' || char === '\n') {
				this.line++;
				this.afterQuotedCr = char === '\r';
			} else this.afterQuotedCr = false;
		}
	}
}

const UNQUOTED_END = /[,\r\n"]/g;

function isSeparator(char: string | undefined): boolean {
	return char === ',' || char === '\r' || char === '\n';
}

/** The records of CSV text, header first (see CsvReader). */
export function* csvRecords(text: string): Generator<string[]> {
	const reader = new CsvReader();
	yield* reader.push(text);
	yield* reader.end();
}

/** The records of CSV bytes as they arrive (UTF-8, decoded across chunk boundaries), header first. */
export async function* csvRecordsOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
	const decoder = new TextDecoder('utf-8');
	const reader = new CsvReader();
	for await (const chunk of chunks) yield* reader.push(decoder.decode(chunk, { stream: true }));
	yield* reader.push(decoder.decode());
	yield* reader.end();
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
