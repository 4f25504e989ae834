// Pure reading of Vault's answers. Vault says HTTP 200 for processed requests even when they
// fail; the body's responseStatus tells. Anything that is not such an envelope is a transport
// problem (a proxy's HTML error page, a cut-off body).

export type ResponseStatus = 'SUCCESS' | 'WARNING' | 'FAILURE' | 'EXCEPTION';

export interface VaultError {
	type: string;
	message: string;
}

export interface VaultEnvelope {
	responseStatus: ResponseStatus;
	responseMessage?: string;
	errors?: VaultError[];
	errorType?: string;
	warnings?: unknown[];
	data?: unknown;
	responseDetails?: { next_page?: string; [key: string]: unknown };
	[key: string]: unknown;
}

export type ParsedResponse =
	| { kind: 'envelope'; envelope: VaultEnvelope }
	| { kind: 'transport'; message: string; retryable: boolean; httpCode: string };

const STATUSES: ResponseStatus[] = ['SUCCESS', 'WARNING', 'FAILURE', 'EXCEPTION'];

export function parseVaultResponse(statusCode: number, body: string): ParsedResponse {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	const status = (json as VaultEnvelope | undefined)?.responseStatus;
	if (json && typeof json === 'object' && STATUSES.includes(status as ResponseStatus)) {
		return { kind: 'envelope', envelope: json as VaultEnvelope };
	}
	const httpCode = String(statusCode);
	if (statusCode !== 200) {
		const looksLikeHtml = /^\s*</.test(body);
		return {
			kind: 'transport',
			httpCode,
			retryable: statusCode === 429 || statusCode >= 500,
			message: `Vault answered HTTP ${statusCode}${looksLikeHtml ? ' with an HTML page' : ''} instead of an API response`,
		};
	}
	if (json === undefined) {
		return { kind: 'transport', httpCode, retryable: true, message: 'Vault\'s answer was not valid JSON (it may have been cut off)' };
	}
	return {
		kind: 'transport',
		httpCode,
		retryable: false,
		message: 'The answer is not a Vault API response (it has no responseStatus); check that the Vault DNS points at a Vault',
	};
}

export function isSuccess(envelope: VaultEnvelope): boolean {
	return envelope.responseStatus === 'SUCCESS' || envelope.responseStatus === 'WARNING';
}

/** The first error type of a failed envelope, e.g. INVALID_SESSION_ID. */
export function errorTypeOf(envelope: VaultEnvelope): string {
	return envelope.errors?.[0]?.type ?? envelope.errorType ?? envelope.responseStatus;
}

export function errorMessageOf(envelope: VaultEnvelope): string {
	const errors = envelope.errors ?? [];
	if (errors.length === 0) return envelope.responseMessage ?? 'Vault gave no reason';
	return errors.map((error) => `${error.type}: ${error.message}`).join('; ');
}

const HINTS: Record<string, string> = {
	USERNAME_OR_PASSWORD_INCORRECT: 'Check the username and password in the Veeva Vault credential.',
	NO_PASSWORD_PROVIDED: 'Enter the password in the Veeva Vault credential.',
	USER_LOCKED_OUT: 'Vault locked this user out after failed logins. A Vault Admin can unlock the user.',
	PASSWORD_CHANGE_REQUIRED: 'Vault requires a new password for this user. Log into Vault in a browser, change it, then update the credential.',
	INACTIVE_USER: 'The Vault user is inactive. A Vault Admin can reactivate it.',
	INSUFFICIENT_ACCESS:
		'The Vault user lacks a permission: "API: Access API" for any API call and "File Staging: Access" for file staging. A Vault Admin grants them in the user\'s security profile or permission set.',
	API_LIMIT_EXCEEDED: 'Vault\'s API rate limit was reached. Run the workflow less often or spread workflows over time.',
	METHOD_NOT_SUPPORTED: 'This Vault does not support the call in the chosen API version. Choose a newer API version in the credential.',
	MALFORMED_URL: 'Check the Vault DNS and API version in the credential.',
	PARAMETER_REQUIRED: 'A required parameter is missing. Check the node\'s parameters.',
	INVALID_DATA: 'Vault rejected a value. Check the node\'s parameters.',
	OPERATION_NOT_ALLOWED: 'Vault does not allow this operation in the current state.',
	CONFIGURATION_MODE_ENABLED: 'The Vault is in configuration mode. Try again when a Vault Admin turns it off.',
	RACE_CONDITION: 'Another change to the same record ran at the same time. Try again.',
	UNEXPECTED_ERROR: 'Vault had an internal error. Try again later; if it persists, contact Veeva support with the execution ID.',
};

