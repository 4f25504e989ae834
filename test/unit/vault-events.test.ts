// The cursor and de-duplication rules of the document and record events (vaultEvents.ts).
import type { IDataObject } from 'n8n-workflow';

import { CLOCK_SKEW_SECONDS, OVERLAP_SECONDS, changeKey, changesQuery, dateFieldOf, fieldsOf, isVaultEvent, sampleQuery, vaultChangeEvents, vaultWatchingKey, windowStart } from '../../nodes/VeevaVaultTrigger/vaultEvents';
import type { VaultEvent, VaultEventSettings, VaultEventState } from '../../nodes/VeevaVaultTrigger/vaultEvents';

const NOW = Date.parse('2026-03-01T12:00:00.400Z');
const updated: VaultEventSettings = { event: 'documentUpdated', object: '', states: [], vqlFilter: '' };
const doc = (id: number, modified: string, extra: IDataObject = {}): IDataObject => ({
	id,
	major_version_number__v: 0,
	minor_version_number__v: 2,
	document_creation_date__v: '2026-01-01T00:00:00.000Z',
	version_modified_date__v: modified,
	...extra,
});

test('the first poll starts from now (whole seconds) minus the overlap and fires nothing', () => {
	expect(windowStart({}, updated, NOW)).toBe(new Date(Date.parse('2026-03-01T12:00:00.000Z') - CLOCK_SKEW_SECONDS * 1000).toISOString());
	const first = vaultChangeEvents([doc(1, '2026-03-01T11:59:30.000Z')], {}, updated, NOW);
	expect(first.events).toEqual([]);
	expect(first.state.cursor).toBe('2026-03-01T12:00:00.000Z');
	expect(first.state.seen).toEqual(['1@0.2@2026-03-01T11:59:30.000Z']);
	expect(first.state.fromActivation).toBe(true);
	expect(windowStart(first.state, updated, NOW + 60_000)).toBe('2026-03-01T11:59:00.000Z');
});

test('changes in the same second as the cursor fire once each across polls', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const second = '2026-03-01T12:00:05.000Z';
	const a = vaultChangeEvents([doc(1, second)], start, updated, NOW + 5000);
	expect(a.events.map((row) => row.id)).toEqual([1]);
	expect(a.state.cursor).toBe(second);
	// Document 2 changed in that same second but only became visible at the next poll.
	const b = vaultChangeEvents([doc(1, second), doc(2, second)], a.state, updated, NOW + 10000);
	expect(b.events.map((row) => row.id)).toEqual([2]);
	expect(vaultChangeEvents([doc(1, second), doc(2, second)], b.state, updated, NOW + 20000).events).toEqual([]);
});

test('a change dated before the cursor but inside the overlap still fires (a Vault clock behind n8n)', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const late = vaultChangeEvents([doc(3, '2026-03-01T11:59:31.000Z')], start, updated, NOW + 60000);
	expect(late.events.map((row) => row.id)).toEqual([3]);
	expect(late.state.cursor).toBe(start.cursor);
	// Once a change after the cursor is seen, the cursor is Vault's and the overlap short.
	const next = vaultChangeEvents([doc(4, '2026-03-01T12:00:07.000Z')], late.state, updated, NOW + 70000);
	expect(next.state).toMatchObject({ cursor: '2026-03-01T12:00:07.000Z', fromActivation: false, seen: ['4@0.2@2026-03-01T12:00:07.000Z'] });
	expect(windowStart(next.state, updated, NOW + 80000)).toBe(new Date(Date.parse('2026-03-01T12:00:07.000Z') - OVERLAP_SECONDS * 1000).toISOString());
});

test('the state keeps only the keys inside the overlap before the newest change', () => {
	const start: VaultEventState = vaultChangeEvents([], {}, updated, NOW).state;
	const rows = Array.from({ length: 50 }, (_, index) => doc(index + 1, new Date(NOW + index * 1000).toISOString().replace(/\.\d+Z/, '.000Z')));
	const { state, events } = vaultChangeEvents(rows, start, updated, NOW + 60_000);
	expect(events).toHaveLength(50);
	expect(state.seen).toHaveLength(OVERLAP_SECONDS + 1);
});

test('a new version or a new edit of a document fires again; a document never changed since creation does not fire Updated', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const created = doc(7, '2026-03-01T12:00:01.000Z', { document_creation_date__v: '2026-03-01T12:00:01.000Z', minor_version_number__v: 1 });
	const a = vaultChangeEvents([created], start, updated, NOW + 2000);
	expect(a.events).toEqual([]);
	const edited = { ...created, version_modified_date__v: '2026-03-01T12:00:02.000Z' };
	const b = vaultChangeEvents([edited], a.state, updated, NOW + 3000);
	expect(b.events).toHaveLength(1);
});

