// What to do with a redirect from Vault. n8n's HTTP client would follow it and send the
// Authorization header (and a login form) to wherever it points, so every request to Vault is
// made with redirects off and the answer is judged here. A redirect is followed only to the same
// origin (scheme, host and port) as the credential's Vault DNS; anything else is refused.
import { headerValue } from './headers';

export const MAX_REDIRECTS = 3;

export type RedirectDecision =
	| { kind: 'none' }
	| { kind: 'follow'; url: string }
	/** `target`: the other origin a redirect pointed at, when that is why it was refused. */
	| { kind: 'refuse'; message: string; description: string; target?: string };

export function judgeRedirect(
	statusCode: number,
	headers: Record<string, unknown>,
	requestUrl: string,
	method: string,
	vaultOrigin: string,
): RedirectDecision {
	if (![301, 302, 303, 307, 308].includes(statusCode)) return { kind: 'none' };
	const location = headerValue(headers, 'location');
	let target: URL;
	try {
		target = new URL(location ?? '', requestUrl);
	} catch {
		return refuse(`Vault answered ${method} with a redirect (HTTP ${statusCode}) to an address that is not a URL`);
	}
	if (!location) return refuse(`Vault answered ${method} with a redirect (HTTP ${statusCode}) that names no target`);
	if (target.origin !== vaultOrigin) {
		return {
			kind: 'refuse',
			target: `${target.protocol}//${target.host}`,
			message: `Vault's answer redirected the request to another host (${target.protocol}//${target.host}); not following it, so no credential is sent there`,
			description: `Requests with the Vault session, token or password go only to the Vault DNS of the credential (${vaultOrigin}). If your Vault moved, put its new address in the credential's Vault DNS.`,
		};
	}
	// A write answered with 301/302/303 would become a GET and silently not happen.
	const keepsMethod = statusCode === 307 || statusCode === 308;
	if (!keepsMethod && method !== 'GET' && method !== 'HEAD') {
		return refuse(`Vault answered ${method} with a redirect (HTTP ${statusCode}) that would turn it into a GET`);
	}
	return { kind: 'follow', url: target.toString() };
}

function refuse(message: string): RedirectDecision {
	return { kind: 'refuse', message, description: 'Check the Vault DNS and API version in the credential.' };
}
