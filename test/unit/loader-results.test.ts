import { NOT_REPORTED, failedRowsHint, rowsOfFile, rowsOfItems } from '../../nodes/VeevaVault/actions/loader/results';
import { logRowsOf } from '../../nodes/VeevaVault/rules/loaderRows';

const task = { job_id: 7, task_id: '1' };

test('a row neither log mentions comes back not loaded, saying so, paired with its item', () => {
	const rows = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,A,2\r\n', true);
	const items = rowsOfItems(rows, [4, 5], task);
	expect(items.map((item) => [item.json.loaded, item.json.id, item.json.row, item.pairedItem])).toEqual([
		[false, null, 1, { item: 4 }],
		[true, 'A', 2, { item: 5 }],
	]);
	expect(items[0].json.error).toBe(NOT_REPORTED);
	expect(failedRowsHint(items)).toMatch(/^1 of 2 rows were not loaded/);
	expect(failedRowsHint(items.slice(1))).toBeUndefined();
});

test('a log row that matches no loaded row is kept, paired with every item of the task', () => {
	const rows = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,A,1\r\nSUCCESS,B,9\r\n', true);
	const items = rowsOfItems(rows, [0], task);
	expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
		['A', { item: 0 }],
		['B', [{ item: 0 }]],
	]);
});

test('a whole CSV of one item: rows in row order; without row numbers, in the logs\' order', () => {
	const numbered = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,B,2\r\nSUCCESS,A,1\r\n', true);
	expect(rowsOfFile(numbered, 3, task).map((item) => [item.json.id, item.json.row, item.pairedItem])).toEqual([
		['A', 1, { item: 3 }],
		['B', 2, { item: 3 }],
	]);
	const unreadable = logRowsOf('responseStatus,errors,rowId\r\nFAILURE,The CSV could not be read,\r\n', false);
	expect(rowsOfFile(unreadable, 3, task).map((item) => [item.json.loaded, item.json.error, item.json.row])).toEqual([[false, 'The CSV could not be read', null]]);
	expect(rowsOfFile([], 3, task)).toEqual([]);
});
