import { parseTokenAnswer } from '../../nodes/VeevaVault/auth/tokenAnswer';

describe('parseTokenAnswer (RFC 6749 5.1 and 5.2)', () => {
	test('a token answer is a SUCCESS with the token and its lifetime', () => {
		expect(parseTokenAnswer(200, '{"token_type":"Bearer","expires_in":3600,"access_token":"abc"}')).toEqual({
			kind: 'envelope',
			envelope: { responseStatus: 'SUCCESS', access_token: 'abc', expires_in: 3600, token_type: 'Bearer' },
		});
	});

	test.each([
		[400, '{"error":"invalid_scope","error_description":"not granted"}', 'invalid_scope', 'not granted'],
		[401, '{"error":"invalid_client"}', 'invalid_client', 'no description'],
		[200, '{"error":"invalid_request","error_description":"odd but an error"}', 'invalid_request', 'odd but an error'],
	])('HTTP %i with an OAuth error is a FAILURE of that type', (status, body, type, message) => {
		expect(parseTokenAnswer(status, body)).toEqual({ kind: 'envelope', envelope: { responseStatus: 'FAILURE', errors: [{ type, message }] } });
	});

	test.each([
		[200, '{"token_type":"Bearer"}', false, 'HTTP 200 without a token'],
		[200, '{"access_token":""}', false, 'HTTP 200 without a token'],
		[404, '<html>not found</html>', false, 'HTTP 404 with an HTML page'],
		[503, 'busy', true, 'HTTP 503 without'],
		[429, '', true, 'HTTP 429 without'],
		[200, '[1]', false, 'HTTP 200 without'],
	])('HTTP %i %j is no answer of the IdP (retryable: %s)', (status, body, retryable, words) => {
		const parsed = parseTokenAnswer(status, body);
		expect(parsed).toMatchObject({ kind: 'transport', retryable, httpCode: String(status) });
		expect(parsed.kind === 'transport' && parsed.message).toContain(words);
	});
});
