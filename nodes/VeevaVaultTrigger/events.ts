// Which events a poll reports, given what Vault lists now and what earlier polls saw. Pure: the
// trigger node lists, calls these, emits the events and keeps the new state.
import type { IDataObject } from 'n8n-workflow';

import { matchesFilters, withComputedFields } from '../VeevaVault/rules/sessionInsights';
import type { SessionFilters } from '../VeevaVault/rules/sessionInsights';
import { SKETCH_CAPACITY, keysNotIn, sketchOf } from './fileSketch';
import type { FileSketch } from './fileSketch';

export type TriggerEvent = 'uploadSessionStalled' | 'uploadSessionExpiring' | 'uploadSessionCreated' | 'fileAdded';

/** What the trigger remembers between polls (n8n keeps it in the workflow's static data). */
export interface TriggerState extends IDataObject {
	/** The event and its settings the state was built for: another one starts afresh. */
	watching?: string;
	/** Keys already reported (stalled, expiring) or already known (created, fileAdded). */
	seen?: string[];
	/** fileAdded with awaitWriteFinish: file versions seen once, reported if the next poll lists them unchanged. */
	pending?: string[];
	/** fileAdded: the newest modified date listed; `seen` keeps the files of the hour before it. */
	newestModified?: string;
	/** fileAdded: the files older than that hour, as a fixed-size sketch. */
	olderFiles?: FileSketch;
}

export interface EventSettings {
	event: TriggerEvent;
	idleForMoreThanHours: number;
	expiringWithinHours: number;
	/** owner and pathPrefix, as Get Many's filters. */
	filters: Pick<SessionFilters, 'owner' | 'pathPrefix'>;
	/** For fileAdded: the folder and whether subfolders count. */
	path: string;
	recursive: boolean;
	/** For fileAdded: report a file only once its size and modified date held still for one poll. */
	awaitWriteFinish?: boolean;
}

export interface PollOutcome {
	events: IDataObject[];
	state: TriggerState;
	/** Something the poll could not tell, for n8n's log. */
	notice?: string;
}

/** The identity of what the state was built for. */
export function watchingKey(settings: EventSettings): string {
	if (settings.event === 'fileAdded') return `fileAdded ${settings.path} ${settings.recursive}${settings.awaitWriteFinish ? ' awaitWriteFinish' : ''}`;
	return [settings.event, settings.idleForMoreThanHours, settings.expiringWithinHours, settings.filters.owner ?? '', settings.filters.pathPrefix ?? ''].join(' ');
}

/**
 * Session events. Stalled: an incomplete session idle for more than N hours, once per stall (a
 * session that uploads again and stalls again has a new last upload, so it fires again).
 * Expiring: an incomplete session that ends within N hours, once. Created: a session that was
 * not there at the previous poll; the first poll only takes note of what exists. The state keeps
 * only the keys of sessions Vault still lists.
 */
export function sessionEvents(sessions: IDataObject[], previous: TriggerState, settings: EventSettings, nowMs: number): PollOutcome {
	const watching = watchingKey(settings);
	const fresh = previous.watching !== watching;
	const seen = new Set(fresh ? [] : (previous.seen ?? []));
	const owned = sessions.filter((session) => matchesFilters(session, settings.filters, nowMs));

	if (settings.event === 'uploadSessionCreated') {
		const ids = owned.map((session) => String(session.id));
		const events = fresh ? [] : owned.filter((session) => !seen.has(String(session.id)));
		return { events: events.map((session) => withComputedFields(session, nowMs)), state: { watching, seen: ids } };
	}

	const holding = owned.filter((session) =>
		settings.event === 'uploadSessionStalled'
			? matchesFilters(session, { idleForMoreThanHours: settings.idleForMoreThanHours, incompleteOnly: true }, nowMs)
			: matchesFilters(session, { expiringWithinHours: settings.expiringWithinHours, incompleteOnly: true }, nowMs),
	);
	const keyOf = (session: IDataObject) =>
		settings.event === 'uploadSessionStalled' ? `${String(session.id)}@${String(session.last_uploaded_date ?? session.created_date)}` : String(session.id);
	const events = holding.filter((session) => !seen.has(keyOf(session)));
	// Keys of sessions that still hold the condition: a session that recovers is forgotten.
	return { events: events.map((session) => withComputedFields(session, nowMs)), state: { watching, seen: holding.map(keyOf) } };
}

/** Files modified within this time before the newest listed one are kept by key, exactly. */
export const RECENT_FILES_MS = 60 * 60 * 1000;

/** A listed file with its key (path, size, modified date) and its date in ms (NaN without one). */
interface ListedFile {
	file: IDataObject;
	key: string;
	modifiedMs: number;
}

