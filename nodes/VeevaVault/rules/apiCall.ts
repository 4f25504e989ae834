// What "Call Vault API" accepts as an endpoint and as headers. The path goes into a URL, so it is
// checked step by step: the request can only reach an endpoint of the credential's own Vault.
import { InvalidInputError } from './inputError';
import { hasControlCharacters } from './stagingRules';

export interface ApiPath {
	/** Below /api/{version} (e.g. /objects/documents), or from /api/ when the user named a version. */
	path: string;
	/** Query parameters written into the path (?limit=5), in order. */
	query: Array<[string, string]>;
}

const EXAMPLE = 'Write the endpoint as in Vault\'s API reference, e.g. /objects/documents or /api/{version}/vobjects/product__v.';

/**
 * The endpoint of a Vault API call: a path from Vault's API reference, with or without its
 * /api/{version} start. `{version}` (or no version) means the credential's API version; a version
 * written out (/api/v24.1/…) is kept. Each step is decoded and encoded again, so an encoded "..",
 * a slash or a control character cannot slip through.
 */
export function apiPathOf(input: unknown, label = 'Path'): ApiPath {
	const text = typeof input === 'string' ? input.trim() : '';
	if (!text) throw new InvalidInputError(`The ${label} is empty`, EXAMPLE);
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
		throw new InvalidInputError(
			`The ${label} "${text}" is a full address; only the endpoint's path is accepted`,
			`The node sends the call to the Vault of its credential and nowhere else. ${EXAMPLE}`,
		);
	}
	if (text.includes('#') || text.includes('\\')) throw new InvalidInputError(`The ${label} "${text}" contains "#" or "\\", which no Vault endpoint has`, EXAMPLE);

	const questionMark = text.indexOf('?');
	const pathPart = questionMark === -1 ? text : text.slice(0, questionMark);
	const query = questionMark === -1 ? [] : [...new URLSearchParams(text.slice(questionMark + 1))];

	const steps = (pathPart.startsWith('/') ? pathPart.slice(1) : pathPart).split('/');
	if (steps.length > 1 && steps[steps.length - 1] === '') steps.pop();
	const decoded = steps.map((step) => decodedStep(step, text, label));

	let prefix = '';
	let endpoint = decoded;
	if (decoded[0].toLowerCase() === 'api') {
		const version = String(decoded[1]);
		if (/^v\d+(\.\d+)?$/i.test(version)) prefix = `/api/${version}`;
		else if (version !== '{version}' && version !== '{{version}}') {
			throw new InvalidInputError(
				`The ${label} "${text}" starts with /api/ but not with a version such as /api/{version}/ or /api/v25.2/`,
				`Leave /api/{version} out to use the credential's API version. ${EXAMPLE}`,
			);
		}
		endpoint = decoded.slice(2);
	}
	if (endpoint.length === 0) throw new InvalidInputError(`The ${label} "${text}" names no endpoint`, EXAMPLE);
	return { path: `${prefix}/${endpoint.map(encodeURIComponent).join('/')}`, query };
}

function decodedStep(step: string, text: string, label: string): string {
	const value = decodedOrNull(step);
	if (value === null) throw new InvalidInputError(`The ${label} "${text}" has a "%" that does not start an encoded character`, `Write "%25" for a literal "%". ${EXAMPLE}`);
	if (value === '') throw new InvalidInputError(`The ${label} "${text}" has an empty step ("//")`, EXAMPLE);
	if (value === '.' || value === '..') {
		throw new InvalidInputError(`The ${label} "${text}" has a "${value}" step, which would change which endpoint the call reaches`, EXAMPLE);
	}
	if (value.includes('/')) throw new InvalidInputError(`The ${label} "${text}" has an encoded "/" inside a step`, EXAMPLE);
	if (hasControlCharacters(value)) throw new InvalidInputError(`The ${label} "${text}" contains control characters (such as a line break)`, `Remove them. ${EXAMPLE}`);
	return value;
}

function decodedOrNull(step: string): string | null {
	try {
		return decodeURIComponent(step);
	} catch {
		return null;
	}
}

/** Headers the node sets itself: the session goes to the Vault only, and the Client ID is the credential's. */
const RESERVED_HEADERS = new Set(['authorization', 'cookie', 'host', 'x-vaultapi-clientid', 'content-length', 'transfer-encoding']);

/** The extra headers of a call: names a header may have, values without line breaks, none the node sets itself. */
export function extraHeadersOf(pairs: Array<{ name?: unknown; value?: unknown }>): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const { name, value } of pairs) {
		const headerName = typeof name === 'string' ? name.trim() : '';
		if (!headerName) continue;
		if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(headerName)) {
			throw new InvalidInputError(`The header name "${headerName}" is not a valid HTTP header name`, 'Use letters, digits and hyphens, e.g. X-VaultAPI-DescribeQuery.');
		}
		if (RESERVED_HEADERS.has(headerName.toLowerCase())) {
			throw new InvalidInputError(
				`The header "${headerName}" is set by the node itself`,
				'Remove it: the node signs in with the Veeva Vault credential, sends the credential\'s Vault API Client ID, and sets the body\'s length.',
			);
		}
		const headerValue = value === undefined || value === null ? '' : String(value);
		// A tab may separate words of a value; every other control character could end the header.
		if ([...headerValue].some((character) => character !== '\t' && hasControlCharacters(character))) {
			throw new InvalidInputError(`The value of header "${headerName}" contains control characters (such as a line break)`, 'Remove them.');
		}
		headers[headerName] = headerValue;
	}
	return headers;
}
