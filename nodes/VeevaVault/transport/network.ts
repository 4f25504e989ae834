// A failed connection, in words a user can act on.

export interface NetworkProblem {
	problem: string;
	retryable: boolean;
	/** 'waiting': no answer began in time; 'stalled': an answer began, then stopped or was cut. */
	timing?: 'waiting' | 'stalled';
	/** What to change when the failure is the address's fault rather than the network's. */
	fix?: string;
}

/** A TLS handshake that met a server answering in plain HTTP (OpenSSL's words for it). */
const PLAIN_HTTP_ANSWER = /wrong version number|packet length too long|unknown protocol/i;

/**
 * Describes a failed connection in words. n8n replaces any error message that contains a raw
 * code such as ECONNRESET with a generic sentence, so messages must not quote the code.
 */
export function describeNetworkError(error: unknown, url?: string): NetworkProblem {
	let code = '';
	let message = '';
	let messages = '';
	let cutOff = false;
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5 && !code; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code) && current.code !== 'ERR_BAD_RESPONSE') code = current.code;
		if (typeof current.message === 'string' && /stream has been aborted/i.test(current.message)) cutOff = true;
		if (!message && typeof current.message === 'string') message = current.message;
		if (typeof current.message === 'string') messages += ` ${current.message}`;
		current = current.cause as typeof current;
	}
	const httpsHost = /^https:\/\/([^/?#]+)/i.exec(url ?? '')?.[1];
	if (httpsHost && (code === 'EPROTO' || code.startsWith('ERR_SSL') || !code) && PLAIN_HTTP_ANSWER.test(messages)) {
		const host = httpsHost.toLowerCase();
		return {
			problem: 'this address does not speak https (a plain-http server answered the TLS handshake)',
			retryable: false,
			fix: `If it is a plain-http server (such as the local Vault simulator), write http://${host} as the Vault DNS.`,
		};
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
			return {
				problem: 'nothing accepted the connection (connection refused)',
				retryable: false,
				fix: 'Check the Vault DNS (host and port), and that Vault (or the simulator) is running and reachable from the n8n host.',
			};
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {
				problem: 'the host name could not be resolved',
				retryable: false,
				fix: 'Check the Vault DNS for typos: it is the host in the browser\'s address bar when you are logged in to Vault, e.g. myvault.veevavault.com.',
			};
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
