// Pure reading of an identity provider's token answer (RFC 6749 sections 5.1 and 5.2) in the
// request core's terms: a token as a SUCCESS, an OAuth error as a FAILURE with the error code as
// its type, anything else as a transport problem.
import type { ParsedResponse } from '../transport/envelope';

export function parseTokenAnswer(statusCode: number, body: string): ParsedResponse {
	let json: Record<string, unknown> | undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		json = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		json = undefined;
	}
	const httpCode = String(statusCode);
	if (statusCode === 200 && typeof json?.access_token === 'string' && json.access_token) {
		return { kind: 'envelope', envelope: { responseStatus: 'SUCCESS', access_token: json.access_token, expires_in: json.expires_in, token_type: json.token_type } };
	}
	if (json && typeof json.error === 'string' && json.error) {
		const description = typeof json.error_description === 'string' && json.error_description ? json.error_description : 'no description';
		return { kind: 'envelope', envelope: { responseStatus: 'FAILURE', errors: [{ type: json.error, message: description }] } };
	}
	const looksLikeHtml = /^\s*</.test(body);
	return {
		kind: 'transport',
		httpCode,
		retryable: statusCode === 429 || statusCode >= 500,
		message: `the identity provider answered HTTP ${statusCode}${looksLikeHtml ? ' with an HTML page' : ''} without a token or an OAuth error`,
	};
}
