import { describeNetworkError } from '../../nodes/VeevaVault/transport/network';

describe('describeNetworkError', () => {
	test.each([
		[{ code: 'ECONNRESET' }, 'the connection was reset before Vault answered', true],
		[{ code: 'EPIPE' }, 'the connection was reset before Vault answered', true],
		[{ code: 'ETIMEDOUT' }, 'Vault did not answer in time', true],
		[{ code: 'ESOCKETTIMEDOUT' }, 'Vault did not answer in time', true],
		[{ message: 'wrapped', cause: { code: 'ECONNABORTED' } }, 'Vault did not answer in time', true],
		[{ cause: { cause: { code: 'ECONNREFUSED' } } }, 'nothing accepted the connection (connection refused)', false],
		[{ code: 'ENOTFOUND' }, 'the host name could not be resolved', false],
		[{ code: 'EAI_AGAIN' }, 'the host name could not be resolved', false],
		[{ code: 'EHOSTUNREACH' }, 'the host is unreachable', false],
		[{ code: 'ENETUNREACH' }, 'the host is unreachable', false],
		[{ message: 'socket hang up' }, 'the connection closed before Vault answered', true],
		[{ message: 'Socket Hang Up' }, 'the connection closed before Vault answered', true],
		[{ message: 'self-signed certificate in certificate chain' }, 'the TLS certificate was not accepted', false],
		[{ message: 'unable to verify the first certificate' }, 'the TLS certificate was not accepted', false],
		[{ message: 'self signed' }, 'the TLS certificate was not accepted', false],
		[{ message: 'Certificate has expired' }, 'the TLS certificate was not accepted', false],
		[{ message: 'Self_Signed cert' }, 'the TLS certificate was not accepted', false],
		[{ message: 'ssl handshake failed' }, 'the TLS certificate was not accepted', false],
		[{ message: 'tls alert' }, 'the TLS certificate was not accepted', false],
		[{ message: 'SSL routines:wrong version number' }, 'the TLS certificate was not accepted', false],
		[{ message: 'Client network socket disconnected before secure TLS connection was established' }, 'the TLS certificate was not accepted', false],
		[{ message: 'something odd' }, 'a network error occurred', false],
		[{ message: 'The operation was aborted' }, 'a network error occurred', false],
	])('%j → %s', (error, problem, retryable) => {
		expect(describeNetworkError(error)).toMatchObject({ problem, retryable });
	});

	test('https to a plain-http server: says so, with the http:// address to write (Node reports it as EPROTO)', () => {
		const plainHttp = {
			code: 'EPROTO',
			message: 'write EPROTO C00C:error:0A0000C6:SSL routines:tls_get_more_records:packet length too long:../deps/openssl/ssl/record/methods/tls_common.c:662:',
		};
		const expected = {
			problem: 'this address does not speak https (a plain-http server answered the TLS handshake)',
			retryable: false,
			fix: 'If it is a plain-http server (such as the local Vault simulator), write http://127.0.0.1:8123 as the Vault DNS.',
		};
		expect(describeNetworkError(plainHttp, 'https://127.0.0.1:8123/api/v25.2/auth')).toEqual(expected);
		// Wrapped by n8n, OpenSSL's other words for it, or Node's own code.
		expect(describeNetworkError({ message: 'outer', cause: { ...plainHttp, message: 'SSL routines:ssl3_get_record:wrong version number' } }, 'https://127.0.0.1:8123')).toEqual(expected);
		expect(describeNetworkError({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }, 'https://127.0.0.1:8123')).toEqual(expected);
		// Not for a certificate problem, nor for a request that was not https.
		expect(describeNetworkError({ code: 'EPROTO', message: 'certificate has expired' }, 'https://vault.example.com').problem).toBe('the TLS certificate was not accepted');
		expect(describeNetworkError(plainHttp, 'http://127.0.0.1:8123').problem).toBe('the TLS certificate was not accepted');
		expect(describeNetworkError(plainHttp).problem).toBe('the TLS certificate was not accepted');
	});

	test('an address that resolves to nothing or refuses the connection says what to check', () => {
		expect(describeNetworkError({ code: 'ENOTFOUND' }).fix).toBe(
			"Check the Vault DNS for typos: it is the host in the browser's address bar when you are logged in to Vault, e.g. myvault.veevavault.com.",
		);
		expect(describeNetworkError({ code: 'ECONNREFUSED' }).fix).toBe(
			'Check the Vault DNS (host and port), and that Vault (or the simulator) is running and reachable from the n8n host.',
		);
		expect(describeNetworkError({ code: 'ECONNRESET' })).not.toHaveProperty('fix');
	});

	test('tells a wait for the answer from an answer that stopped arriving', () => {
		expect(describeNetworkError({ message: 'wrapped', cause: { code: 'ECONNABORTED' } })).toEqual({
			problem: 'Vault did not answer in time',
			retryable: true,
			timing: 'waiting',
		});
		// n8n's client: a stall after the headers, or a cut mid-body.
		const stalled = describeNetworkError({ code: 'ERR_BAD_RESPONSE', message: 'stream has been aborted' });
		expect(stalled).toEqual({ problem: "Vault's answer stopped arriving before it was complete", retryable: true, timing: 'stalled' });
		expect(describeNetworkError({ message: 'outer', cause: { message: 'The Stream Has Been Aborted' } }).timing).toBe('stalled');
	});

	test('only the time-outs and the cut-off answer say when it failed', () => {
		for (const code of ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']) {
			expect(describeNetworkError({ code })).not.toHaveProperty('timing');
		}
		expect(describeNetworkError({ message: 'socket hang up' })).toEqual({ problem: 'the connection closed before Vault answered', retryable: true });
		expect(describeNetworkError({ message: 'bad certificate' })).toEqual({ problem: 'the TLS certificate was not accepted', retryable: false });
		expect(describeNetworkError({ message: 'odd' })).toEqual({ problem: 'a network error occurred', retryable: false });
	});

	test('a known code wins over the words of the message', () => {
		expect(describeNetworkError({ code: 'ECONNREFUSED', message: 'socket hang up' }).problem).toBe('nothing accepted the connection (connection refused)');
		expect(describeNetworkError({ code: 'ECONNRESET', message: 'stream has been aborted' })).toEqual({
			problem: 'the connection was reset before Vault answered',
			retryable: true,
		});
	});

	test('the outermost code is the one that counts', () => {
		expect(describeNetworkError({ code: 'ECONNREFUSED', cause: { code: 'ECONNRESET' } }).problem).toBe('nothing accepted the connection (connection refused)');
		expect(describeNetworkError({ code: 'EWHATEVER', cause: { code: 'ECONNRESET' } }).problem).toBe('a network error occurred');
	});

	test('codes that are not system error codes are skipped for the one below them', () => {
		expect(describeNetworkError({ code: 'ERR_BAD_RESPONSE', cause: { code: 'ECONNRESET' } }).problem).toBe('the connection was reset before Vault answered');
		expect(describeNetworkError({ code: 'econnreset', cause: { code: 'ETIMEDOUT' } }).problem).toBe('Vault did not answer in time');
		expect(describeNetworkError({ code: 'XECONNRESET', cause: { code: 'ETIMEDOUT' } }).problem).toBe('Vault did not answer in time');
		expect(describeNetworkError({ code: 'ECONNRESET1', cause: { code: 'ETIMEDOUT' } }).problem).toBe('Vault did not answer in time');
		expect(describeNetworkError({ code: 'E', cause: { code: 'ETIMEDOUT' } }).problem).toBe('Vault did not answer in time');
		expect(describeNetworkError({ code: 104, cause: { code: 'ENOTFOUND' } }).problem).toBe('the host name could not be resolved');
	});

	test('a code or a message that is not text is not read', () => {
		expect(describeNetworkError({ code: ['ECONNRESET'], cause: { code: 'ETIMEDOUT' } }).problem).toBe('Vault did not answer in time');
		expect(describeNetworkError({ message: ['stream has been aborted'] })).toEqual({ problem: 'a network error occurred', retryable: false });
	});

	test('reads causes five levels deep, not further', () => {
		const nested = (depth: number, inner: object): object => (depth === 0 ? inner : { message: `level ${depth}`, cause: nested(depth - 1, inner) });
		expect(describeNetworkError(nested(4, { code: 'ECONNRESET' })).problem).toBe('the connection was reset before Vault answered');
		expect(describeNetworkError(nested(5, { code: 'ECONNRESET' })).problem).toBe('a network error occurred');
		expect(describeNetworkError(nested(4, { message: 'stream has been aborted' })).timing).toBe('stalled');
		expect(describeNetworkError(nested(5, { message: 'stream has been aborted' })).timing).toBeUndefined();
	});

	test('the first message is the one read for words', () => {
		expect(describeNetworkError({ message: 'socket hang up', cause: { message: 'certificate has expired' } }).problem).toBe('the connection closed before Vault answered');
		expect(describeNetworkError({ message: 'certificate has expired', cause: { message: 'socket hang up' } }).problem).toBe('the TLS certificate was not accepted');
		expect(describeNetworkError({ message: 42, cause: { message: 'socket hang up' } }).problem).toBe('the connection closed before Vault answered');
		expect(describeNetworkError({ cause: { message: 'socket hang up' } }).problem).toBe('the connection closed before Vault answered');
	});

	test('no error at all, or no object, is a plain network error', () => {
		expect(describeNetworkError(undefined)).toEqual({ problem: 'a network error occurred', retryable: false });
		expect(describeNetworkError(null)).toEqual({ problem: 'a network error occurred', retryable: false });
		expect(describeNetworkError('ECONNRESET')).toEqual({ problem: 'a network error occurred', retryable: false });
	});

	test('a cycle of causes ends', () => {
		const error: { message: string; cause?: unknown } = { message: 'loop' };
		error.cause = error;
		expect(describeNetworkError(error)).toEqual({ problem: 'a network error occurred', retryable: false });
	});

	test('never quotes a raw error code (n8n would replace the whole message)', () => {
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH']) {
			expect(describeNetworkError({ code }).problem).not.toMatch(/E[A-Z]{4,}/);
		}
	});
});
