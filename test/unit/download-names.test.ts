import { fileNameOf } from '../../nodes/VeevaVault/api/stagingItems';

describe('fileNameOf (Content-Disposition)', () => {
	test.each([
		['attachment;filename="report.pdf"', 'report.pdf'],
		['attachment; filename=report.pdf', 'report.pdf'],
		["attachment; filename=\"x.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20final.pdf", 'Résumé final.pdf'],
		['attachment; filename="../../etc/passwd"', 'passwd'],
		["attachment; filename*=UTF-8''%E0%A4%A; filename=\"fallback.txt\"", 'fallback.txt'],
	])('%s → %s', (disposition, name) => {
		expect(fileNameOf({ 'Content-Disposition': disposition })).toBe(name);
	});

	test('no header, no name (the path then names the file)', () => {
		expect(fileNameOf({})).toBeUndefined();
	});
});
