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

export interface BurstInfo {
	limit: number | null;
	remaining: number | null;
	responseDelayMs: number;
}

export function burstInfo(headers: Record<string, unknown>): BurstInfo {
	const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
	const read = (name: string): number | null => {
		const raw = lowerCased[name];
		const value: unknown = Array.isArray(raw) ? raw[0] : raw;
		const number = Number(value);
		return value === undefined || value === null || value === '' || Number.isNaN(number) ? null : number;
	};
	return {
		limit: read('x-vaultapi-burstlimit'),
		remaining: read('x-vaultapi-burstlimitremaining'),
		responseDelayMs: read('x-vaultapi-responsedelay') ?? 0,
	};
}
