// Document and object record events: which VQL a poll sends, and which of the rows it gets back
// fire, given what earlier polls saw. Pure: pollVaultEvents.ts queries and keeps the state.
//
// The cursor is the newest change date seen (Vault dates are whole seconds). Each poll asks for
// every change at or after the cursor minus a short overlap, so a change that becomes visible a
// little late, or several changes in the cursor's second, are still seen; the keys of the changes
// inside the overlap are remembered, so none fires twice. Nothing else is remembered. Until the
// first change is seen the cursor is the moment of activation on n8n's clock, and the overlap is
// a minute, so that a Vault clock up to a minute behind n8n's loses nothing.
import type { IDataObject } from 'n8n-workflow';

import { vqlLiteral } from '../VeevaVault/rules/objectRecords';

export type VaultEvent = 'documentCreated' | 'documentUpdated' | 'documentEnteredState' | 'recordCreated' | 'recordUpdated' | 'recordEnteredState';

export const VAULT_EVENTS: readonly VaultEvent[] = ['documentCreated', 'documentUpdated', 'documentEnteredState', 'recordCreated', 'recordUpdated', 'recordEnteredState'];

/** How far behind a cursor that is a Vault date each poll looks again, in seconds. */
export const OVERLAP_SECONDS = 30;
/** How far behind a cursor taken from n8n's clock (at activation) each poll looks: how far Vault's clock may lag. */
export const CLOCK_SKEW_SECONDS = 60;

export interface VaultEventSettings {
	event: VaultEvent;
	/** The object's name, for record events. */
	object: string;
	/** The chosen lifecycle states, for Entered State (document: the state's label, as status__v holds it; record: its name). */
	states: string[];
	/** A VQL condition every change must also meet (empty: none). */
	vqlFilter: string;
}

/** What the trigger remembers between polls (n8n keeps it in the workflow's static data). */
export interface VaultEventState extends IDataObject {
	watching?: string;
	/** The newest change date seen (ISO, UTC), or the moment of activation on n8n's clock. */
	cursor?: string;
	/** The cursor is still the moment of activation: no change after it seen yet. */
	fromActivation?: boolean;
	/** Keys of the changes seen from cursor − overlap on. */
	seen?: string[];
}

export interface VaultEventOutcome {
	events: IDataObject[];
	state: VaultEventState;
}

export function isVaultEvent(event: string): event is VaultEvent {
	return (VAULT_EVENTS as readonly string[]).includes(event);
}

const forDocuments = (event: VaultEvent) => event.startsWith('document');

/** The date field whose change an event watches. */
export function dateFieldOf(event: VaultEvent): string {
	if (event === 'documentCreated') return 'document_creation_date__v';
	if (event === 'recordCreated') return 'created_date__v';
	return forDocuments(event) ? 'version_modified_date__v' : 'modified_date__v';
}

/** The fields a poll reads: enough to tell changes apart; the event carries them. */
export function fieldsOf(event: VaultEvent): string[] {
	if (forDocuments(event)) {
		return ['id', 'name__v', 'document_number__v', 'type__v', 'status__v', 'major_version_number__v', 'minor_version_number__v', 'document_creation_date__v', 'version_modified_date__v'];
	}
	// Objects without a lifecycle have no state__v.
	return ['id', 'name__v', ...(event === 'recordEnteredState' ? ['state__v'] : []), 'created_date__v', 'modified_date__v'];
}

/** The identity of what the state was built for: another event or setting starts afresh. */
export function vaultWatchingKey(settings: VaultEventSettings): string {
	return [settings.event, forDocuments(settings.event) ? '' : settings.object, [...settings.states].sort().join('|'), settings.vqlFilter.trim()].join(' ');
}

/**
 * What makes one change one event. Created: the document or record. Updated: the version and its
 * modified date, so each change fires. Entered State: the version (a record: the record) and the
 * state, so several changes of the version in the state within the overlap fire once; a later edit
 * fires again (telling it apart would take a key per document).
 */
export function changeKey(event: VaultEvent, row: IDataObject): string {
	const version = `${String(row.major_version_number__v ?? '')}.${String(row.minor_version_number__v ?? '')}`;
	switch (event) {
		case 'documentCreated':
		case 'recordCreated':
			return String(row.id);
		case 'documentUpdated':
			return `${String(row.id)}@${version}@${String(row.version_modified_date__v)}`;
		case 'recordUpdated':
			return `${String(row.id)}@${String(row.modified_date__v)}`;
		case 'documentEnteredState':
			return `${String(row.id)}@${version}@${String(row.status__v)}`;
		case 'recordEnteredState':
			return `${String(row.id)}@${String(row.state__v)}`;
	}
}