/** Hints that depend on how the credential signs in. */
const SIGN_IN_HINTS: Record<string, Record<'password' | 'token', string>> = {
	INVALID_SESSION_ID: {
		token: 'Vault does not accept the API access token (expired, revoked or for another Vault). Create a new token in Vault and put it in the Veeva Vault credential.',
		password:
			'Vault ended the session and did not accept the new one either. Check that the user is active and may use this Vault, then run the workflow again.',
	},
};

export function hintFor(errorType: string, authMethod: 'password' | 'token' = 'password'): string {
	return SIGN_IN_HINTS[errorType]?.[authMethod] ?? HINTS[errorType] ?? 'See Vault\'s message above.';
}

export interface BurstInfo {
	limit: number | null;
	remaining: number | null;
	responseDelayMs: number;
}

export function burstInfo(headers: Record<string, unknown>): BurstInfo {
	const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
	const read = (name: string): number | null => {
		const value = lowerCased[name];
		const number = Number(Array.isArray(value) ? value[0] : value);
		return value === undefined || value === null || value === '' || Number.isNaN(number) ? null : number;
	};
	return {
		limit: read('x-vaultapi-burstlimit'),
		remaining: read('x-vaultapi-burstlimitremaining'),
		responseDelayMs: read('x-vaultapi-responsedelay') ?? 0,
	};
}

export interface NetworkProblem {
	problem: string;
	retryable: boolean;
	/** 'waiting': no answer began in time; 'stalled': an answer began, then stopped or was cut. */
	timing?: 'waiting' | 'stalled';
}

/**
 * Describes a failed connection in words. n8n replaces any error message that contains a raw
 * code such as ECONNRESET with a generic sentence, so messages must not quote the code.
 */
export function describeNetworkError(error: unknown): NetworkProblem {
	let code = '';
	let message = '';
	let cutOff = false;
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5 && !code; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code) && current.code !== 'ERR_BAD_RESPONSE') code = current.code;
		if (typeof current.message === 'string' && /stream has been aborted/i.test(current.message)) cutOff = true;
		if (!message && typeof current.message === 'string') message = current.message;
		current = current.cause as typeof current;
	}
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
			return { problem: 'the connection was reset before Vault answered', retryable: true };
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
			return { problem: 'Vault did not answer in time', retryable: true, timing: 'waiting' };
		case 'ECONNREFUSED':
			return { problem: 'nothing accepted the connection (connection refused)', retryable: false };
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return { problem: 'the host name could not be resolved', retryable: false };
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return { problem: 'the host is unreachable', retryable: false };
		default:
			// n8n's HTTP client reports an answer that stopped arriving (a stall past the timeout,
			// or a connection cut mid-body) as "stream has been aborted".
			if (cutOff) return { problem: 'Vault\'s answer stopped arriving before it was complete', retryable: true, timing: 'stalled' };
			if (/hang up/i.test(message)) return { problem: 'the connection closed before Vault answered', retryable: true };
			if (/certificate|self.signed|SSL|TLS/i.test(message)) return { problem: 'the TLS certificate was not accepted', retryable: false };
			return { problem: 'a network error occurred', retryable: false };
	}
}