const listed = (file: IDataObject): ListedFile => ({
	file,
	key: `${String(file.path)}|${String(file.size ?? '')}|${String(file.modified_date ?? '')}`,
	modifiedMs: Date.parse(String(file.modified_date)),
});
/** A file dated before the cutoff is "older"; one without a readable date never is. */
const isOlder = (file: ListedFile, cutoffMs: number) => file.modifiedMs < cutoffMs;

/**
 * fileAdded: a file that appears, or changes size or modified date, once per version. The first
 * poll only takes note of what is there. With awaitWriteFinish a version is reported only when the
 * next poll lists it unchanged, so a file another tool is still writing is reported once, whole.
 *
 * Vault lists the whole folder each poll (it has no modified-since filter), but the state stays
 * small: the keys of files modified in the hour before the newest listed date, and a fixed-size
 * sketch of all older files. A new file normally lands in that hour; one that does not (moved in,
 * copied with its old date) is found through the sketch, up to SKETCH_CAPACITY such changes per poll.
 */
export function fileEvents(files: IDataObject[], previous: TriggerState, settings: EventSettings): PollOutcome {
	const watching = watchingKey(settings);
	const onlyFiles = files.filter((item) => item.kind === 'file').map(listed);
	if (previous.watching !== watching) return { events: [], state: fileState(watching, onlyFiles) };

	const seen = new Set(previous.seen ?? []);
	const cutoff = recentCutoff(previous.newestModified);
	const olderKeys = onlyFiles.filter((file) => isOlder(file, cutoff)).map((file) => file.key);
	// A state from before the sketch (or a sketch of nothing) knows no older file: all are new to it.
	const olderNews = previous.olderFiles ? keysNotIn(olderKeys, previous.olderFiles) : { added: new Set(olderKeys), complete: true };
	const unseen = onlyFiles.filter((file) => (isOlder(file, cutoff) ? olderNews.added.has(file.key) : !seen.has(file.key)));
	const notice = olderNews.complete
		? undefined
		: `More than ${SKETCH_CAPACITY} files dated before ${new Date(cutoff).toISOString()} came or went since the last poll; some of them that were moved in or copied with an old modified date may not be reported`;

	const heldStill = new Set(previous.pending ?? []);
	const events = settings.awaitWriteFinish ? unseen.filter((file) => heldStill.has(file.key)) : unseen;
	const reported = new Set(events);
	const waiting = new Set(unseen.filter((file) => !reported.has(file)).map((file) => file.key));
	const known = waiting.size ? onlyFiles.filter((file) => !waiting.has(file.key)) : onlyFiles;
	const state = fileState(watching, known, settings.awaitWriteFinish ? [...waiting] : undefined);
	const outcome = { events: events.map((file) => file.file), state };
	return notice ? { ...outcome, notice } : outcome;
}

function recentCutoff(newestModified: string | undefined): number {
	const newest = Date.parse(String(newestModified));
	return Number.isNaN(newest) ? -Infinity : newest - RECENT_FILES_MS;
}

/** The state that knows `known` (and waits for `pending`). */
function fileState(watching: string, known: ListedFile[], pending?: string[]): TriggerState {
	const newest = known.reduce((latest, file) => (file.modifiedMs > latest ? file.modifiedMs : latest), -Infinity);
	const newestModified = newest === -Infinity ? undefined : new Date(newest).toISOString();
	const cutoff = recentCutoff(newestModified);
	const older = known.filter((file) => isOlder(file, cutoff));
	const state: TriggerState = { watching, seen: known.filter((file) => !isOlder(file, cutoff)).map((file) => file.key) };
	if (newestModified) state.newestModified = newestModified;
	// No sketch: no older file is known, so any that appears is new.
	if (older.length) state.olderFiles = sketchOf(older.map((file) => file.key));
	if (pending) state.pending = pending;
	return state;
}

/** "Fetch Test Event": the most recent session or file that fits the event, whatever was reported. */
export function sampleEvent(records: IDataObject[], settings: EventSettings, nowMs: number): IDataObject | undefined {
	if (settings.event === 'fileAdded') {
		const files = records.filter((item) => item.kind === 'file');
		return files.sort((a, b) => String(b.modified_date ?? '').localeCompare(String(a.modified_date ?? '')))[0];
	}
	const candidates =
		settings.event === 'uploadSessionCreated' ? records.filter((session) => matchesFilters(session, settings.filters, nowMs)) : sessionEvents(records, {}, settings, nowMs).events;
	const newest = [...candidates].sort((a, b) => String(b.created_date ?? '').localeCompare(String(a.created_date ?? '')))[0];
	return newest && withComputedFields(newest, nowMs);
}
