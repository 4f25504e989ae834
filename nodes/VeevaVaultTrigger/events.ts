// Which events a poll reports, given what Vault lists now and what earlier polls saw. Pure: the
// trigger node lists, calls these, emits the events and keeps the new state.
import type { IDataObject } from 'n8n-workflow';

import { matchesFilters, withComputedFields } from '../VeevaVault/rules/sessionInsights';
import type { SessionFilters } from '../VeevaVault/rules/sessionInsights';

export type TriggerEvent = 'uploadSessionStalled' | 'uploadSessionExpiring' | 'uploadSessionCreated' | 'fileAdded';

/** What the trigger remembers between polls (n8n keeps it in the workflow's static data). */
export interface TriggerState extends IDataObject {
	/** The event and its settings the state was built for: another one starts afresh. */
	watching?: string;
	/** Keys already reported (stalled, expiring) or already known (created, fileAdded). */
	seen?: string[];
	/** fileAdded with awaitWriteFinish: file versions seen once, reported if the next poll lists them unchanged. */
	pending?: string[];
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

/**
 * fileAdded: a file that appears, or changes size or modified date, once per version. The first
 * poll only takes note of what is there. With awaitWriteFinish a version is reported only when the
 * next poll lists it unchanged, so a file another tool is still writing is reported once, whole.
 */
export function fileEvents(files: IDataObject[], previous: TriggerState, settings: EventSettings): PollOutcome {
	const watching = watchingKey(settings);
	const fresh = previous.watching !== watching;
	const seen = new Set(fresh ? [] : (previous.seen ?? []));
	const onlyFiles = files.filter((item) => item.kind === 'file');
	const keyOf = (file: IDataObject) => `${String(file.path)}|${String(file.size ?? '')}|${String(file.modified_date ?? '')}`;
	if (fresh) return { events: [], state: { watching, seen: onlyFiles.map(keyOf) } };
	const unseen = onlyFiles.filter((file) => !seen.has(keyOf(file)));
	if (!settings.awaitWriteFinish) return { events: unseen, state: { watching, seen: onlyFiles.map(keyOf) } };

	const heldStill = new Set(previous.pending ?? []);
	const events = unseen.filter((file) => heldStill.has(keyOf(file)));
	const reported = new Set(events.map(keyOf));
	return {
		events,
		state: {
			watching,
			seen: onlyFiles.map(keyOf).filter((key) => seen.has(key) || reported.has(key)),
			pending: unseen.map(keyOf).filter((key) => !reported.has(key)),
		},
	};
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
