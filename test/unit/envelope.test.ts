import { burstInfo, errorMessageOf, errorTypeOf, isSuccess, parseVaultResponse } from '../../nodes/VeevaVault/transport/envelope';
import type { VaultEnvelope } from '../../nodes/VeevaVault/transport/envelope';

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

describe('parseVaultResponse at its edges', () => {
	test.each([
		[429, 'Too Many Requests', true],
		[500, 'Internal Server Error', true],
		[504, '<html>Gateway Timeout</html>', true],
		[499, 'Client Closed Request', false],
		[428, 'Precondition Required', false],
		[400, '', false],
		[201, '', false],
	])('HTTP %i without an envelope: retryable %s', (status, body, retryable) => {
		const parsed = parseVaultResponse(status, body);
		expect(parsed).toMatchObject({ kind: 'transport', retryable, httpCode: String(status) });
	});

	test('an HTML page is told apart by its first character, after white space', () => {
		expect(parseVaultResponse(502, '\n\t  <!DOCTYPE html>')).toMatchObject({ message: 'Vault answered HTTP 502 with an HTML page instead of an API response' });
		expect(parseVaultResponse(502, 'Bad gateway <html>')).toMatchObject({ message: 'Vault answered HTTP 502 instead of an API response' });
		expect(parseVaultResponse(502, '')).toMatchObject({ message: 'Vault answered HTTP 502 instead of an API response' });
	});

	test.each(['SUCCESS', 'WARNING', 'FAILURE', 'EXCEPTION'])('responseStatus %s makes an envelope', (status) => {
		const body = { responseStatus: status, data: [1] };
		expect(parseVaultResponse(200, JSON.stringify(body))).toEqual({ kind: 'envelope', envelope: body });
		expect(parseVaultResponse(500, JSON.stringify(body))).toEqual({ kind: 'envelope', envelope: body });
	});

	test.each(['success', 'OK', '', 'SUCCESS ', null])('responseStatus %j does not', (status) => {
		expect(parseVaultResponse(200, JSON.stringify({ responseStatus: status }))).toMatchObject({ kind: 'transport', retryable: false });
	});

	test('JSON that is no object is no envelope: not retried on HTTP 200', () => {
		for (const body of ['null', '"SUCCESS"', '42', '[]', '[{"responseStatus":"SUCCESS"}]', 'true']) {
			expect(parseVaultResponse(200, body)).toEqual({
				kind: 'transport',
				httpCode: '200',
				retryable: false,
				message: 'The answer is not a Vault API response (it has no responseStatus); check that the Vault DNS points at a Vault',
			});
		}
	});

	test('an empty or cut-off body on HTTP 200 may be retried', () => {
		for (const body of ['', ' ', '{']) {
			expect(parseVaultResponse(200, body)).toEqual({ kind: 'transport', httpCode: '200', retryable: true, message: "Vault's answer was not valid JSON (it may have been cut off)" });
		}
	});
});

describe('reading an envelope', () => {
	const envelope = (fields: Partial<VaultEnvelope>): VaultEnvelope => ({ responseStatus: 'FAILURE', ...fields });

	test('SUCCESS and WARNING are successes, FAILURE and EXCEPTION are not', () => {
		expect(isSuccess(envelope({ responseStatus: 'SUCCESS' }))).toBe(true);
		expect(isSuccess(envelope({ responseStatus: 'WARNING' }))).toBe(true);
		expect(isSuccess(envelope({ responseStatus: 'FAILURE' }))).toBe(false);
		expect(isSuccess(envelope({ responseStatus: 'EXCEPTION' }))).toBe(false);
	});

	test('the error type: the first error\'s, else errorType, else the status', () => {
		expect(errorTypeOf(envelope({ errors: [{ type: 'A', message: 'a' }, { type: 'B', message: 'b' }], errorType: 'C' }))).toBe('A');
		expect(errorTypeOf(envelope({ errors: [], errorType: 'C' }))).toBe('C');
		expect(errorTypeOf(envelope({ errors: [] }))).toBe('FAILURE');
		expect(errorTypeOf(envelope({ responseStatus: 'EXCEPTION' }))).toBe('EXCEPTION');
	});

	test('the message lists every error', () => {
		expect(errorMessageOf(envelope({ errors: [{ type: 'A', message: 'first' }, { type: 'B', message: 'second' }] }))).toBe('A: first; B: second');
	});

	test('an `errors: []` envelope falls back to responseMessage, else says Vault gave no reason', () => {
		expect(errorMessageOf(envelope({ errors: [], responseMessage: 'Session expired' }))).toBe('Session expired');
		expect(errorMessageOf(envelope({ responseMessage: 'Session expired' }))).toBe('Session expired');
		expect(errorMessageOf(envelope({ errors: [] }))).toBe('Vault gave no reason');
		expect(errorMessageOf(envelope({}))).toBe('Vault gave no reason');
	});
});

describe('burstInfo at its edges', () => {
	test('an empty header is unknown, not zero; the delay then defaults to 0', () => {
		expect(burstInfo({ 'x-vaultapi-burstlimit': '', 'x-vaultapi-burstlimitremaining': '', 'x-vaultapi-responsedelay': '' })).toEqual({
			limit: null,
			remaining: null,
			responseDelayMs: 0,
		});
	});

	test('a header of 0 is 0', () => {
		expect(burstInfo({ 'x-vaultapi-burstlimit': '0', 'x-vaultapi-burstlimitremaining': 0, 'x-vaultapi-responsedelay': '0' })).toEqual({
			limit: 0,
			remaining: 0,
			responseDelayMs: 0,
		});
	});

	test('text that is no number, and null, are unknown', () => {
		expect(burstInfo({ 'x-vaultapi-burstlimit': 'lots', 'x-vaultapi-burstlimitremaining': null, 'x-vaultapi-responsedelay': 'soon' })).toEqual({
			limit: null,
			remaining: null,
			responseDelayMs: 0,
		});
	});

	test('a header sent twice counts by its first value', () => {
		expect(burstInfo({ 'X-VAULTAPI-BURSTLIMIT': ['2000', '1'], 'x-vaultapi-burstlimitremaining': ['7'], 'x-vaultapi-responsedelay': ['250', '0'] })).toEqual({
			limit: 2000,
			remaining: 7,
			responseDelayMs: 250,
		});
	});

	test('each header is read for its own field', () => {
		expect(burstInfo({ 'x-vaultapi-burstlimitremaining': '3' })).toEqual({ limit: null, remaining: 3, responseDelayMs: 0 });
		expect(burstInfo({ 'x-vaultapi-responsedelay': '1500' })).toEqual({ limit: null, remaining: null, responseDelayMs: 1500 });
	});
});

test('burstInfo: a header that arrives as a list with an empty first value is no number (found by mutation testing)', () => {
	expect(burstInfo({ 'x-vaultapi-burstlimit': ['2000'], 'x-vaultapi-burstlimitremaining': [''] })).toEqual({ limit: 2000, remaining: null, responseDelayMs: 0 });
	expect(burstInfo({ 'x-vaultapi-burstlimitremaining': [null] })).toMatchObject({ remaining: null });
});
