// Pure rules of Vault's File Staging: paths, IDs, sizes and how a file is cut into parts. Every
// check throws InvalidInputError, which the router reports with the item's index.
import { InvalidInputError } from './inputError';

export const MiB = 1024 * 1024;
export const MAX_FILE_BYTES = 500 * 1024 ** 3;
export const MIN_PART_BYTES = 5 * MiB;
/** Files up to this size can be sent in one "Create Folder or File" request. */
export const DIRECT_UPLOAD_MAX_BYTES = 50 * MiB;
export const DEFAULT_PART_MB = 25;

export interface PartLimits {
	maxPartBytes: number;
	maxParts: number;
}

/** Vault's documentation: 2000 parts of up to 50 MB before v26.2, 9616 of up to 52 MB since. */
export function partLimits(apiVersion: string): PartLimits {
	const [major, minor] = apiVersion.replace(/^v/, '').split('.').map(Number);
	const v26_2OrLater = major > 26 || (major === 26 && minor >= 2);
	return v26_2OrLater ? { maxPartBytes: 52 * MiB, maxParts: 9616 } : { maxPartBytes: 50 * MiB, maxParts: 2000 };
}

const isControlCharacter = (character: string) => {
	const code = character.charCodeAt(0);
	return code < 32 || (code >= 127 && code <= 159);
};

