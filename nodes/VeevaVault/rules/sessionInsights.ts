// Pure arithmetic on upload sessions for the "find stale uploads" workflows: computed fields and
// filters. Times come from Vault's ISO dates and the given clock.
import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from './inputError';

const HOUR_MS = 3600 * 1000;

export interface SessionFilters {
	idleForMoreThanHours?: number;
	expiringWithinHours?: number;
	owner?: number;
	pathPrefix?: string;
	incompleteOnly?: boolean;
}

export interface ComputedFields {
	percent_uploaded: number;
	is_complete: boolean;
	hours_since_last_upload: number | null;
	hours_until_expiry: number | null;
	age_hours: number | null;
}

function hoursBetween(fromIso: unknown, toMs: number): number | null {
	const from = Date.parse(String(fromIso ?? ''));
	return Number.isNaN(from) ? null : (toMs - from) / HOUR_MS;
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function computedFields(session: IDataObject, nowMs: number): ComputedFields {
	const size = Number(session.size ?? 0);
	const uploaded = Number(session.uploaded ?? 0);
	const untilExpiry = hoursBetween(session.expiration_date, nowMs);
	return {
		percent_uploaded: size > 0 ? Math.floor((uploaded / size) * 1000) / 10 : 0,
		is_complete: size > 0 && uploaded >= size,
		hours_since_last_upload: round1(hoursBetween(session.last_uploaded_date ?? session.created_date, nowMs)),
		hours_until_expiry: untilExpiry === null ? null : round1(-untilExpiry),
		age_hours: round1(hoursBetween(session.created_date, nowMs)),
	};
}

/** Adds the computed fields; a field Vault itself returns is never replaced. */
export function withComputedFields(session: IDataObject, nowMs: number): IDataObject {
	const added = Object.entries(computedFields(session, nowMs)).filter(([name]) => !(name in session));
	return { ...session, ...Object.fromEntries(added) };
}

export function matchesFilters(session: IDataObject, filters: SessionFilters, nowMs: number): boolean {
	const computed = computedFields(session, nowMs);
	if (filters.idleForMoreThanHours !== undefined) {
		if (computed.hours_since_last_upload === null) return false;
		if ((nowMs - Date.parse(String(session.last_uploaded_date ?? session.created_date))) / HOUR_MS <= filters.idleForMoreThanHours) return false;
	}
	if (filters.expiringWithinHours !== undefined) {
		const expires = Date.parse(String(session.expiration_date ?? ''));
		if (Number.isNaN(expires) || (expires - nowMs) / HOUR_MS > filters.expiringWithinHours) return false;
	}
	// 0 (the field's default) and empty mean "any owner": Vault user IDs are never 0.
	if (filters.owner && Number(session.owner) !== Number(filters.owner)) return false;
	if (filters.pathPrefix && !String(session.path ?? '').startsWith(filters.pathPrefix)) return false;
	if (filters.incompleteOnly && computed.is_complete) return false;
	return true;
}

/** A number of hours a filter or trigger setting gives: a finite number of 0 or more. `label` is
 * how the message names the field, as the user sees it in the editor. */
export function checkedHours(value: unknown, label: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new InvalidInputError(`${label} must be a number of hours of 0 or more, not ${String(value)}`);
	}
	return value;
}