test('Entered State fires once per version and state, not again for an edit within the overlap', () => {
	const entered: VaultEventSettings = { event: 'documentEnteredState', object: '', states: ['Approved'], vqlFilter: '' };
	const start = vaultChangeEvents([], {}, entered, NOW).state;
	const approved = doc(9, '2026-03-01T12:00:03.000Z', { status__v: 'Approved', major_version_number__v: 1, minor_version_number__v: 0 });
	const a = vaultChangeEvents([approved], start, entered, NOW + 4000);
	expect(a.events).toHaveLength(1);
	expect(vaultChangeEvents([{ ...approved, version_modified_date__v: '2026-03-01T12:00:09.000Z' }], a.state, entered, NOW + 10000).events).toEqual([]);
});

test('another event or setting starts afresh', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const filtered = { ...updated, vqlFilter: "type__v = 'General'" };
	expect(vaultChangeEvents([doc(1, '2026-03-01T12:00:05.000Z')], start, filtered, NOW + 6000).events).toEqual([]);
});

test('the queries: a date window oldest first with ties by ID, the states and the filter; the sample newest first', () => {
	const settings: VaultEventSettings = { event: 'recordEnteredState', object: 'product__v', states: ['active_state__c', "o'brien"], vqlFilter: " name__v LIKE 'A%' " };
	expect(changesQuery(settings, '2026-03-01T11:59:00.000Z')).toBe(
		"SELECT id, name__v, state__v, created_date__v, modified_date__v FROM product__v WHERE modified_date__v >= '2026-03-01T11:59:00.000Z' AND state__v IN ('active_state__c', 'o\\'brien') AND (name__v LIKE 'A%') ORDER BY modified_date__v ASC, id ASC",
	);
	expect(sampleQuery({ ...updated, event: 'documentCreated' })).toMatch(/FROM documents ORDER BY document_creation_date__v DESC LIMIT 1$/);
});

test('a change that becomes visible late, dated a few seconds before the newest change seen, still fires once', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const a = vaultChangeEvents([doc(1, '2026-03-01T12:00:10.000Z')], start, updated, NOW + 11000);
	const late = doc(2, '2026-03-01T12:00:07.000Z');
	const b = vaultChangeEvents([late, doc(1, '2026-03-01T12:00:10.000Z')], a.state, updated, NOW + 20000);
	expect(b.events.map((row) => row.id)).toEqual([2]);
	expect(vaultChangeEvents([late, doc(1, '2026-03-01T12:00:10.000Z')], b.state, updated, NOW + 30000).events).toEqual([]);
});

