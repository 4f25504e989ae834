// Object records' pure rules: values, batches, item ranges and Get Many's VQL.
import { DateTime } from 'luxon';

import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';
import { batchesOf, itemRanges, recordValue, recordsVql, vqlLiteral } from '../../nodes/VeevaVault/rules/objectRecords';

test('recordValue: text, numbers, booleans and null as they are; dates as ISO (the day alone for a Date field); objects and lists refused', () => {
	expect([recordValue('a', 'f'), recordValue(3.5, 'f'), recordValue(false, 'f'), recordValue(null, 'f')]).toEqual(['a', 3.5, false, null]);
	expect(recordValue(new Date('2026-03-01T10:00:00Z'), 'f')).toBe('2026-03-01T10:00:00.000Z');
	expect(recordValue(DateTime.fromISO('2026-03-01T10:00:00Z', { zone: 'utc' }), 'launch_date__vs', 'Date')).toBe('2026-03-01');
	expect(() => recordValue({ a: 1 }, 'name__v')).toThrow(new InvalidInputError('Values to Send → "name__v" holds an object, not a value Vault can store'));
	expect(() => recordValue([1], 'name__v')).toThrow('holds a list');
});

test('batchesOf: slices of at most 500; itemRanges: runs of indexes', () => {
	expect(batchesOf(Array.from({ length: 1201 }, (_, index) => index)).map((batch) => batch.length)).toEqual([500, 500, 201]);
	expect(batchesOf([])).toEqual([]);
	expect(itemRanges([9, 0, 1, 2, 3, 7, 10])).toBe('0-3, 7, 9-10');
	expect(itemRanges([])).toBe('');
});

test('VQL: text quoted with quotes and backslashes escaped, numbers and booleans bare and checked, a raw WHERE in parentheses', () => {
	expect(vqlLiteral("O'Brien \\ co", 'name__v', 'String')).toBe("'O\\'Brien \\\\ co'");
	expect(vqlLiteral(' 42 ', 'count__c', 'Number')).toBe('42');
	expect(() => vqlLiteral('4x', 'count__c', 'Number')).toThrow('is a number field');
	expect(vqlLiteral('TRUE', 'active__vs', 'Boolean')).toBe('true');
	const types: Record<string, string> = { active__vs: 'Boolean' };
	expect(recordsVql('product__v', ['id', 'name__v'], [{ field: 'active__vs', operator: 'equal', value: 'true' }, { field: 'name__v', operator: 'like', value: 'C%' }], "a = 'b' OR c = 'd'", (field) => types[field])).toBe(
		"SELECT id, name__v FROM product__v WHERE active__vs = true AND name__v LIKE 'C%' AND (a = 'b' OR c = 'd')",
	);
	expect(recordsVql('product__v', ['id'], [], '  ', () => undefined)).toBe('SELECT id FROM product__v');
	expect(() => recordsVql('product__v', ['id'], [{ field: 'x; DROP', operator: 'equal', value: '1' }], '', () => undefined)).toThrow('is not a field name');
	expect(() => recordsVql('product__v', ['id'], [{ field: 'x', operator: '=', value: '1' }], '', () => undefined)).toThrow('is not an operator');
});
