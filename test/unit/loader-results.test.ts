import { NOT_REPORTED, contradictedRowsHint, failedRowsHint, sentRowsOfLogs, taskItems } from '../../nodes/VeevaVault/actions/loader/results';
import { logRowsOf } from '../../nodes/VeevaVault/rules/loaderLogs';

const task = { job_id: 7, task_id: '1' };
const byRow = (...items: number[]) => (row: number) => ({ item: items[row - 1] });

test('every sent row gets one item with the same keys; a row neither log mentions is not loaded, saying so, paired with its item', () => {
	const rows = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,A,2\r\n', true);
	const { items } = taskItems(rows, { count: 3 }, task, byRow(4, 5, 6), [{ item: 4 }, { item: 5 }, { item: 6 }]);
	expect(items.map((item) => item.json)).toEqual([
		{ loaded: false, id: null, error: NOT_REPORTED, row: 1, ...task, values: {} },
		{ loaded: true, id: 'A', error: null, row: 2, ...task, values: {} },
		{ loaded: false, id: null, error: NOT_REPORTED, row: 3, ...task, values: {} },
	]);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 4 }, { item: 5 }, { item: 6 }]);
	expect(NOT_REPORTED).toMatch(/^Vault's logs do not mention this row/);
	expect(failedRowsHint(items)).toMatch(/^2 of 3 rows were not loaded/);
	expect(failedRowsHint(items.slice(1, 2))).toBeUndefined();
});

test('empty logs: every sent row still comes back, not loaded; the whole task\'s failure is named in each', () => {
	expect(taskItems([], { count: 2 }, task, byRow(0, 1), []).items.map((item) => [item.json.loaded, item.json.row, item.json.error])).toEqual([
		[false, 1, NOT_REPORTED],
		[false, 2, NOT_REPORTED],
	]);
	const wholeTask = logRowsOf('responseStatus,errors,rowId\r\nFAILURE,File not found on file staging [/a.csv],\r\n', false);
	const { items } = taskItems(wholeTask, { count: 2 }, task, byRow(0, 0), [{ item: 0 }]);
	expect(items.map((item) => [item.json.loaded, item.json.row, item.pairedItem])).toEqual([
		[false, 1, { item: 0 }],
		[false, 2, { item: 0 }],
		[false, null, [{ item: 0 }]],
	]);
	expect(items[0].json.error).toBe(`${NOT_REPORTED} For the whole task the failure log says: File not found on file staging [/a.csv]`);
	expect(items[2].json.error).toBe('File not found on file staging [/a.csv]');
});

test('a log row that matches no sent row is kept, paired with every item of the task', () => {
	const rows = logRowsOf('responseStatus,id,rowId\r\nSUCCESS,A,1\r\nSUCCESS,B,9\r\n', true);
	const { items } = taskItems(rows, { count: 1 }, task, byRow(0), [{ item: 0 }]);
	expect(items.map((item) => [item.json.id, item.json.row, item.pairedItem])).toEqual([
		['A', 1, { item: 0 }],
		['B', 9, [{ item: 0 }]],
	]);
});

test('when the rows sent are unknown, the logs\' highest row number counts them', () => {
	expect(sentRowsOfLogs(logRowsOf('responseStatus,id,rowId\r\nSUCCESS,B,2\r\nSUCCESS,A,5\r\n', true))).toEqual({ count: 5 });
	expect(sentRowsOfLogs([])).toEqual({ count: 0 });
});

test('contradicted rows are named in a hint', () => {
	expect(contradictedRowsHint(0)).toBeUndefined();
	expect(contradictedRowsHint(2)).toMatch(/^2 rows of Vault's logs named a row number whose row has another id or Key Field value/);
});
