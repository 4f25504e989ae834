// Pure filters of staged files and folders for the Get Many of staging items.
import type { IDataObject } from 'n8n-workflow';

export interface ItemFilters {
	/** 'file' or 'folder'; anything else keeps both. */
	kind?: string;
	/** ISO date-times; items without a modified date (folders) never match a date filter. */
	modifiedAfter?: string;
	modifiedBefore?: string;
	/** A name pattern with * (any characters) and ? (one character), not case-sensitive. */
	namePattern?: string;
}

export function namePatternRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${escaped}$`, 'i');
}

/** Whether a date filter value is usable; the message to show when it is not. */
export function invalidDateFilter(filters: ItemFilters): string | null {
	for (const [label, value] of [['Modified After', filters.modifiedAfter], ['Modified Before', filters.modifiedBefore]] as const) {
		if (value && Number.isNaN(Date.parse(value))) return `The filter "${label}" is not a date: ${value}`;
	}
	return null;
}

export function matchesItemFilters(item: IDataObject, filters: ItemFilters): boolean {
	if ((filters.kind === 'file' || filters.kind === 'folder') && item.kind !== filters.kind) return false;
	if (filters.namePattern && !namePatternRegExp(filters.namePattern).test(String(item.name ?? ''))) return false;
	if (filters.modifiedAfter || filters.modifiedBefore) {
		const modified = Date.parse(String(item.modified_date ?? ''));
		if (Number.isNaN(modified)) return false;
		if (filters.modifiedAfter && modified <= Date.parse(filters.modifiedAfter)) return false;
		if (filters.modifiedBefore && modified >= Date.parse(filters.modifiedBefore)) return false;
	}
	return true;
}
