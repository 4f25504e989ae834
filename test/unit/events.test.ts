import type { IDataObject } from 'n8n-workflow';

import { fileEvents, sampleEvent, sessionEvents, watchingKey } from '../../nodes/VeevaVaultTrigger/events';
import type { EventSettings } from '../../nodes/VeevaVaultTrigger/events';

const H = 3600 * 1000;
const T0 = Date.parse('2024-05-01T00:00:00.000Z');
const iso = (hours: number) => new Date(T0 + hours * H).toISOString();

const settings = (overrides: Partial<EventSettings> = {}): EventSettings => ({
	event: 'uploadSessionStalled',
	idleForMoreThanHours: 2,
	expiringWithinHours: 24,
	filters: {},
	path: '/inbox',
	recursive: false,
	...overrides,
});

const session = (id: string, fields: IDataObject = {}): IDataObject => ({
	id,
	path: `/u1/${id}.bin`,
	owner: 1,
	size: 1000,
	uploaded: 100,
	created_date: iso(0),
	last_uploaded_date: iso(0),
	expiration_date: iso(72),
	...fields,
});

const ids = (events: IDataObject[]) => events.map((event) => event.id);

describe('watchingKey', () => {
	test('a session event is identified by its thresholds and filters', () => {
		expect(watchingKey(settings())).toBe('uploadSessionStalled 2 24  ');
		expect(watchingKey(settings({ event: 'uploadSessionExpiring', filters: { owner: 7, pathPrefix: '/u7/' } }))).toBe('uploadSessionExpiring 2 24 7 /u7/');
	});

	test('fileAdded is identified by its folder and whether subfolders count', () => {
		expect(watchingKey(settings({ event: 'fileAdded', path: '/inbox', recursive: true }))).toBe('fileAdded /inbox true');
		expect(watchingKey(settings({ event: 'fileAdded', path: '/inbox', recursive: false, idleForMoreThanHours: 9 }))).toBe('fileAdded /inbox false');
	});

	test('each setting changes the key', () => {
		const keys = [
			settings(),
			settings({ idleForMoreThanHours: 3 }),
			settings({ expiringWithinHours: 12 }),
			settings({ filters: { owner: 1 } }),
			settings({ filters: { pathPrefix: '/u1/' } }),
			settings({ event: 'uploadSessionCreated' }),
			settings({ event: 'fileAdded' }),
			settings({ event: 'fileAdded', path: '/other' }),
			settings({ event: 'fileAdded', recursive: true }),
		].map(watchingKey);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('uploadSessionStalled', () => {
	const stalled = settings();

	test('reports an incomplete session idle for more than N hours, once', () => {
		const sessions = [session('A'), session('B', { last_uploaded_date: iso(1.5) })];
		const first = sessionEvents(sessions, {}, stalled, T0 + 3 * H);
		expect(ids(first.events)).toEqual(['A']);
		expect(first.events[0]).toMatchObject({ id: 'A', percent_uploaded: 10, is_complete: false, hours_since_last_upload: 3 });
		expect(first.state).toEqual({ watching: watchingKey(stalled), seen: [`A@${iso(0)}`] });

		const second = sessionEvents(sessions, first.state, stalled, T0 + 4 * H);
		expect(ids(second.events)).toEqual(['B']);
		expect(second.state.seen).toEqual([`A@${iso(0)}`, `B@${iso(1.5)}`]);

		expect(sessionEvents(sessions, second.state, stalled, T0 + 5 * H).events).toEqual([]);
	});

	test('a session that uploads and stalls again between two polls is reported again', () => {
		const first = sessionEvents([session('A')], {}, stalled, T0 + 3 * H);
		expect(ids(first.events)).toEqual(['A']);
		// Between the polls it uploaded at +4 h and has been idle since.
		const again = sessionEvents([session('A', { uploaded: 500, last_uploaded_date: iso(4) })], first.state, stalled, T0 + 7 * H);
		expect(ids(again.events)).toEqual(['A']);
		expect(again.state.seen).toEqual([`A@${iso(4)}`]);
	});

	test('a session without uploads is keyed by its creation', () => {
		const fresh = session('A', { last_uploaded_date: undefined, uploaded: 0 });
		const first = sessionEvents([fresh], {}, stalled, T0 + 3 * H);
		expect(first.state.seen).toEqual([`A@${iso(0)}`]);
	});

	test('a session that recovers is forgotten, so a later stall is reported', () => {
		const first = sessionEvents([session('A')], {}, stalled, T0 + 3 * H);
		const complete = sessionEvents([session('A', { uploaded: 1000 })], first.state, stalled, T0 + 4 * H);
		expect(complete.events).toEqual([]);
		expect(complete.state.seen).toEqual([]);
		expect(ids(sessionEvents([session('A')], complete.state, stalled, T0 + 5 * H).events)).toEqual(['A']);
	});

	test('complete sessions and sessions idle for exactly N hours are not stalled', () => {
		expect(sessionEvents([session('A', { uploaded: 1000 })], {}, stalled, T0 + 3 * H).events).toEqual([]);
		expect(sessionEvents([session('A')], {}, stalled, T0 + 2 * H).events).toEqual([]);
		expect(ids(sessionEvents([session('A')], {}, stalled, T0 + 2 * H + 1).events)).toEqual(['A']);
	});

	test('owner and path prefix filters apply', () => {
		const sessions = [session('A', { owner: 1 }), session('B', { owner: 2, path: '/u2/b.bin' })];
		expect(ids(sessionEvents(sessions, {}, settings({ filters: { owner: 2 } }), T0 + 3 * H).events)).toEqual(['B']);
		expect(ids(sessionEvents(sessions, {}, settings({ filters: { pathPrefix: '/u1/' } }), T0 + 3 * H).events)).toEqual(['A']);
	});

	test('a changed Path Prefix resets the memory: what it already reported is reported again', () => {
		const sessions = [session('A')];
		const first = sessionEvents(sessions, {}, settings({ filters: { pathPrefix: '/u1/' } }), T0 + 3 * H);
		expect(ids(first.events)).toEqual(['A']);
		expect(sessionEvents(sessions, first.state, settings({ filters: { pathPrefix: '/u1/' } }), T0 + 4 * H).events).toEqual([]);
		const changed = sessionEvents(sessions, first.state, settings({ filters: { pathPrefix: '/u1/A' } }), T0 + 4 * H);
		expect(ids(changed.events)).toEqual(['A']);
		expect(changed.state.watching).toBe(watchingKey(settings({ filters: { pathPrefix: '/u1/A' } })));
	});

	test('a state without keys is an empty memory', () => {
		expect(ids(sessionEvents([session('A')], { watching: watchingKey(stalled) }, stalled, T0 + 3 * H).events)).toEqual(['A']);
	});
});

describe('uploadSessionExpiring', () => {
	const expiring = settings({ event: 'uploadSessionExpiring', expiringWithinHours: 24 });

	test('reports an incomplete session that ends within N hours, once, keyed by its ID', () => {
		const sessions = [session('A', { expiration_date: iso(30) }), session('B', { expiration_date: iso(60) }), session('C', { expiration_date: iso(20), uploaded: 1000 })];
		const first = sessionEvents(sessions, {}, expiring, T0 + 10 * H);
		expect(ids(first.events)).toEqual(['A']);
		expect(first.state).toEqual({ watching: watchingKey(expiring), seen: ['A'] });
		// An upload in between does not make it expire "again".
		const later = [session('A', { expiration_date: iso(30), last_uploaded_date: iso(11) }), ...sessions.slice(1)];
		expect(sessionEvents(later, first.state, expiring, T0 + 12 * H).events).toEqual([]);
		const next = sessionEvents(later, first.state, expiring, T0 + 36 * H);
		expect(ids(next.events)).toEqual(['B']);
		expect(next.state.seen).toEqual(['A', 'B']);
	});

	test('does not use the idle threshold', () => {
		const busy = session('A', { expiration_date: iso(30), last_uploaded_date: iso(10) });
		expect(ids(sessionEvents([busy], {}, expiring, T0 + 10 * H).events)).toEqual(['A']);
	});

	test('the stalled event does not use the expiry threshold', () => {
		const far = session('A', { expiration_date: iso(1000) });
		expect(ids(sessionEvents([far], {}, settings(), T0 + 3 * H).events)).toEqual(['A']);
	});
});

describe('uploadSessionCreated', () => {
	const created = settings({ event: 'uploadSessionCreated' });

	test('the first poll only takes note of what exists', () => {
		const first = sessionEvents([session('A'), session('B')], {}, created, T0);
		expect(first).toEqual({ events: [], state: { watching: watchingKey(created), seen: ['A', 'B'] } });
	});

	test('reports a session not there at the previous poll, with its computed fields', () => {
		const first = sessionEvents([session('A')], {}, created, T0);
		const second = sessionEvents([session('A'), session('B', { uploaded: 0 })], first.state, created, T0 + H);
		expect(second.events).toEqual([expect.objectContaining({ id: 'B', percent_uploaded: 0, age_hours: 1 })]);
		expect(second.state.seen).toEqual(['A', 'B']);
		expect(sessionEvents([session('B')], second.state, created, T0 + 2 * H)).toEqual({ events: [], state: { watching: watchingKey(created), seen: ['B'] } });
	});

	test('reports new complete sessions too, but only those the filters keep', () => {
		const filtered = settings({ event: 'uploadSessionCreated', filters: { owner: 1 } });
		const first = sessionEvents([], {}, filtered, T0);
		const second = sessionEvents([session('A', { uploaded: 1000 }), session('B', { owner: 2 })], first.state, filtered, T0);
		expect(ids(second.events)).toEqual(['A']);
		expect(second.state.seen).toEqual(['A']);
	});

	test('a changed filter starts afresh: the next poll only takes note', () => {
		const first = sessionEvents([session('A')], {}, created, T0);
		const changed = settings({ event: 'uploadSessionCreated', filters: { pathPrefix: '/u1/' } });
		expect(sessionEvents([session('A'), session('B')], first.state, changed, T0).events).toEqual([]);
	});

	test('a state without keys reports every session', () => {
		expect(ids(sessionEvents([session('A')], { watching: watchingKey(created) }, created, T0).events)).toEqual(['A']);
	});
});

describe('fileAdded', () => {
	const added = settings({ event: 'fileAdded', path: '/inbox', recursive: false });
	const file = (path: string, fields: IDataObject = {}): IDataObject => ({ kind: 'file', path, size: 10, modified_date: iso(0), ...fields });

	test('the first poll only takes note of the files there', () => {
		const first = fileEvents([file('/inbox/a.pdf'), { kind: 'folder', path: '/inbox/sub' }], {}, added);
		expect(first).toEqual({ events: [], state: { watching: watchingKey(added), seen: [`/inbox/a.pdf|10|${iso(0)}`], newestModified: iso(0) } });
	});

	test('a new file, or a new size or date of a file, is reported once; folders never are', () => {
		const first = fileEvents([file('/inbox/a.pdf')], {}, added);
		const listing = [file('/inbox/a.pdf', { size: 11 }), file('/inbox/b.pdf'), { kind: 'folder', path: '/inbox/new' }, file('/inbox/a.pdf', { modified_date: iso(1) })];
		const second = fileEvents(listing, first.state, added);
		expect(second.events).toEqual([listing[0], listing[1], listing[3]]);
		expect(fileEvents(listing, second.state, added).events).toEqual([]);
	});

	test('a file without size or date is keyed with empty fields', () => {
		const first = fileEvents([{ kind: 'file', path: '/inbox/x' }], {}, added);
		expect(first.state.seen).toEqual(['/inbox/x||']);
	});

	test('another folder or recursion starts afresh', () => {
		const first = fileEvents([file('/inbox/a.pdf')], {}, added);
		const recursive = settings({ event: 'fileAdded', path: '/inbox', recursive: true });
		expect(fileEvents([file('/inbox/a.pdf'), file('/inbox/b.pdf')], first.state, recursive).events).toEqual([]);
	});

	test('a state without keys reports every file', () => {
		expect(fileEvents([file('/inbox/a.pdf')], { watching: watchingKey(added) }, added).events).toEqual([file('/inbox/a.pdf')]);
	});
});

describe('sampleEvent', () => {
	test('fileAdded: the most recently modified file', () => {
		const records = [
			{ kind: 'file', path: '/a', modified_date: iso(1) },
			{ kind: 'folder', path: '/z', modified_date: iso(9) },
			{ kind: 'file', path: '/b', modified_date: iso(3) },
			{ kind: 'file', path: '/c' },
			{ kind: 'file', path: '/d', modified_date: iso(2) },
		];
		expect(sampleEvent(records, settings({ event: 'fileAdded' }), T0)).toEqual(records[2]);
		// A file without a date sorts last, wherever it stands in the listing.
		const undated = { kind: 'file', path: '/u' };
		expect(sampleEvent([undated, ...records, undated], settings({ event: 'fileAdded' }), T0)).toEqual(records[2]);
		expect(sampleEvent([undated, { kind: 'file', path: '/e', modified_date: iso(0) }], settings({ event: 'fileAdded' }), T0)).toMatchObject({ path: '/e' });
		expect(sampleEvent([{ kind: 'file', path: '/e', modified_date: iso(0) }, undated], settings({ event: 'fileAdded' }), T0)).toMatchObject({ path: '/e' });
		expect(sampleEvent([{ kind: 'folder', path: '/z' }], settings({ event: 'fileAdded' }), T0)).toBeUndefined();
	});

	test('uploadSessionCreated: the newest session the filters keep, complete or not', () => {
		const records = [session('A', { created_date: iso(1) }), session('B', { created_date: iso(5), owner: 2 }), session('C', { created_date: iso(3), uploaded: 1000 }), session('D', { created_date: iso(2) })];
		const sample = sampleEvent(records, settings({ event: 'uploadSessionCreated', filters: { owner: 1 } }), T0 + 6 * H);
		expect(sample).toMatchObject({ id: 'C', is_complete: true, age_hours: 3 });
		expect(sampleEvent([], settings({ event: 'uploadSessionCreated' }), T0)).toBeUndefined();
	});

	test('uploadSessionStalled: the newest stalled session, whatever was reported before', () => {
		const records = [session('A', { created_date: iso(0) }), session('B', { created_date: iso(5), last_uploaded_date: iso(5) }), session('C', { created_date: iso(1) })];
		expect(sampleEvent(records, settings(), T0 + 6 * H)).toMatchObject({ id: 'C', hours_since_last_upload: 6 });
		expect(sampleEvent([session('A', { uploaded: 1000 })], settings(), T0 + 6 * H)).toBeUndefined();
	});

	test('uploadSessionExpiring: the newest expiring session', () => {
		const expiring = settings({ event: 'uploadSessionExpiring', expiringWithinHours: 24 });
		const records = [session('A', { created_date: iso(0), expiration_date: iso(20) }), session('B', { created_date: iso(2), expiration_date: iso(100) }), session('C', { created_date: iso(1), expiration_date: iso(22) })];
		expect(sampleEvent(records, expiring, T0)).toMatchObject({ id: 'C', hours_until_expiry: 22 });
	});

	test('sessions without a creation date sort last', () => {
		const records = [session('A', { created_date: undefined, last_uploaded_date: iso(0) }), session('B', { created_date: iso(0) })];
		expect(sampleEvent(records, settings(), T0 + 3 * H)).toMatchObject({ id: 'B' });
		expect(sampleEvent([...records].reverse(), settings(), T0 + 3 * H)).toMatchObject({ id: 'B' });
	});
});

describe('fileAdded with Await Write Finish', () => {
	const settled = settings({ event: 'fileAdded', path: '/inbox', recursive: false, awaitWriteFinish: true });
	const file = (path: string, size: number, hour = 0): IDataObject => ({ kind: 'file', path, size, modified_date: iso(hour) });
	const polls = (listings: IDataObject[][]) => {
		let state = {};
		return listings.map((listing) => {
			const outcome = fileEvents(listing, state, settled);
			state = outcome.state;
			return outcome.events.map((event) => `${String(event.path)}:${String(event.size)}`);
		});
	};

	test('a new file is reported at the poll after it appeared, once, if it held still', () => {
		expect(polls([[], [file('/inbox/a.pdf', 10)], [file('/inbox/a.pdf', 10)], [file('/inbox/a.pdf', 10)]])).toEqual([[], [], ['/inbox/a.pdf:10'], []]);
	});

	test('a file still being written is reported once, at its final size', () => {
		const growing = [10, 20, 30, 30, 30].map((size, hour) => [file('/inbox/big.zip', size, hour === 4 ? 3 : hour)]);
		expect(polls([[], ...growing])).toEqual([[], [], [], [], [], ['/inbox/big.zip:30']]);
	});

	test('a new version of a known file is reported once it holds still; a file gone before that is forgotten', () => {
		const known = file('/inbox/a.pdf', 10);
		expect(polls([[known], [file('/inbox/a.pdf', 12, 1), file('/inbox/gone.pdf', 5)], [file('/inbox/a.pdf', 12, 1)], [file('/inbox/a.pdf', 12, 1), file('/inbox/gone.pdf', 5)]])).toEqual([
			[],
			[],
			['/inbox/a.pdf:12'],
			[],
		]);
	});

	test('the first poll takes note of what is there; turning the setting on or off starts afresh', () => {
		const first = fileEvents([file('/inbox/a.pdf', 10)], {}, settled);
		expect(first).toEqual({ events: [], state: { watching: watchingKey(settled), seen: [`/inbox/a.pdf|10|${iso(0)}`], newestModified: iso(0) } });
		const immediate = settings({ event: 'fileAdded', path: '/inbox', recursive: false });
		expect(watchingKey(immediate)).not.toBe(watchingKey(settled));
		expect(fileEvents([file('/inbox/a.pdf', 10), file('/inbox/b.pdf', 1)], first.state, immediate).events).toEqual([]);
	});
});