describe('the parts of a query and a key, per event', () => {
	const base: VaultEventSettings = { event: 'recordUpdated', object: 'product__v', states: [], vqlFilter: '' };

	test('which events are the document and record events', () => {
		for (const event of ['documentCreated', 'documentUpdated', 'documentEnteredState', 'recordCreated', 'recordUpdated', 'recordEnteredState']) expect(isVaultEvent(event)).toBe(true);
		for (const event of ['fileAdded', 'uploadSessionCreated', '']) expect(isVaultEvent(event)).toBe(false);
	});

	test('the date field and the fields read', () => {
		expect(['documentCreated', 'documentUpdated', 'documentEnteredState', 'recordCreated', 'recordUpdated', 'recordEnteredState'].map((event) => dateFieldOf(event as VaultEvent))).toEqual([
			'document_creation_date__v',
			'version_modified_date__v',
			'version_modified_date__v',
			'created_date__v',
			'modified_date__v',
			'modified_date__v',
		]);
		expect(fieldsOf('documentUpdated')).toEqual(['id', 'name__v', 'document_number__v', 'type__v', 'status__v', 'major_version_number__v', 'minor_version_number__v', 'document_creation_date__v', 'version_modified_date__v']);
		expect(fieldsOf('recordUpdated')).toEqual(['id', 'name__v', 'created_date__v', 'modified_date__v']);
		expect(fieldsOf('recordEnteredState')).toEqual(['id', 'name__v', 'state__v', 'created_date__v', 'modified_date__v']);
	});

	test('the keys', () => {
		const row = { id: 5, major_version_number__v: 1, minor_version_number__v: 0, status__v: 'Approved', state__v: 'active_state__c', version_modified_date__v: 'D', modified_date__v: 'M' };
		expect(['documentCreated', 'documentUpdated', 'documentEnteredState', 'recordCreated', 'recordUpdated', 'recordEnteredState'].map((event) => changeKey(event as VaultEvent, row))).toEqual([
			'5',
			'5@1.0@D',
			'5@1.0@Approved',
			'5',
			'5@M',
			'5@active_state__c',
		]);
		expect(changeKey('documentUpdated', { id: 5, version_modified_date__v: 'D' })).toBe('5@.@D');
	});

	test('the state is built for the event, the object (records only), the states in any order and the trimmed filter', () => {
		const key = vaultWatchingKey({ ...base, event: 'recordEnteredState', states: ['b', 'a'], vqlFilter: ' x = 1 ' });
		expect(key).toBe('recordEnteredState product__v a|b x = 1');
		expect(vaultWatchingKey({ ...base, event: 'recordEnteredState', states: ['a', 'b'], vqlFilter: 'x = 1' })).toBe(key);
		expect(vaultWatchingKey({ ...base, event: 'documentUpdated', object: 'ignored__v' })).toBe(vaultWatchingKey({ ...base, event: 'documentUpdated', object: '' }));
		expect(vaultWatchingKey({ ...base, object: 'account__v' })).not.toBe(vaultWatchingKey(base));
	});

	test('the sample query takes the states and the filter too', () => {
		expect(sampleQuery({ ...base, event: 'documentEnteredState', states: ['Approved'], vqlFilter: "type__v = 'General'" })).toBe(
			"SELECT id, name__v, document_number__v, type__v, status__v, major_version_number__v, minor_version_number__v, document_creation_date__v, version_modified_date__v FROM documents WHERE status__v IN ('Approved') AND (type__v = 'General') ORDER BY version_modified_date__v DESC LIMIT 1",
		);
	});

	test('Record Updated: a record never changed since creation does not fire; a change does', () => {
		const start = vaultChangeEvents([], {}, base, NOW).state;
		const created = { id: 'r1', created_date__v: '2026-03-01T12:00:01.000Z', modified_date__v: '2026-03-01T12:00:01.000Z' };
		const a = vaultChangeEvents([created], start, base, NOW + 2000);
		expect(a.events).toEqual([]);
		expect(vaultChangeEvents([{ ...created, modified_date__v: '2026-03-01T12:00:02.000Z' }], a.state, base, NOW + 3000).events).toHaveLength(1);
	});

	test('a stored cursor that is not a date starts afresh; a state without seen keys reports every change', () => {
		expect(vaultChangeEvents([doc(1, '2026-03-01T12:00:05.000Z')], { watching: vaultWatchingKey(updated), cursor: 'garbage' }, updated, NOW).events).toEqual([]);
		const stored: VaultEventState = { watching: vaultWatchingKey(updated), cursor: '2026-03-01T12:00:00.000Z', fromActivation: false };
		expect(vaultChangeEvents([doc(1, '2026-03-01T12:00:05.000Z')], stored, updated, NOW).events).toHaveLength(1);
	});
});

test('the clock-skew overlap lasts until a change after the activation moment is seen, and does not come back', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const idle = vaultChangeEvents([], start, updated, NOW + 60_000).state;
	expect(idle.fromActivation).toBe(true);
	const changed = vaultChangeEvents([doc(1, '2026-03-01T12:00:05.000Z')], idle, updated, NOW + 70_000).state;
	const idleAgain = vaultChangeEvents([doc(1, '2026-03-01T12:00:05.000Z')], changed, updated, NOW + 80_000).state;
	expect([changed.fromActivation, idleAgain.fromActivation]).toEqual([false, false]);
	expect(windowStart(idleAgain, updated, NOW + 90_000)).toBe(new Date(Date.parse('2026-03-01T12:00:05.000Z') - OVERLAP_SECONDS * 1000).toISOString());
	expect(OVERLAP_SECONDS).toBeLessThan(CLOCK_SKEW_SECONDS);
});

test('a blank VQL Filter adds no condition; a document key holds no object', () => {
	expect(changesQuery({ ...updated, vqlFilter: '   ' }, '2026-03-01T12:00:00.000Z')).toMatch(/WHERE version_modified_date__v >= '2026-03-01T12:00:00.000Z' ORDER BY/);
	expect(vaultWatchingKey(updated)).toBe('documentUpdated   ');
});

test('Document Updated: a new version made in the second the document was created fires', () => {
	const start = vaultChangeEvents([], {}, updated, NOW).state;
	const second = '2026-03-01T12:00:01.000Z';
	for (const version of [{ major_version_number__v: 0, minor_version_number__v: 2 }, { major_version_number__v: 1, minor_version_number__v: 1 }]) {
		const row = doc(7, second, { document_creation_date__v: second, ...version });
		expect(vaultChangeEvents([row], start, updated, NOW + 2000).events).toHaveLength(1);
	}
});
