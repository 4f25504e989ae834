import { burstInfo, errorMessageOf, errorTypeOf, parseVaultResponse } from '../../nodes/VeevaVault/transport/envelope';
import { describeNetworkError } from '../../nodes/VeevaVault/transport/network';

describe('parseVaultResponse', () => {
	test('an HTTP 200 FAILURE is a Vault answer, not a transport problem', () => {
		const body = '{"responseStatus":"FAILURE","errors":[{"type":"INVALID_SESSION_ID","message":"Invalid or expired session ID."}]}';
		const parsed = parseVaultResponse(200, body);
		expect(parsed.kind).toBe('envelope');
		if (parsed.kind !== 'envelope') return;
		expect(errorTypeOf(parsed.envelope)).toBe('INVALID_SESSION_ID');
		expect(errorMessageOf(parsed.envelope)).toBe('INVALID_SESSION_ID: Invalid or expired session ID.');
	});

	test('an auth failure without errors[] falls back to errorType', () => {
		const parsed = parseVaultResponse(200, '{"responseStatus":"FAILURE","errorType":"AUTHENTICATION_FAILED"}');
		expect(parsed.kind === 'envelope' && errorTypeOf(parsed.envelope)).toBe('AUTHENTICATION_FAILED');
	});

	test.each([
		[502, '<html><body>502 Bad Gateway</body></html>', 'Vault answered HTTP 502 with an HTML page instead of an API response', true],
		[503, 'Service Unavailable', 'Vault answered HTTP 503 instead of an API response', true],
		[404, '<html>Not found</html>', 'Vault answered HTTP 404 with an HTML page instead of an API response', false],
		[200, '{"responseStatus":"SUCC', 'Vault\'s answer was not valid JSON (it may have been cut off)', true],
		[200, '{"hello":"world"}', 'The answer is not a Vault API response (it has no responseStatus); check that the Vault DNS points at a Vault', false],
	])('HTTP %i %j is a transport problem', (status, body, message, retryable) => {
		expect(parseVaultResponse(status, body)).toEqual({ kind: 'transport', message, retryable, httpCode: String(status) });
	});

	test('a JSON envelope on another status code is still read as Vault\'s answer', () => {
		expect(parseVaultResponse(404, '{"responseStatus":"FAILURE","errors":[{"type":"MALFORMED_URL","message":"x"}]}').kind).toBe('envelope');
	});
});

describe('describeNetworkError', () => {
	test.each([
		[{ code: 'ECONNRESET' }, 'the connection was reset before Vault answered', true],
		[{ message: 'wrapped', cause: { code: 'ECONNABORTED' } }, 'Vault did not answer in time', true],
		[{ cause: { cause: { code: 'ECONNREFUSED' } } }, 'nothing accepted the connection (connection refused)', false],
		[{ code: 'ENOTFOUND' }, 'the host name could not be resolved', false],
		[{ message: 'socket hang up' }, 'the connection closed before Vault answered', true],
		[{ message: 'self-signed certificate in certificate chain' }, 'the TLS certificate was not accepted', false],
		[{ message: 'something odd' }, 'a network error occurred', false],
		[{ message: 'The operation was aborted' }, 'a network error occurred', false],
	])('%j → %s', (error, problem, retryable) => {
		expect(describeNetworkError(error)).toMatchObject({ problem, retryable });
	});

	test('tells a wait for the answer from an answer that stopped arriving', () => {
		expect(describeNetworkError({ message: 'wrapped', cause: { code: 'ECONNABORTED' } }).timing).toBe('waiting');
		// n8n's client: a stall after the headers, or a cut mid-body.
		const stalled = describeNetworkError({ code: 'ERR_BAD_RESPONSE', message: 'stream has been aborted' });
		expect(stalled).toEqual({ problem: "Vault's answer stopped arriving before it was complete", retryable: true, timing: 'stalled' });
		expect(describeNetworkError({ code: 'ECONNREFUSED' }).timing).toBeUndefined();
	});

	test('never quotes a raw error code (n8n would replace the whole message)', () => {
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH']) {
			expect(describeNetworkError({ code }).problem).not.toMatch(/E[A-Z]{4,}/);
		}
	});
});

describe('burstInfo', () => {
	test('reads Vault\'s rate-limit headers, whatever their case', () => {
		expect(
			burstInfo({ 'x-vaultapi-burstlimit': '2000', 'X-VaultAPI-BurstLimitRemaining': '12', 'x-vaultapi-responsedelay': '500' }),
		).toEqual({ limit: 2000, remaining: 12, responseDelayMs: 500 });
	});

	test('missing headers are unknown, not zero', () => {
		expect(burstInfo({})).toEqual({ limit: null, remaining: null, responseDelayMs: 0 });
	});
});
