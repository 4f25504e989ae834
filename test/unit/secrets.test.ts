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
