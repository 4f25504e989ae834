import { parse } from 'csv-parse/sync';

import { logRowsOf, pairLogRows, sentRowsOf } from '../../nodes/VeevaVault/rules/loaderLogs';
import { CsvTaskWriter, MAX_LOADER_CSV_BYTES, loaderCell, loaderLine } from '../../nodes/VeevaVault/rules/loaderRows';
import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';

const textOf = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

function thrown(action: () => unknown): InvalidInputError {
	try {
		action();
	} catch (error) {
		return error as InvalidInputError;
	}
	throw new Error('nothing was thrown');
}

describe('loaderCell: a value of an item as a CSV cell', () => {
	test.each([
		['text', 'text'],
		['', ''],
		[12.5, '12.5'],
		[0, '0'],
		[true, 'true'],
		[false, 'false'],
		[null, ''],
		[undefined, ''],
	])('%p → %p', (value, cell) => {
		expect(loaderCell(value, 'name__v')).toBe(cell);
	});

	test('a date for a Vault Date field is the day alone; for other fields the whole ISO time', () => {
		expect(loaderCell('2026-12-02T10:11:12.000Z', 'launch_date__vs', 'Date')).toBe('2026-12-02');
		expect(loaderCell('2026-12-02T10:11:12.000Z', 'modified__c', 'DateTime')).toBe('2026-12-02T10:11:12.000Z');
		expect(loaderCell(new Date('2026-12-02T10:11:12.000Z'), 'launch_date__vs', 'Date')).toBe('2026-12-02');
		expect(loaderCell({ toISO: () => '2026-01-31T23:00:00.000+01:00' }, 'launch_date__vs', 'Date')).toBe('2026-01-31');
		expect(loaderCell('2026-12-02', 'launch_date__vs', 'Date')).toBe('2026-12-02');
		expect(loaderCell('on 2026-12-02T10:11:12Z', 'launch_date__vs', 'Date')).toBe('on 2026-12-02T10:11:12Z');
	});

	test.each([
		[{ a: 1 }, 'an object'],
		[[1, 2], 'a list'],
		[Symbol('s'), 'a symbol'],
	])('%p is refused, naming the column', (value, what) => {
		expect(() => loaderCell(value, 'name__v')).toThrow(InvalidInputError);
		expect(() => loaderCell(value, 'name__v')).toThrow(`The column "name__v" holds ${what}, not text`);
		expect(thrown(() => loaderCell(value, 'name__v')).description).toContain('Map text, a number, a boolean or a date to this column');
	});
});

describe('CsvTaskWriter: rows into CSVs under the size limit, at most 10', () => {
	test('Vault\'s limit: a CSV under 1 GB, so at most 1 GiB less one byte', () => {
		expect(MAX_LOADER_CSV_BYTES).toBe(1024 ** 3 - 1);
	});

	const rows = [
		['P-1', 'Cholecap, 10 mg', 'said "hi"'],
		['P-2', 'line\nbreak', ''],
		['P-3', 'Ünïcødé ✓', ' padded '],
	];

	test('one CSV with the header and every row, which a well-known parser reads back the same', () => {
		const writer = new CsvTaskWriter(['external_id__v', 'name__v', 'generic_name__vs']);
		rows.forEach((row, index) => writer.add(loaderLine(row), index));
		const [task, ...more] = writer.finish();
		expect(more).toEqual([]);
		expect(task.itemIndexes).toEqual([0, 1, 2]);
		const text = textOf(task.chunks);
		expect(Buffer.byteLength(text)).toBe(task.bytes);
		expect(parse(text, { relax_column_count: false })).toEqual([['external_id__v', 'name__v', 'generic_name__vs'], ...rows]);
	});

	test('rows go to a new CSV, with its own header, when the next row would pass the limit', () => {
		const header = ['id'];
		const line = loaderLine(['0123456789']); // 12 bytes with CRLF
		const maxBytes = Buffer.byteLength(loaderLine(header)) + 2 * Buffer.byteLength(line); // header + 2 rows
		const writer = new CsvTaskWriter(header, maxBytes);
		for (let item = 0; item < 5; item++) writer.add(line, item);
		const tasks = writer.finish();
		expect(tasks.map((task) => task.itemIndexes)).toEqual([[0, 1], [2, 3], [4]]);
		for (const task of tasks) {
			const text = textOf(task.chunks);
			expect(text.startsWith('id\r\n')).toBe(true);
			expect(Buffer.byteLength(text)).toBe(task.bytes);
			expect(task.bytes).toBeLessThanOrEqual(maxBytes);
		}
	});

	test('a row exactly at the limit fits; one byte more does not fit any CSV and is refused with its item', () => {
		const header = ['id'];
		const line = loaderLine(['x'.repeat(20)]);
		const exact = Buffer.byteLength(loaderLine(header)) + Buffer.byteLength(line);
		const fits = new CsvTaskWriter(header, exact);
		fits.add(line, 0);
		expect(fits.finish()).toHaveLength(1);
		const tooSmall = new CsvTaskWriter(header, exact - 1);
		const error = thrown(() => tooSmall.add(line, 7));
		expect(error.message).toBe(`The row of item 7 is 22 bytes, too large for a Vault Loader CSV (under ${exact} bytes with its header)`);
		expect(error.description).toBe('Shorten its values: Vault Loader reads CSV files under 1 GB.');
	});

	test('more CSVs than the tasks of one call are refused, with what to do', () => {
		const header = ['id'];
		const line = loaderLine(['row']);
		const writer = new CsvTaskWriter(header, Buffer.byteLength(loaderLine(header)) + Buffer.byteLength(line), 3);
		for (let item = 0; item < 3; item++) writer.add(line, item);
		const error = thrown(() => writer.add(line, 3));
		expect(error.message).toBe('The rows need more than 3 CSV files of under 1 GB, more than one Vault Loader call takes');
		expect(error.description).toContain('Loop Over Items');
	});

	test('a long CSV is held in chunks, not one string, and joins back to the same text', () => {
		const writer = new CsvTaskWriter(['name__v']);
		const line = loaderLine(['y'.repeat(1000)]);
		for (let item = 0; item < 3000; item++) writer.add(line, item);
		const [task] = writer.finish();
		// Chunks of about 1 MiB: few, not one per line.
		expect(task.chunks.length).toBe(3);
		expect(task.chunks.slice(0, -1).every((chunk) => chunk.length >= 1024 * 1024)).toBe(true);
		expect(textOf(task.chunks)).toBe('name__v\r\n' + line.repeat(3000));
	});

	test('a single empty cell is written as "" so that the line is not taken for an empty line', () => {
		expect(loaderLine([''])).toBe('""\r\n');
		expect(loaderLine(['', ''])).toBe(',\r\n');
	});
});

