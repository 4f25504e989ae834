import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';
import { checkedHours, computedFields, matchesFilters, withComputedFields } from '../../nodes/VeevaVault/rules/sessionInsights';
import { DOCS_NOW, seedUploadSessions } from '../../simulator/seed.ts';

const NOW = Date.parse(DOCS_NOW);
// The third session of Veeva's reference page.
const session = { ...seedUploadSessions[2] } as IDataObject;

test('computed fields of a partly uploaded session', () => {
	expect(computedFields(session, NOW)).toEqual({
		percent_uploaded: 31.9,
		is_complete: false,
		hours_since_last_upload: 0.4,
		hours_until_expiry: 71.5,
		age_hours: 0.5,
	});
});

test('a session with nothing uploaded counts idle time from its creation', () => {
	const empty = { ...session, uploaded: 0, uploaded_parts: 0, last_uploaded_date: undefined };
	expect(computedFields(empty, NOW + 3 * 3600 * 1000)).toMatchObject({ percent_uploaded: 0, hours_since_last_upload: 3.5 });
});

test('computed fields come after Vault\'s and never replace one of them', () => {
	const withOwnField = { ...session, is_complete: 'as Vault said' };
	const result = withComputedFields(withOwnField, NOW);
	expect(result.is_complete).toBe('as Vault said');
	expect(Object.keys(result).slice(0, Object.keys(withOwnField).length)).toEqual(Object.keys(withOwnField));
	expect(result.percent_uploaded).toBe(31.9);
});

describe('filters', () => {
	const at = (hoursLater: number) => NOW + hoursLater * 3600 * 1000;
	test.each([
		[{ idleForMoreThanHours: 1 }, at(0), false],
		[{ idleForMoreThanHours: 1 }, at(1), true],
		[{ expiringWithinHours: 24 }, at(0), false],
		[{ expiringWithinHours: 24 }, at(48), true],
		[{ owner: 10001400 }, at(0), true],
		[{ owner: 10001500 }, at(0), false],
		[{ pathPrefix: '/u10001400/cholecap' }, at(0), true],
		[{ pathPrefix: '/u10001500/' }, at(0), false],
		[{ incompleteOnly: true }, at(0), true],
		[{ incompleteOnly: true, idleForMoreThanHours: 2 }, at(1), false],
	])('%j at +%s ms keeps it: %s', (filters, now, kept) => {
		expect(matchesFilters(session, filters, now)).toBe(kept);
	});

	test('incompleteOnly drops a complete session', () => {
		expect(matchesFilters({ ...session, uploaded: session.size }, { incompleteOnly: true }, NOW)).toBe(false);
	});
});

describe('checkedHours', () => {
	test.each([0, 0.5, 72])('%s hours pass', (hours) => {
		expect(checkedHours(hours, 'Idle for More Than (Hours)')).toBe(hours);
	});

	test.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '2', undefined])('%s is bad input, named by its label', (value) => {
		const check = () => checkedHours(value, 'Idle for More Than (Hours)');
		expect(check).toThrow(InvalidInputError);
		expect(check).toThrow(`Idle for More Than (Hours) must be a number of hours of 0 or more, not ${String(value)}`);
	});
});
