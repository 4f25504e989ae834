// Every value that goes into a path segment of a request URL (an upload session ID, a job ID)
// passes through pathSegment. encodeURIComponent leaves "." and ".." as they are, and URL
// resolution turns them into steps up the path: "Get" with the ID "." would list every session.

/** An input that cannot be sent; the router reports it with its item index. */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

export function pathSegment(value: unknown, label: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const fix = `Map the ${label} from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.`;
	if (!text) throw new InvalidInputError(`The ${label} is empty`, fix);
	if (text === '.' || text === '..') {
		throw new InvalidInputError(`The ${label} "${text}" is not an ID: "." and ".." would change which address the request goes to`, fix);
	}
	if ([...text].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127)) {
		throw new InvalidInputError(`The ${label} contains control characters (such as a line break)`, `Remove them. ${fix}`);
	}
	return encodeURIComponent(text);
}
