import { movedPath } from '../../nodes/VeevaVault/rules/stagingRules';

test.each([
	['/inbox/report.pdf', { parent: '/processed' }, '/processed/report.pdf'],
	['/inbox/report.pdf', { name: 'report-2026.pdf' }, '/inbox/report-2026.pdf'],
	['/inbox/report.pdf', { parent: '/processed/2026', name: 'r.pdf' }, '/processed/2026/r.pdf'],
	['/report.pdf', { name: 'r.pdf' }, '/r.pdf'],
	['/inbox/report.pdf', { parent: '/' }, '/report.pdf'],
	['/inbox/old', { parent: '/archive' }, '/archive/old'],
])('%s moved with %j is at %s', (path, change, expected) => {
	expect(movedPath(path, change)).toBe(expected);
});
