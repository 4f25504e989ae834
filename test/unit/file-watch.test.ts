// File Added or Changed on large folders: the keys of the last hour's files, a fixed-size sketch of
// the older ones, and what that sketch can and cannot tell.
import type { IDataObject } from 'n8n-workflow';

import { RECENT_FILES_MS, fileEvents } from '../../nodes/VeevaVaultTrigger/events';
import type { EventSettings, TriggerState } from '../../nodes/VeevaVaultTrigger/events';
import { SKETCH_CAPACITY, keysNotIn, sketchOf } from '../../nodes/VeevaVaultTrigger/fileSketch';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const file = (path: string, modifiedMs = NOW, size = 10): IDataObject => ({ kind: 'file', path, name: path.split('/').pop(), size, modified_date: at(modifiedMs) });
/** `count` files, one modified every 2 minutes before NOW − 2 hours (20,000: over 28 days). */
const oldFiles = (count: number) => Array.from({ length: count }, (_, index) => file(`/inbox/old/f${index}.pdf`, NOW - 2 * 3600 * 1000 - index * 120_000));

const watch: EventSettings = { event: 'fileAdded', idleForMoreThanHours: 1, expiringWithinHours: 24, filters: {}, path: '/inbox', recursive: true, awaitWriteFinish: false };
const paths = (events: IDataObject[]) => events.map((event) => event.path);
/** The state as n8n stores it between polls (JSON in the workflow's static data). */
const stored = (state: TriggerState): TriggerState => JSON.parse(JSON.stringify(state)) as TriggerState;
const size = (state: TriggerState) => JSON.stringify(state).length;

describe('the sketch of older files', () => {
	const keys = Array.from({ length: 20_000 }, (_, index) => `/inbox/f${index}.pdf|10|2026-01-01T00:00:00.000Z`);

	test('reads back the keys added since, up to its capacity, whatever the number of keys', () => {
		const sketch = sketchOf(keys);
		const added = Array.from({ length: SKETCH_CAPACITY / 2 }, (_, index) => `/inbox/new${index}.pdf|1|2025-01-01T00:00:00.000Z`);
		const now = [...keys.slice(SKETCH_CAPACITY / 2), ...added];
		expect(keysNotIn(now, sketch)).toEqual({ added: new Set(added), complete: true });
		expect(keysNotIn(keys, sketch)).toEqual({ added: new Set(), complete: true });
	});

	test('its size does not depend on the number of keys', () => {
		expect(JSON.stringify(sketchOf(keys)).length - JSON.stringify(sketchOf(keys.slice(0, 10))).length).toBe(3);
	});

	test('past its capacity it says it could not tell', () => {
		const now = [...keys, ...Array.from({ length: 2 * SKETCH_CAPACITY }, (_, index) => `/inbox/new${index}.pdf|1|x`)];
		expect(keysNotIn(now, sketchOf(keys)).complete).toBe(false);
		expect(keysNotIn(keys, { count: 1, cells: 'not a sketch' }).complete).toBe(false);
	});
});

describe('File Added or Changed in a folder of 20,000 files', () => {
	const tree = oldFiles(20_000);
	const first = fileEvents(tree, {}, watch);

	test('the first poll takes note; the state does not grow with the number of older files', () => {
		expect(first.events).toEqual([]);
		const small = fileEvents(oldFiles(100), {}, watch).state;
		expect(size(first.state)).toBeLessThan(10_000);
		expect(size(first.state) - size(small)).toBeLessThanOrEqual(3);
	});

	test('a new file fires once; its key is kept with the last hour\'s files', () => {
		const listing = [...tree, file('/inbox/new.pdf')];
		const second = fileEvents(listing, stored(first.state), watch);
		expect(paths(second.events)).toEqual(['/inbox/new.pdf']);
		expect(second.state.seen).toEqual([`/inbox/new.pdf|10|${at(NOW)}`]);
		expect(fileEvents(listing, stored(second.state), watch).events).toEqual([]);
	});

	test('a file rewritten fires again, also with its old date kept and a new size', () => {
		const rewritten = tree.map((item, index) => (index === 7 ? { ...item, size: 11 } : index === 8 ? { ...item, modified_date: at(NOW) } : item));
		const second = fileEvents(rewritten, stored(first.state), watch);
		expect(paths(second.events).sort()).toEqual(['/inbox/old/f7.pdf', '/inbox/old/f8.pdf']);
		expect(fileEvents(rewritten, stored(second.state), watch).events).toEqual([]);
	});

	test('a file moved or copied in with an old modified date fires once', () => {
		const moved = tree.map((item, index) => (index === 3 ? { ...item, path: '/inbox/archive/f3.pdf' } : item));
		const listing = [...moved, file('/inbox/copied.pdf', NOW - 400 * DAY)];
		const second = fileEvents(listing, stored(first.state), watch);
		expect(paths(second.events).sort()).toEqual(['/inbox/archive/f3.pdf', '/inbox/copied.pdf']);
		expect(second.notice).toBeUndefined();
		expect(fileEvents(listing, stored(second.state), watch).events).toEqual([]);
	});

	test('deleting older files fires nothing', () => {
		expect(fileEvents(tree.slice(150), stored(first.state), watch).events).toEqual([]);
	});

	test('the last hour\'s files are compared by key: files just before the newest date are not lost', () => {
		const recent = [...tree, file('/inbox/a.pdf')];
		const second = fileEvents(recent, stored(first.state), watch);
		const late = file('/inbox/late.pdf', NOW - RECENT_FILES_MS + 1000);
		expect(paths(fileEvents([...recent, late], stored(second.state), watch).events)).toEqual(['/inbox/late.pdf']);
	});

	test('more older files than the sketch can tell apart: a notice for the log, and the next poll is exact again', () => {
		const movedIn = Array.from({ length: 3 * SKETCH_CAPACITY }, (_, index) => file(`/inbox/moved/m${index}.pdf`, NOW - 5 * DAY - index));
		const second = fileEvents([...tree, ...movedIn], stored(first.state), watch);
		expect(second.notice).toMatch(/^More than 200 files dated before 2026-06-01T09:00:00.000Z came or went since the last poll/);
		const third = fileEvents([...tree, ...movedIn, file('/inbox/moved/late.pdf', NOW - 5 * DAY)], stored(second.state), watch);
		expect(paths(third.events)).toEqual(['/inbox/moved/late.pdf']);
	});

	test('Await Write Finish: an old-dated file fires at the poll after it held still', () => {
		const settled = { ...watch, awaitWriteFinish: true };
		let state = fileEvents(tree, {}, settled).state;
		const listing = [...tree, file('/inbox/copied.pdf', NOW - 10 * DAY)];
		const seenOnce = fileEvents(listing, stored(state), settled);
		expect(seenOnce.events).toEqual([]);
		expect(seenOnce.state.pending).toEqual([`/inbox/copied.pdf|10|${at(NOW - 10 * DAY)}`]);
		state = seenOnce.state;
		expect(paths(fileEvents(listing, stored(state), settled).events)).toEqual(['/inbox/copied.pdf']);
	});

	test('a state kept before the sketch existed (keys of every file) goes on without reporting known files', () => {
		const before: TriggerState = { watching: first.state.watching, seen: tree.map((item) => `${String(item.path)}|10|${String(item.modified_date)}`) };
		const next = fileEvents([...tree, file('/inbox/new.pdf')], before, watch);
		expect(paths(next.events)).toEqual(['/inbox/new.pdf']);
		expect(next.state.seen).toHaveLength(1);
	});
});
