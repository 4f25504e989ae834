import type { IDataObject } from 'n8n-workflow';

import { invalidDateFilter, matchesItemFilters, namePatternRegExp } from '../../nodes/VeevaVault/rules/itemFilters';

const file: IDataObject = { kind: 'file', name: 'Report 2024.PDF', path: '/inbox/Report 2024.PDF', size: 10, modified_date: '2024-05-01T10:00:00.000Z' };
const folder: IDataObject = { kind: 'folder', name: 'archive', path: '/inbox/archive' };

describe('namePatternRegExp', () => {
	test.each([
		['*.pdf', 'report.pdf', true],
		['*.pdf', 'REPORT.PDF', true],
		['*.pdf', '.pdf', true],
		['*.pdf', 'report.pdf.bak', false],
		['*.pdf', 'report_pdf', false],
		['report', 'report', true],
		['report', 'my report', false],
		['report', 'reports', false],
		['a?c', 'abc', true],
		['a?c', 'ac', false],
		['a?c', 'abbc', false],
		['a.c', 'abc', false],
		['a+b', 'a+b', true],
		['a+b', 'aab', false],
		['^x$', '^x$', true],
		['a{2}', 'a{2}', true],
		['a{2}', 'aa', false],
		['(x)', '(x)', true],
		['a|b', 'a|b', true],
		['a|b', 'a', false],
		['[ab]', '[ab]', true],
		['[ab]', 'a', false],
		['a\\b', 'a\\b', true],
		['$HOME', '$HOME', true],
		['*', '', true],
		['**', 'anything at all', true],
	])('%j matches %j: %s', (pattern, name, matches) => {
		expect(namePatternRegExp(pattern).test(name)).toBe(matches);
	});
});

describe('invalidDateFilter', () => {
	test('no dates or real dates are usable', () => {
		expect(invalidDateFilter({})).toBeNull();
		expect(invalidDateFilter({ modifiedAfter: '', modifiedBefore: '' })).toBeNull();
		expect(invalidDateFilter({ modifiedAfter: '2024-05-01', modifiedBefore: '2024-05-02T00:00:00Z' })).toBeNull();
	});

	test('names the filter that is not a date', () => {
		expect(invalidDateFilter({ modifiedAfter: 'yesterday' })).toBe('The filter "Modified After" is not a date: yesterday');
		expect(invalidDateFilter({ modifiedAfter: '2024-05-01', modifiedBefore: 'soon' })).toBe('The filter "Modified Before" is not a date: soon');
		expect(invalidDateFilter({ modifiedAfter: 'x', modifiedBefore: 'y' })).toBe('The filter "Modified After" is not a date: x');
	});
});

describe('matchesItemFilters', () => {
	test('no filters keep files and folders', () => {
		expect(matchesItemFilters(file, {})).toBe(true);
		expect(matchesItemFilters(folder, {})).toBe(true);
	});

	test.each([
		['file', true, false],
		['folder', false, true],
		['both', true, true],
		['', true, true],
	])('kind %j keeps the file: %s, the folder: %s', (kind, keepsFile, keepsFolder) => {
		expect(matchesItemFilters(file, { kind })).toBe(keepsFile);
		expect(matchesItemFilters(folder, { kind })).toBe(keepsFolder);
	});

	test('the name pattern is matched against the name, not the path', () => {
		expect(matchesItemFilters(file, { namePattern: 'report*.pdf' })).toBe(true);
		expect(matchesItemFilters(file, { namePattern: '/inbox/*' })).toBe(false);
		expect(matchesItemFilters(folder, { namePattern: 'arch*' })).toBe(true);
		expect(matchesItemFilters(folder, { namePattern: '*.pdf' })).toBe(false);
		expect(matchesItemFilters({ kind: 'file' }, { namePattern: '*' })).toBe(true);
		expect(matchesItemFilters({ kind: 'file' }, { namePattern: '?*' })).toBe(false);
	});

	test('"Modified After" keeps only items modified strictly after the time', () => {
		expect(matchesItemFilters(file, { modifiedAfter: '2024-05-01T09:59:59.999Z' })).toBe(true);
		expect(matchesItemFilters(file, { modifiedAfter: '2024-05-01T10:00:00.000Z' })).toBe(false);
		expect(matchesItemFilters(file, { modifiedAfter: '2024-05-01T12:00:00+02:00' })).toBe(false);
		expect(matchesItemFilters(file, { modifiedAfter: '2024-05-01T10:00:00.001Z' })).toBe(false);
	});

	test('"Modified Before" keeps only items modified strictly before the time', () => {
		expect(matchesItemFilters(file, { modifiedBefore: '2024-05-01T10:00:00.001Z' })).toBe(true);
		expect(matchesItemFilters(file, { modifiedBefore: '2024-05-01T10:00:00.000Z' })).toBe(false);
		expect(matchesItemFilters(file, { modifiedBefore: '2024-05-01T09:59:59.999Z' })).toBe(false);
	});

	test('both dates: a window', () => {
		const window = { modifiedAfter: '2024-05-01T00:00:00Z', modifiedBefore: '2024-05-02T00:00:00Z' };
		expect(matchesItemFilters(file, window)).toBe(true);
		expect(matchesItemFilters({ ...file, modified_date: '2024-05-02T00:00:01Z' }, window)).toBe(false);
		expect(matchesItemFilters({ ...file, modified_date: '2024-04-30T23:59:59Z' }, window)).toBe(false);
	});

	test('an item without a modified date (a folder) never matches a date filter', () => {
		expect(matchesItemFilters(folder, { modifiedAfter: '2000-01-01T00:00:00Z' })).toBe(false);
		expect(matchesItemFilters(folder, { modifiedBefore: '2100-01-01T00:00:00Z' })).toBe(false);
		expect(matchesItemFilters({ ...file, modified_date: 'not a date' }, { modifiedBefore: '2100-01-01T00:00:00Z' })).toBe(false);
	});

	test('all filters must hold', () => {
		const filters = { kind: 'file', namePattern: '*.pdf', modifiedAfter: '2024-01-01T00:00:00Z' };
		expect(matchesItemFilters(file, filters)).toBe(true);
		expect(matchesItemFilters({ ...file, kind: 'folder' }, filters)).toBe(false);
		expect(matchesItemFilters({ ...file, name: 'report.txt' }, filters)).toBe(false);
		expect(matchesItemFilters({ ...file, modified_date: '2023-12-31T00:00:00Z' }, filters)).toBe(false);
	});
});
