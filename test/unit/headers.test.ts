import { headerValue } from '../../nodes/VeevaVault/transport/headers';

describe('headerValue', () => {
	test('finds a header whatever the case of its name or of the name asked for', () => {
		expect(headerValue({ 'Content-Type': 'application/json' }, 'content-type')).toBe('application/json');
		expect(headerValue({ 'content-type': 'text/html' }, 'Content-Type')).toBe('text/html');
		expect(headerValue({ 'X-VaultAPI-BurstLimit': '2000' }, 'x-vaultapi-BURSTLIMIT')).toBe('2000');
	});

	test('the first value of a header sent several times', () => {
		expect(headerValue({ location: ['/first', '/second'] }, 'location')).toBe('/first');
	});

	test('the first header of that name when the object has it in two cases', () => {
		expect(headerValue({ Location: '/upper', location: '/lower' }, 'location')).toBe('/upper');
	});

	test('values that are not text are turned into text', () => {
		expect(headerValue({ 'content-length': 42 }, 'content-length')).toBe('42');
		expect(headerValue({ 'content-length': 0 }, 'content-length')).toBe('0');
		expect(headerValue({ flag: false }, 'flag')).toBe('false');
		expect(headerValue({ empty: '' }, 'empty')).toBe('');
	});

	test('absent: no headers, another name, an empty list, null or undefined', () => {
		expect(headerValue(undefined, 'location')).toBeUndefined();
		expect(headerValue({}, 'location')).toBeUndefined();
		expect(headerValue({ 'content-location': '/x', locations: '/y' }, 'location')).toBeUndefined();
		expect(headerValue({ location: [] }, 'location')).toBeUndefined();
		expect(headerValue({ location: null }, 'location')).toBeUndefined();
		expect(headerValue({ location: undefined }, 'location')).toBeUndefined();
		expect(headerValue({ location: [null, '/x'] }, 'location')).toBeUndefined();
	});

	test('a present header is found even after headers of other names', () => {
		expect(headerValue({ a: '1', b: '2', location: '/x' }, 'location')).toBe('/x');
	});
});