/** Line breaks, tabs and other control characters (C0, DEL and C1) never belong in a path or ID. */
export function hasControlCharacters(text: string): boolean {
	return [...text].some(isControlCharacter);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with its control characters written as escapes (\n, \t, \u007f), to show where they are. */
export function withVisibleControlCharacters(text: string): string {
	return [...text]
		.map((character) => (isControlCharacter(character) ? (ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) : character))
		.join('');
}

/** The checks every staging path passes: not empty, from the root, no "." or ".." steps, no
 * control characters. `example` is the path a message suggests. Returns it trimmed. */
function checkedPath(path: string, what: string, example: string): string {
	const trimmed = (path ?? '').trim();
	if (!trimmed) throw new InvalidInputError(`${what} is empty. Enter a staging path such as ${example}.`);
	if (trimmed.split('/').some((segment) => segment === '..' || segment === '.')) {
		throw new InvalidInputError(`${what} "${trimmed}" contains "." or ".." segments; give the path from the staging root, e.g. ${example}.`);
	}
	if (!trimmed.startsWith('/')) throw new InvalidInputError(`${what} "${trimmed}" must start with a slash, e.g. /${trimmed}.`);
	if (hasControlCharacters(trimmed)) {
		const shown = withVisibleControlCharacters(trimmed);
		throw new InvalidInputError(`${what} "${shown}" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. ${example}.`);
	}
	return trimmed;
}

/** Checks the staging path of a file, such as `/inbox/report.pdf`; returns it trimmed. */
export function validStagingPath(path: string, what = 'Path'): string {
	const trimmed = checkedPath(path, what, '/inbox/report.pdf');
	if (trimmed.endsWith('/')) throw new InvalidInputError(`${what} "${trimmed}" ends with a slash; it must name a file, e.g. ${trimmed}report.pdf.`);
	return trimmed;
}

/**
 * Checks the path of a folder or of any item (file or folder), such as `/inbox` or `/inbox/`;
 * returns it trimmed, without a trailing slash. `/` (the root) only where `allowRoot`.
 */
export function validItemPath(path: string, { what = 'Path', allowRoot = true } = {}): string {
	const withoutSlash = checkedPath(path, what, '/inbox').replace(/\/+$/, '') || '/';
	if (withoutSlash === '/' && !allowRoot) throw new InvalidInputError(`${what} is the staging root "/"; name a file or folder in it, e.g. /inbox/old.`);
	return withoutSlash;
}

/** A new name for an item: one path segment. */
export function validItemName(name: string): string {
	const trimmed = (name ?? '').trim();
	if (!trimmed || trimmed === '.' || trimmed === '..' || /[/\\]/.test(trimmed) || hasControlCharacters(trimmed)) {
		throw new InvalidInputError(`New Name "${trimmed}" is not a file or folder name: no slashes, not "." or "..".`);
	}
	return trimmed;
}

/**
 * An ID that goes into one segment of a request URL (an upload session ID, a job ID, a step of a
 * staging path); returns it trimmed, to be URL-encoded by the caller. encodeURIComponent leaves
 * "." and ".." as they are, and URL resolution turns them into steps up the path: "Get" with the
 * ID "." would list every session.
 */
export function validIdSegment(value: unknown, label: string): string {
	const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
	const fix = `Map the ${label} from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.`;
	if (!text) throw new InvalidInputError(`The ${label} is empty`, fix);
	if (text === '.' || text === '..') {
		throw new InvalidInputError(`The ${label} "${text}" is not an ID: "." and ".." would change which address the request goes to`, fix);
	}
	if (hasControlCharacters(text)) throw new InvalidInputError(`The ${label} contains control characters (such as a line break)`, `Remove them. ${fix}`);
	return text;
}

/** Where Move or Rename puts the item at `path`: into `parent` (else where it is), as `name` (else its own). */
export function movedPath(path: string, { parent, name }: { parent?: string; name?: string }): string {
	const steps = path.split('/');
	const ownName = steps.pop() ?? '';
	const folder = parent ?? (steps.join('/') || '/');
	return `${folder === '/' ? '' : folder}/${name ?? ownName}`;
}

export function validFileSize(bytes: number): number {
	if (!Number.isSafeInteger(bytes) || bytes < 1) throw new InvalidInputError(`Size ${bytes} is not a whole number of bytes of at least 1.`);
	if (bytes > MAX_FILE_BYTES) {
		throw new InvalidInputError(`The file has ${bytes} bytes; Vault's File Staging accepts at most 500 GB (${MAX_FILE_BYTES} bytes).`);
	}
	return bytes;
}

export interface PartPlan {
	partBytes: number;
	partCount: number;
}

/**
 * Chooses the part size: the requested one (in MB), or by default 25 MB, grown when the file
 * would otherwise need more parts than the API version allows.
 */
export function planParts(fileBytes: number, apiVersion: string, requestedPartMb?: number): PartPlan {
	validFileSize(fileBytes);
	const { maxPartBytes, maxParts } = partLimits(apiVersion);
	const maxPartMb = maxPartBytes / MiB;
	if (fileBytes > maxParts * maxPartBytes) {
		throw new InvalidInputError(
			`The file has ${fileBytes} bytes; API ${apiVersion} takes at most ${maxParts} parts of ${maxPartMb} MB (${maxParts * maxPartBytes} bytes) in one upload session.`,
			partLimits('v26.2').maxParts > maxParts ? 'Choose API version v26.2 or later in the credential: it allows 9616 parts of 52 MB.' : 'Split the file, e.g. into a multi-part archive.',
		);
	}
	let partBytes: number;
	if (requestedPartMb !== undefined) {
		if (!Number.isInteger(requestedPartMb) || requestedPartMb < 5 || requestedPartMb > maxPartMb) {
			throw new InvalidInputError(`Part size ${requestedPartMb} MB is out of range: use a whole number from 5 to ${maxPartMb} MB for API ${apiVersion}.`);
		}
		partBytes = requestedPartMb * MiB;
	} else {
		partBytes = Math.max(DEFAULT_PART_MB * MiB, Math.ceil(fileBytes / maxParts / MiB) * MiB);
	}
	const partCount = Math.ceil(fileBytes / partBytes);
	if (partCount > maxParts) {
		throw new InvalidInputError(
			`With ${partBytes / MiB} MB parts the file needs ${partCount} parts; API ${apiVersion} allows ${maxParts}. Choose a part size of at least ${Math.ceil(fileBytes / maxParts / MiB)} MB.`,
		);
	}
	return { partBytes, partCount };
}