describe('logRowsOf and pairLogRows: Vault\'s logs back to the loaded rows', () => {
	const successLog = 'responseStatus,id,rowId,external_id__v,name__v\r\nSUCCESS,V0A000000000101,3,P-3,Three\r\nSUCCESS,V0A000000000102,1,P-1,One\r\n';
	const failureLog = 'responseStatus,errors,rowId,external_id__v,name__v\r\nFAILURE,Missing required field [name__v],2,P-2,\r\n';

	test('each log row: loaded or not, id, error, row number; the other columns as values', () => {
		expect(logRowsOf(successLog, true)[0]).toEqual({ loaded: true, id: 'V0A000000000101', row: 3, values: { external_id__v: 'P-3', name__v: 'Three' } });
		expect(logRowsOf(failureLog, false)).toEqual([
			{ loaded: false, id: null, error: 'Missing required field [name__v]', row: 2, values: { external_id__v: 'P-2', name__v: '' } },
		]);
	});

	test('column names are matched loosely (Row ID, row_id, Errors) and a failure without a reason still says so', () => {
		const [row] = logRowsOf('Row ID,ID,Errors\r\n4,,\r\n', false);
		expect(row).toEqual({ loaded: false, id: null, row: 4, error: 'Vault did not load this row and gave no reason', values: {} });
		expect(logRowsOf('row_id,id\r\n5,X\r\n', true)[0].row).toBe(5);
		expect(logRowsOf('Row,Error\r\n12,Bad\r\n', false)[0]).toEqual({ loaded: false, id: null, row: 12, error: 'Bad', values: {} });
		expect(logRowsOf('Row Number,Error Message\r\n3,Worse\r\n', false)[0]).toEqual({ loaded: false, id: null, row: 3, error: 'Worse', values: {} });
		for (const notANumber of ['five', 'x5', '5x']) {
			expect(logRowsOf(`rowId,id\r\n${notANumber},X\r\n`, true)[0]).toEqual({ loaded: true, id: 'X', values: { rowId: notANumber } });
		}
	});

	test('rows paired by row number, whatever the order of the logs', () => {
		const rows = [...logRowsOf(successLog, true), ...logRowsOf(failureLog, false)];
		const { byRow, unmatched } = pairLogRows({ count: 3 }, rows);
		expect(byRow.map((row) => row?.values.external_id__v)).toEqual(['P-1', 'P-2', 'P-3']);
		expect(byRow.map((row) => row?.loaded)).toEqual([true, false, true]);
		expect(unmatched).toEqual([]);
	});

	test('a row neither log has stays undefined; a row number out of range or given twice is kept apart', () => {
		const rows = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,A,1\r\nSUCCESS,B,1\r\nSUCCESS,C,9\r\nSUCCESS,D,0\r\n', true);
		const { byRow, unmatched } = pairLogRows({ count: 2 }, rows);
		expect(byRow).toHaveLength(2);
		expect(byRow.map((row) => row?.id)).toEqual(['A', undefined]);
		expect(unmatched.map((row) => row.id)).toEqual(['B', 'C', 'D']);
	});

	test('without row numbers, rows are paired by the Key Field when its values are unique', () => {
		const sent = { count: 4, keyColumn: 'external_id__v', keys: ['P-1', 'P-2', 'P-2', 'P-4'] };
		const rows = logRowsOf('responseStatus,id,external_id__v\r\nSUCCESS,A,P-4\r\nSUCCESS,B,P-1\r\nSUCCESS,C,P-2\r\nSUCCESS,D,P-9\r\n', true);
		const { byRow, unmatched } = pairLogRows(sent, rows);
		expect(byRow.map((row) => row?.id)).toEqual(['B', undefined, undefined, 'A']);
		expect(unmatched.map((row) => row.id)).toEqual(['C', 'D']);
	});

	test('the Key Field fallback reads id_param__value, the column of Veeva\'s documented success log', () => {
		const sent = { count: 2, keyColumn: 'external_id__v', keys: ['P-1', 'P-2'] };
		const rows = logRowsOf('responseStatus,id,name__v,errors,event,id_param__value\r\nSUCCESS,B,Two,,update,P-2\r\nSUCCESS,A,One,,create,P-1\r\n', true);
		expect(rows[0]).toEqual({ loaded: true, id: 'B', keyValue: 'P-2', values: { name__v: 'Two', event: 'update' } });
		expect(pairLogRows(sent, rows).byRow.map((row) => row?.id)).toEqual(['A', 'B']);
	});

	test('a row number whose row has another Key Field value is not trusted: paired by the key instead, and counted', () => {
		const sent = { count: 2, keyColumn: 'external_id__v', keys: ['P-1', 'P-2'] };
		const rows = logRowsOf('responseStatus,id,rowId,external_id__v\r\nSUCCESS,A,1,P-2\r\n', true);
		expect(pairLogRows(sent, rows)).toEqual({ byRow: [undefined, rows[0]], unmatched: [], contradicted: 1 });
		const viaIdParam = logRowsOf('responseStatus,id,rowId,id_param__value\r\nSUCCESS,A,1,P-2\r\n', true);
		expect(pairLogRows(sent, viaIdParam)).toEqual({ byRow: [undefined, viaIdParam[0]], unmatched: [], contradicted: 1 });
	});

	test('a row number whose row has another key, and no unique row with that key, is kept apart: never shifted to a neighbour', () => {
		const sent = { count: 3, keyColumn: 'external_id__v', keys: ['P-1', 'P-2', 'P-2'] };
		const rows = logRowsOf('responseStatus,id,rowId,external_id__v\r\nSUCCESS,A,1,P-2\r\nSUCCESS,B,3,P-7\r\n', true);
		expect(pairLogRows(sent, rows)).toEqual({ byRow: [undefined, undefined, undefined], unmatched: rows, contradicted: 2 });
	});

	test('a row number whose row was sent with another id (update by id) is not trusted', () => {
		const sent = { count: 2, ids: ['V1', 'V2'] };
		const rows = [...logRowsOf('responseStatus,id,rowId\r\nSUCCESS,V2,1\r\nSUCCESS,V2,2\r\n', true), ...logRowsOf('responseStatus,errors,rowId,id\r\nFAILURE,Bad,1,V1\r\n', false)];
		const { byRow, unmatched, contradicted } = pairLogRows(sent, rows);
		expect(byRow).toEqual([rows[2], rows[1]]);
		expect(unmatched).toEqual([rows[0]]);
		expect(contradicted).toBe(1);
	});

	test('without row numbers or a Key Field nothing is guessed: every log row is kept apart', () => {
		const rows = logRowsOf('responseStatus,id\r\nSUCCESS,A\r\n', true);
		expect(pairLogRows({ count: 1 }, rows)).toEqual({ byRow: [undefined], unmatched: rows, contradicted: 0 });
	});

	test('sentRowsOf counts the data rows and keeps their id and Key Field values', async () => {
		const records = [['id', 'name__v', 'external_id__v'], ['V1', 'a', 'P-1'], ['', 'b', 'P-2']];
		expect(await sentRowsOf(records, 'external_id__v')).toEqual({ count: 2, keyColumn: 'external_id__v', keys: ['P-1', 'P-2'], ids: ['V1', ''] });
		expect(await sentRowsOf([['name__v'], ['a'], ['b'], ['c']], 'external_id__v')).toEqual({ count: 3 });
		expect(await sentRowsOf([])).toEqual({ count: 0 });
	});
});
