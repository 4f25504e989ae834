// The package's own CSV writer (csvField, and loaderLine of loaderCell as the Load operation uses
// them) and reader (Vault Loader, issue #20): hand-written edge cases, and generated values checked
// against csv-parse, a well-known parser (a dev dependency only).
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';
import {
	CsvFormatError,
	csvField,
	csvObjects,
	csvRecords,
	parseCsv,
	type CsvValue,
} from '../../nodes/VeevaVault/rules/csv';
import { loaderCell, loaderLine } from '../../nodes/VeevaVault/rules/loaderRows';

/** A row's cells as the Load operation makes them (no Vault field types: no Date columns here). */
function cellsOf(header: readonly string[], row: readonly unknown[]): string[] {
	return header.map((name, index) => loaderCell(row[index], name));
}

/** The lines of a header and its rows as the Load operation writes them: loaderLine of loaderCell. */
function linesOf(header: string[], rows: unknown[][]): string[] {
	return [loaderLine(header), ...rows.map((row) => loaderLine(cellsOf(header, row)))];
}

function csvOf(header: string[], rows: unknown[][]): string {
	return linesOf(header, rows).join('');
}

function errorOf<E extends Error>(type: new (...args: never[]) => E, call: () => unknown): E {
	try {
		call();
	} catch (error) {
		expect(error).toBeInstanceOf(type);
		return error as E;
	}
	throw new Error(`expected a ${type.name}, nothing was thrown`);
}

