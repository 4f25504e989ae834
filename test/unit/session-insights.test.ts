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

describe('computed fields at their edges', () => {
	const H = 3600 * 1000;
	const T0 = Date.parse('2024-05-01T00:00:00.000Z');
	const base = {
		id: 'S1',
		size: 1000,
		uploaded: 0,
		created_date: '2024-05-01T00:00:00.000Z',
		expiration_date: '2024-05-04T00:00:00.000Z',
	};

	test('a zero-size session is 0 % uploaded and never complete', () => {
		expect(computedFields({ ...base, size: 0, uploaded: 0 }, T0)).toMatchObject({ percent_uploaded: 0, is_complete: false });
		expect(computedFields({ ...base, size: 0, uploaded: 5 }, T0)).toMatchObject({ percent_uploaded: 0, is_complete: false });
	});

	test('a session without size or uploaded bytes is 0 % and not complete', () => {
		expect(computedFields({ created_date: base.created_date }, T0)).toMatchObject({ percent_uploaded: 0, is_complete: false });
		expect(computedFields({ size: 1000 }, T0)).toMatchObject({ percent_uploaded: 0, is_complete: false });
	});

	test('the percentage is rounded down to a tenth, so an unfinished session never shows 100 %', () => {
		expect(computedFields({ ...base, size: 3, uploaded: 1 }, T0).percent_uploaded).toBe(33.3);
		expect(computedFields({ ...base, size: 3, uploaded: 2 }, T0).percent_uploaded).toBe(66.6);
		expect(computedFields({ ...base, size: 10000, uploaded: 9999 }, T0)).toMatchObject({ percent_uploaded: 99.9, is_complete: false });
		expect(computedFields({ ...base, size: 1000, uploaded: 1000 }, T0)).toMatchObject({ percent_uploaded: 100, is_complete: true });
		expect(computedFields({ ...base, size: '2000', uploaded: '500' }, T0)).toMatchObject({ percent_uploaded: 25, is_complete: false });
	});

	test('more bytes than the size is complete', () => {
		expect(computedFields({ ...base, size: 1000, uploaded: 1001 }, T0).is_complete).toBe(true);
	});

	test('hours are rounded to a tenth; an expired session has negative hours until expiry', () => {
		const now = T0 + 80 * H + 0.26 * H;
		expect(computedFields(base, now)).toEqual({
			percent_uploaded: 0,
			is_complete: false,
			hours_since_last_upload: 80.3,
			hours_until_expiry: -8.3,
			age_hours: 80.3,
		});
		expect(computedFields(base, T0 + 0.24 * H)).toMatchObject({ hours_since_last_upload: 0.2, hours_until_expiry: 71.8, age_hours: 0.2 });
	});

	test('the last upload counts over the creation for idle time', () => {
		const uploadedLater = { ...base, last_uploaded_date: '2024-05-01T02:00:00.000Z' };
		expect(computedFields(uploadedLater, T0 + 3 * H)).toMatchObject({ hours_since_last_upload: 1, age_hours: 3 });
	});

	test('dates Vault does not give, or gives in another form, are unknown', () => {
		expect(computedFields({ size: 10, uploaded: 5 }, T0)).toEqual({
			percent_uploaded: 50,
			is_complete: false,
			hours_since_last_upload: null,
			hours_until_expiry: null,
			age_hours: null,
		});
		expect(computedFields({ ...base, created_date: 'soon', expiration_date: 'later' }, T0)).toMatchObject({
			hours_since_last_upload: null,
			hours_until_expiry: null,
			age_hours: null,
		});
	});

	test('withComputedFields adds every computed field the session lacks', () => {
		expect(withComputedFields(base, T0 + H)).toEqual({
			...base,
			percent_uploaded: 0,
			is_complete: false,
			hours_since_last_upload: 1,
			hours_until_expiry: 71,
			age_hours: 1,
		});
		expect(withComputedFields({ ...base, age_hours: null }, T0 + H).age_hours).toBeNull();
	});

	describe('filters at their edges', () => {
		test('idle: strictly more than the hours, from the last upload, else the creation', () => {
			expect(matchesFilters(base, { idleForMoreThanHours: 2 }, T0 + 2 * H)).toBe(false);
			expect(matchesFilters(base, { idleForMoreThanHours: 2 }, T0 + 2 * H + 1)).toBe(true);
			const uploaded = { ...base, last_uploaded_date: '2024-05-01T01:00:00.000Z' };
			expect(matchesFilters(uploaded, { idleForMoreThanHours: 2 }, T0 + 3 * H)).toBe(false);
			expect(matchesFilters(uploaded, { idleForMoreThanHours: 2 }, T0 + 3 * H + 1)).toBe(true);
			// Not rounded: 2.04 hours is not more than 2.04, though both show as 2.0.
			expect(matchesFilters(base, { idleForMoreThanHours: 2.04 }, T0 + 2.04 * H)).toBe(false);
			expect(matchesFilters(base, { idleForMoreThanHours: 2 }, T0 + 2.04 * H)).toBe(true);
			expect(matchesFilters(base, { idleForMoreThanHours: 0 }, T0)).toBe(false);
		});

		test('idle: a session without dates is never idle', () => {
			expect(matchesFilters({ id: 'x', size: 10, uploaded: 0 }, { idleForMoreThanHours: 0 }, T0)).toBe(false);
		});

		test('expiring: within the hours, the end included', () => {
			expect(matchesFilters(base, { expiringWithinHours: 24 }, T0 + 48 * H)).toBe(true);
			expect(matchesFilters(base, { expiringWithinHours: 24 }, T0 + 48 * H - 1)).toBe(false);
			expect(matchesFilters(base, { expiringWithinHours: 0 }, T0 + 72 * H)).toBe(true);
			expect(matchesFilters(base, { expiringWithinHours: 0 }, T0 + 72 * H - 1)).toBe(false);
			expect(matchesFilters(base, { expiringWithinHours: 1 }, T0 + 100 * H)).toBe(true);
		});

		test('expiring: a session without an expiration date never expires', () => {
			expect(matchesFilters({ ...base, expiration_date: undefined }, { expiringWithinHours: 1000 }, T0)).toBe(false);
			expect(matchesFilters({ ...base, expiration_date: 'never' }, { expiringWithinHours: 1000 }, T0)).toBe(false);
		});

		test('owner: 0 means any owner; an owner given as text compares as a number', () => {
			const owned = { ...base, owner: 10001400 };
			expect(matchesFilters(owned, { owner: 0 }, T0)).toBe(true);
			expect(matchesFilters({ ...base, owner: '10001400' }, { owner: 10001400 }, T0)).toBe(true);
			expect(matchesFilters(owned, { owner: '10001400' as unknown as number }, T0)).toBe(true);
			expect(matchesFilters(owned, { owner: 10001401 }, T0)).toBe(false);
			expect(matchesFilters(base, { owner: 10001400 }, T0)).toBe(false);
		});

		test('path prefix: from the start of the path; a session without a path does not match', () => {
			const atPath = { ...base, path: '/inbox/a.pdf' };
			expect(matchesFilters(atPath, { pathPrefix: '' }, T0)).toBe(true);
			expect(matchesFilters(atPath, { pathPrefix: '/inbox/' }, T0)).toBe(true);
			expect(matchesFilters(atPath, { pathPrefix: 'inbox' }, T0)).toBe(false);
			expect(matchesFilters(base, { pathPrefix: '/' }, T0)).toBe(false);
		});

		test('a filter that is not set does not ask for the dates it would need', () => {
			const bare = { id: 'x', path: '/a/b', size: 10, uploaded: 0 };
			expect(matchesFilters(bare, {}, T0)).toBe(true);
			expect(matchesFilters(bare, { pathPrefix: '/a/', owner: 0, incompleteOnly: true }, T0)).toBe(true);
		});

		test('incompleteOnly off keeps a complete session', () => {
			expect(matchesFilters({ ...base, uploaded: 1000 }, { incompleteOnly: false }, T0)).toBe(true);
			expect(matchesFilters({ ...base, uploaded: 1000 }, { incompleteOnly: true }, T0)).toBe(false);
			expect(matchesFilters({ ...base, uploaded: 999 }, { incompleteOnly: true }, T0)).toBe(true);
		});
	});
});
