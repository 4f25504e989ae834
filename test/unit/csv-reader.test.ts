// The CSV reader fed in pieces (as a download arrives): every split of the text gives the records
// and errors of the whole text, checked against csv-parse, a parser the package does not share.
import { parse } from 'csv-parse/sync';

import { CsvFormatError, CsvReader, csvRecords, csvRecordsOf } from '../../nodes/VeevaVault/rules/csv';

const TEXTS = [
	'id,name__v\r\n1,"Cholecap, 10 mg"\r\n2,"say ""hi"""\r\n',
	'a,b\n"line one\r\nline two",x\n\n"",\n',
	'\uFEFFid,x\r1,"\r"\r2,\uFEFF',
	'h\r\n"é ü 中文"\r\n"😀"',
];

function readInPieces(text: string, cuts: number[]): string[][] {
	const reader = new CsvReader();
	const records: string[][] = [];
	let from = 0;
	for (const cut of [...cuts, text.length]) {
		records.push(...reader.push(text.slice(from, cut)));
		from = cut;
	}
	return [...records, ...reader.end()];
}

test.each(TEXTS)('split anywhere, %j gives the records csv-parse reads from the whole text', (text) => {
	const expected = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
	expect([...csvRecords(text)]).toEqual(expected);
	for (let cut = 0; cut <= text.length; cut++) expect(readInPieces(text, [cut])).toEqual(expected);
	for (let cut = 1; cut < text.length; cut++) expect(readInPieces(text, [cut - 1, cut])).toEqual(expected);
});

test('bytes split inside a UTF-8 character and between CR and LF read as one', async () => {
	const bytes = Buffer.from('name\r\n"é\r\nü"\r\n中文\r\n', 'utf8');
	const expected = [...csvRecords(bytes.toString('utf8'))];
	expect(expected).toEqual([['name'], ['é\r\nü'], ['中文']]);
	for (let cut = 1; cut < bytes.length; cut++) {
		async function* pieces() {
			yield bytes.subarray(0, cut);
			yield bytes.subarray(cut);
		}
		const records: string[][] = [];
		for await (const record of csvRecordsOf(pieces())) records.push(record);
		expect(records).toEqual(expected);
	}
});

test.each([
	['a,b\r\n"x\r\ny,2\r\n', 2, 'not closed'],
	['a,b\r\n1,2\r\n3\r\n', 3, '1 values where the header has 2 columns'],
	['a\r\n"q"x\r\n', 2, 'followed by text'],
	['a\r\n"one\r\ntwo"\r\nx"y\r\n', 4, 'not quoted'],
	['a\n"one\ntwo"\nx"y\n', 4, 'not quoted'],
	['\na\n1,2\n', 3, '2 values where the header has 1 columns'],
	['h\r\n"\nq"\r\nx"y\r\n', 4, 'not quoted'],
	['a,b\r\n"x\r\ny",z,w\r\n', 2, '3 values where the header has 2 columns'],
	['h\r\n"a\r""\nb"\r\nx"y\r\n', 5, 'not quoted'],
	['h\r\n"a\r\rb\r\n\nc\n\nd"\r\nx"y\r\n', 9, 'not quoted'],
])('%j: the error and its line are the same however the text is split', (text, line, message) => {
	for (let cut = 0; cut <= text.length; cut++) {
		let caught: unknown;
		try {
			readInPieces(text, [cut]);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(CsvFormatError);
		expect((caught as CsvFormatError).line).toBe(line);
		expect((caught as CsvFormatError).message).toContain(message);
	}
});