describe('csvField', () => {
	test.each<[CsvValue, string]>([
		['plain', 'plain'],
		['', ''],
		[null, ''],
		[undefined, ''],
		[42, '42'],
		[-1.5, '-1.5'],
		[true, 'true'],
		[false, 'false'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['"', '""""'],
		['line\nbreak', '"line\nbreak"'],
		['carriage\rreturn', '"carriage\rreturn"'],
		['crlf\r\ninside', '"crlf\r\ninside"'],
		[' leading', '" leading"'],
		['trailing ', '"trailing "'],
		['in side', 'in side'],
		['Ünïcødé 日本語 😀', 'Ünïcødé 日本語 😀'],
	])('%j is written %j', (value, written) => {
		expect(csvField(value)).toBe(written);
	});
});

describe('the Loader\'s writer: loaderLine of loaderCell, as the Load operation writes its CSVs', () => {
	test('one CRLF-terminated line per call, header and rows alike', () => {
		expect(loaderLine(['name__v', 'count'])).toBe('name__v,count\r\n');
		expect(loaderLine(cellsOf(['name__v', 'count'], ['a', 1]))).toBe('a,1\r\n');
		expect(loaderLine(cellsOf(['name__v', 'count'], [null, true]))).toBe(',true\r\n');
	});

	test('a header with commas or quotes is quoted too', () => {
		expect(csvOf(['a,b', 'c"'], [])).toBe('"a,b","c"""\r\n');
	});

	test('every cell goes through csvField: commas, quotes, line breaks and edge spaces quoted', () => {
		expect(loaderLine(['x,y', 'say "hi"', '1\r\n2', ' padded ', 'in side'])).toBe('"x,y","say ""hi""","1\r\n2"," padded ",in side\r\n');
	});

	test('a lone empty value is written "" so its line is not empty', () => {
		expect(csvOf(['only'], [[''], [null], [undefined], ['x']])).toBe('only\r\n""\r\n""\r\n""\r\nx\r\n');
		expect(parseCsv(csvOf(['only'], [[''], [null], ['x']])).rows).toEqual([[''], [''], ['x']]);
	});

	test('empty values among others stay empty', () => {
		expect(csvOf(['a', 'b', 'c'], [['', null, undefined]])).toBe('a,b,c\r\n,,\r\n');
	});

	test.each([
		[() => 1, 'a function'],
		[BigInt(1), 'a bigint'],
	])('a %s value is refused, naming the column, and how to fix it', (value, what) => {
		const error = errorOf(InvalidInputError, () => csvOf(['id', 'name__v'], [['1', value]]));
		expect(error.message).toBe(`The column "name__v" holds ${what}, not text`);
		expect(error.description).toBe(
			'Map text, a number, a boolean or a date to this column (e.g. one property of the object, or the list joined into text).',
		);
	});
});

describe('parseCsv', () => {
	test('header and rows, CRLF endings', () => {
		expect(parseCsv('id,name__v\r\n1,a\r\n2,b\r\n')).toEqual({ header: ['id', 'name__v'], rows: [['1', 'a'], ['2', 'b']] });
	});

	test('LF endings, CR endings, no final line break', () => {
		expect(parseCsv('a,b\n1,2\n3,4')).toEqual({ header: ['a', 'b'], rows: [['1', '2'], ['3', '4']] });
		expect(parseCsv('a,b\r1,2\r')).toEqual({ header: ['a', 'b'], rows: [['1', '2']] });
	});

	test('a UTF-8 BOM at the start is dropped, elsewhere kept', () => {
		expect(parseCsv('\uFEFFid,x\r\n1,\uFEFF\r\n')).toEqual({ header: ['id', 'x'], rows: [['1', '\uFEFF']] });
	});

	test('quoted values with commas, doubled quotes, CR, LF and CRLF', () => {
		const text = 'a,b,c\r\n"x,y","say ""hi""","1\r\n2\n3\r4"\r\n""""," ",""\r\n';
		expect(parseCsv(text).rows).toEqual([
			['x,y', 'say "hi"', '1\r\n2\n3\r4'],
			['"', ' ', ''],
		]);
	});

	test('empty values, and spaces kept as they are', () => {
		expect(parseCsv('a,b,c\n,, x \n').rows).toEqual([['', '', ' x ']]);
	});

	test('non-ASCII: accents, CJK, emoji', () => {
		expect(parseCsv('名前,emoji\n"日本語, 中文","😀👍🏽"\nÅngström,é\n').rows).toEqual([
			['日本語, 中文', '😀👍🏽'],
			['Ångström', 'é'],
		]);
	});

	test('empty lines are skipped', () => {
		expect(parseCsv('a,b\r\n\r\n1,2\n\n\r\n')).toEqual({ header: ['a', 'b'], rows: [['1', '2']] });
	});

	test('an empty text, or a header alone', () => {
		expect(parseCsv('')).toEqual({ header: [], rows: [] });
		expect(parseCsv('\uFEFF')).toEqual({ header: [], rows: [] });
		expect(parseCsv('a,b')).toEqual({ header: ['a', 'b'], rows: [] });
	});

	test('an unterminated quote: the line where it opened', () => {
		const error = errorOf(CsvFormatError, () => parseCsv('a,b\r\n1,2\r\n3,"open\r\nmore\r\n'));
		expect(error.line).toBe(3);
		expect(error.message).toBe('CSV line 3: a quoted value is not closed (a " is missing)');
		expect(String(error)).toBe('CsvFormatError: CSV line 3: a quoted value is not closed (a " is missing)');
	});

	test('a row with a different field count: the line where the record starts, after multi-line values', () => {
		const error = errorOf(CsvFormatError, () => parseCsv('a,b\n"x\ny\r\nz\rw",1\n1,2,3\n'));
		expect(error.line).toBe(6);
		expect(error.message).toBe('CSV line 6: 3 values where the header has 2 columns');
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\r\n1\r\n')).line).toBe(2);
	});

	test('line numbers count CRLF, LF and CR once each: in quoted values and in skipped empty lines', () => {
		expect(errorOf(CsvFormatError, () => parseCsv('a\n"x\r\ny"\n1,2\n')).line).toBe(4);
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\r\n\r\n\n\r1\r\n')).line).toBe(5);
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\n\n1\n')).line).toBe(3);
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\r\r1\n')).line).toBe(3);
		// Empty lines in a row, each one line: LF LF is not taken for one CRLF, nor CRLF for two.
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\n\n\n1\n')).line).toBe(4);
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\r\n\r\n\r\n1\r\n')).line).toBe(4);
	});

	test('a stray quote inside an unquoted value, or text after a closing quote', () => {
		expect(errorOf(CsvFormatError, () => parseCsv('a\nab"c\n')).message).toBe('CSV line 2: a " inside a value that is not quoted');
		expect(errorOf(CsvFormatError, () => parseCsv('a,b\n"x"y,1\n')).message).toBe(
			'CSV line 2: a quoted value is followed by text before the next comma',
		);
	});

	test('csvRecords yields one record at a time, header first', () => {
		const records = csvRecords('a\n1\n2\n"open');
		expect(records.next().value).toEqual(['a']);
		expect(records.next().value).toEqual(['1']);
		expect(records.next().value).toEqual(['2']);
		expect(errorOf(CsvFormatError, () => records.next()).message).toBe('CSV line 4: a quoted value is not closed (a " is missing)');
	});

	test('csvObjects keys each row by the header', () => {
		expect(csvObjects('id,name__v\n1,a\n2,\n')).toEqual([
			{ id: '1', name__v: 'a' },
			{ id: '2', name__v: '' },
		]);
	});
});

describe('generated values, checked against csv-parse', () => {
	/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
	function randomOf(seed: number): () => number {
		let state = seed >>> 0;
		return () => {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const POOL = [',', '"', '\r', '\n', '\r\n', ' ', ' ', 'a', 'b', 'Z', '0', 'é', 'Ω', '日', '本', '😀', '\uFEFF', '\t', ';', "'"];

	/** A header and rows of values an input item may hold (text, numbers, booleans, null, undefined),
	 * and the text each value must read back as. */
	function generated(seed: number) {
		const random = randomOf(seed);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const text = () => {
			if (random() < 0.15) return '';
			const length = 1 + Math.floor(random() * 8);
			return Array.from({ length }, () => pick(POOL)).join('');
		};
		const value = (): unknown => {
			const kind = random();
			if (kind < 0.05) return null;
			if (kind < 0.1) return undefined;
			if (kind < 0.15) return random() < 0.5;
			if (kind < 0.25) return Math.round((random() - 0.5) * 1e6) / 100;
			return text();
		};
		const columns = 1 + Math.floor(random() * 5);
		const header = Array.from({ length: columns }, (_, index) => `col${index}${random() < 0.3 ? text() : ''}`);
		const rows = Array.from({ length: 300 }, () => Array.from({ length: columns }, value));
		const expected = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
		return { header, rows, expected };
	}

	test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: csv-parse reads our CSV back to exactly the values', (seed) => {
		const { header, rows, expected } = generated(seed);
		const text = csvOf(header, rows);
		expect(parse(text, { relax_column_count: false })).toEqual([header, ...expected]);
	});

	test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: we read what csv-parse reads, CRLF, LF and with a BOM', (seed) => {
		const { header, rows, expected } = generated(seed);
		const crlf = csvOf(header, rows);
		// Line endings outside quotes as LF: our writer quotes every value holding CR or LF, so
		// only record ends are unquoted line breaks.
		const lf = linesOf(header, rows)
			.map((line) => line.slice(0, -2) + '\n')
			.join('');
		for (const text of [crlf, lf, '\uFEFF' + crlf, '\uFEFF' + lf.slice(0, -1)]) {
			const parsed = parse(text, { bom: true }) as string[][];
			expect(parsed).toEqual([header, ...expected]);
			expect(parseCsv(text)).toEqual({ header: parsed[0], rows: parsed.slice(1) });
		}
	});
});
