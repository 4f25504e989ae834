import { REDACTED, redact, secretsOf } from '../../nodes/VeevaVault/transport/secrets';

describe('redact', () => {
	const secret = 'p"a\\ss/wörd 1&2';

	test.each([
		['as it is', secret],
		['inside a JSON string', JSON.stringify(secret).slice(1, -1)],
		['URL-encoded', encodeURIComponent(secret)],
		['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
	])('removes a secret %s', (_form, written) => {
		expect(redact(`Rejected ${written}.`, [secret])).toBe(`Rejected ${REDACTED}.`);
	});

	test('removes a secret that contains another one whole', () => {
		expect(redact('session ABCDEF123456-long', ['ABCDEF123456', 'ABCDEF123456-long'])).toBe(`session ${REDACTED}`);
	});

	test('leaves text alone when there is no secret, and ignores secrets too short to match safely', () => {
		expect(redact('nothing to hide', ['ABCDEF123456'])).toBe('nothing to hide');
		expect(secretsOf({ password: 'abc', accessToken: '  token-value-1 ', sessionToken: undefined })).toEqual(['  token-value-1 ', 'token-value-1']);
	});
});

describe('secretsOf', () => {
	test('takes the password, the token and the session ID, each as it is and trimmed', () => {
		expect(secretsOf({ password: 'pass-word', accessToken: 'token-value', sessionToken: 'session-id' })).toEqual([
			'pass-word',
			'pass-word',
			'token-value',
			'token-value',
			'session-id',
			'session-id',
		]);
	});

	test('a 6-character secret is kept, a 5-character one is not', () => {
		expect(secretsOf({ password: 'abcdef' })).toEqual(['abcdef', 'abcdef']);
		expect(secretsOf({ password: 'abcde' })).toEqual([]);
		// Padded to 7 characters: the padded form counts, the 5 characters inside do not.
		expect(secretsOf({ sessionToken: ' abcde ' })).toEqual([' abcde ']);
	});

	test('fields that are missing or not text give nothing', () => {
		expect(secretsOf({})).toEqual([]);
		expect(secretsOf({ password: undefined, accessToken: 123456789 as unknown as string, sessionToken: null as unknown as string })).toEqual([]);
	});
});

describe('redact at its edges', () => {
	test('a removed secret shows as [redacted]', () => {
		expect(redact('Invalid session ABCDEF123456', ['ABCDEF123456'])).toBe('Invalid session [redacted]');
	});

	test('a 6-character secret is removed, a 5-character one is left (it would match ordinary text)', () => {
		expect(redact('token abcdef here', ['abcdef'])).toBe(`token ${REDACTED} here`);
		expect(redact('token abcde here', ['abcde'])).toBe('token abcde here');
	});

	test('a short secret whose escaped form is 6 characters or more is removed in that form only', () => {
		// JSON writes `ab"cd` as `ab\"cd`, URL-encoding as `ab%22cd`.
		expect(redact('{"message":"bad ab\\"cd"} or ab"cd', ['ab"cd'])).toBe(`{"message":"bad ${REDACTED}"} or ab"cd`);
		expect(redact('?p=ab%22cd&q=ab"cd', ['ab"cd'])).toBe(`?p=${REDACTED}&q=ab"cd`);
	});

	test('every occurrence is removed', () => {
		expect(redact('s3cret! and s3cret! again: s3cret!', ['s3cret!'])).toBe(`${REDACTED} and ${REDACTED} again: ${REDACTED}`);
	});

	test('every secret is removed, in each of its forms', () => {
		const password = 'pa ss&wörd';
		const token = 'tok/en+1';
		const text = `p=${encodeURIComponent(password)}&t=${new URLSearchParams({ s: token }).toString().slice(2)} raw ${token} json "${JSON.stringify(password).slice(1, -1)}"`;
		const result = redact(text, [password, token]);
		expect(result).toBe(`p=${REDACTED}&t=${REDACTED} raw ${REDACTED} json "${REDACTED}"`);
	});

	test('URL-encoded and form-encoded forms differ for a space, and both are removed', () => {
		expect(redact('a=my%20secret b=my+secret', ['my secret'])).toBe(`a=${REDACTED} b=${REDACTED}`);
	});

	test('the longer of two overlapping secrets is removed whole, whatever order they come in', () => {
		expect(redact('x ABCDEF123456-long y ABCDEF123456 z', ['ABCDEF123456', 'ABCDEF123456-long'])).toBe(`x ${REDACTED} y ${REDACTED} z`);
		expect(redact('x ABCDEF123456-long y', ['ABCDEF123456-long', 'ABCDEF123456'])).toBe(`x ${REDACTED} y`);
	});

	test('empty text and no secrets pass unchanged', () => {
		expect(redact('', ['abcdef'])).toBe('');
		expect(redact('abcdef', [])).toBe('abcdef');
		expect(redact(undefined as unknown as string, ['abcdef'])).toBeUndefined();
	});
});