/** A moment as Vault compares dates: whole seconds, ISO 8601 in UTC. */
export function vaultSecond(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** Where the next query starts: the cursor (on the first poll: now) minus the overlap. */
export function windowStart(previous: VaultEventState, settings: VaultEventSettings, nowMs: number): string {
	if (startsAfresh(previous, settings)) return vaultSecond(nowMs - CLOCK_SKEW_SECONDS * 1000);
	return vaultSecond(Date.parse(previous.cursor as string) - overlapMs(previous.fromActivation === true));
}

const overlapMs = (fromActivation: boolean) => (fromActivation ? CLOCK_SKEW_SECONDS : OVERLAP_SECONDS) * 1000;

function startsAfresh(previous: VaultEventState, settings: VaultEventSettings): boolean {
	return previous.watching !== vaultWatchingKey(settings) || typeof previous.cursor !== 'string' || Number.isNaN(Date.parse(previous.cursor));
}

/** The conditions of the event's query, without the date window. */
function conditionsOf(settings: VaultEventSettings): string[] {
	const conditions: string[] = [];
	if (settings.event === 'documentEnteredState' || settings.event === 'recordEnteredState') {
		const field = settings.event === 'documentEnteredState' ? 'status__v' : 'state__v';
		conditions.push(`${field} IN (${settings.states.map((state) => vqlLiteral(state, field)).join(', ')})`);
	}
	if (settings.vqlFilter.trim()) conditions.push(`(${settings.vqlFilter.trim()})`);
	return conditions;
}

function targetOf(settings: VaultEventSettings): string {
	return forDocuments(settings.event) ? 'documents' : settings.object;
}

/** The poll's query: every change from `since` on, oldest first (ID breaks ties, so pages hold still). */
export function changesQuery(settings: VaultEventSettings, since: string): string {
	const dateField = dateFieldOf(settings.event);
	const where = [`${dateField} >= ${vqlLiteral(since, dateField)}`, ...conditionsOf(settings)].join(' AND ');
	return `SELECT ${fieldsOf(settings.event).join(', ')} FROM ${targetOf(settings)} WHERE ${where} ORDER BY ${dateField} ASC, id ASC`;
}

/** "Fetch Test Event": the newest change that fits the event, whenever it was. */
export function sampleQuery(settings: VaultEventSettings): string {
	const dateField = dateFieldOf(settings.event);
	const conditions = conditionsOf(settings);
	return `SELECT ${fieldsOf(settings.event).join(', ')} FROM ${targetOf(settings)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${dateField} DESC LIMIT 1`;
}

/** An Updated event is a change after creation: a row never changed since it was created is the Created event's. */
function isCreationOnly(event: VaultEvent, row: IDataObject): boolean {
	if (event === 'documentUpdated') return row.version_modified_date__v === row.document_creation_date__v && String(row.major_version_number__v) === '0' && String(row.minor_version_number__v) === '1';
	if (event === 'recordUpdated') return row.modified_date__v === row.created_date__v;
	return false;
}

/**
 * The rows of the poll's query (every change since windowStart) as events and the next state. The
 * first poll after activation (or after a change of event or settings) only takes note.
 */
export function vaultChangeEvents(rows: IDataObject[], previous: VaultEventState, settings: VaultEventSettings, nowMs: number): VaultEventOutcome {
	const fresh = startsAfresh(previous, settings);
	const dateField = dateFieldOf(settings.event);
	const seen = new Set(fresh ? [] : (previous.seen ?? []));
	const startMs = fresh ? Date.parse(vaultSecond(nowMs)) : Date.parse(previous.cursor as string);
	let cursorMs = startMs;
	for (const row of rows) cursorMs = Math.max(cursorMs, Date.parse(String(row[dateField])) || 0);
	// The cursor becomes a Vault date with the first change after it; from then on Vault's clock alone counts.
	const fromActivation = (fresh || previous.fromActivation === true) && cursorMs === startMs;

	const events = fresh ? [] : rows.filter((row) => !seen.has(changeKey(settings.event, row)) && !isCreationOnly(settings.event, row));
	// Only the changes the next query sees again need remembering: those from the new cursor − overlap on.
	const keep = cursorMs - overlapMs(fromActivation);
	const kept = rows.filter((row) => (Date.parse(String(row[dateField])) || 0) >= keep).map((row) => changeKey(settings.event, row));
	return { events, state: { watching: vaultWatchingKey(settings), cursor: vaultSecond(cursorMs), fromActivation, seen: [...new Set(kept)] } };
}
