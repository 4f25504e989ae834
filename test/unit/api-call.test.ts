// The endpoint and headers of Vault API → Call: only a path of the credential's Vault, each step
// checked after decoding; no header the node sets itself.
import { apiPathOf, extraHeadersOf } from '../../nodes/VeevaVault/rules/apiCall';
import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';

test.each([
	['/objects/documents', '/objects/documents', []],
	['objects/documents/', '/objects/documents', []],
	['  /api/{version}/vobjects/product__v  ', '/vobjects/product__v', []],
	['/API/{{version}}/query', '/query', []],
	['/api/v24.1/objects/documents', '/api/v24.1/objects/documents', []],
	['/api/v25/objects', '/api/v25/objects', []],
	['/objects/documents?limit=5&offset=10', '/objects/documents', [['limit', '5'], ['offset', '10']]],
	['/vobjects/product__v/00P000000000101', '/vobjects/product__v/00P000000000101', []],
	['/objects/documents/my%20doc', '/objects/documents/my%20doc', []],
	['/objects/documents/my doc', '/objects/documents/my%20doc', []],
	['/services/file_staging/items/a%25b', '/services/file_staging/items/a%25b', []],
	['/objects/binders/12:3', '/objects/binders/12%3A3', []],
	['/objects/documents/ab:c', '/objects/documents/ab%3Ac', []],
	['/api/v25.12/objects', '/api/v25.12/objects', []],
])('%j is the endpoint %j', (input, path, query) => {
	expect(apiPathOf(input)).toEqual({ path, query });
});

test.each([
	['', /The Path is empty/],
	['   ', /The Path is empty/],
	[undefined, /The Path is empty/],
	[42, /The Path is empty/],
	['https://myvault.veevavault.com/api/v25.2/objects', /full address/],
	['HTTP://x/y', /full address/],
	['javascript:alert(1)', /full address/],
	['//evil.example/api', /full address/],
	['/objects#fragment', /"#" or "\\"/],
	['/objects\\documents', /"#" or "\\"/],
	['/objects//documents', /empty step/],
	['/objects/./documents', /"\." step/],
	['/objects/../auth', /"\.\." step/],
	['/objects/%2E%2E/auth', /"\.\." step/],
	['/objects/a%2fb', /encoded "\/"/],
	['/objects/%zz', /"%" that does not start/],
	['/objects/a%0Ab', /control characters/],
	['/objects/a\u0085b', /control characters/],
	['/api/latest/objects', /not with a version/],
	['/api/xv25.2/objects', /not with a version/],
	['/api/v25.2x/objects', /not with a version/],
	['/api/v25.2.1/objects', /not with a version/],
	['/api', /not with a version/],
	['/api/{version}', /names no endpoint/],
	['/', /empty step/],
])('%j is refused: %s', (input, message) => {
	expect(() => apiPathOf(input)).toThrow(InvalidInputError);
	expect(() => apiPathOf(input)).toThrow(message);
});

test('the label names the field in the message', () => {
	expect(() => apiPathOf('', 'Endpoint')).toThrow('The Endpoint is empty');
});

function descriptionOf(action: () => unknown): string | undefined {
	try {
		action();
	} catch (error) {
		return (error as InvalidInputError).description;
	}
	throw new Error('no error');
}

test('each refusal says how to write the path', () => {
	const example = 'e.g. /objects/documents or /api/{version}/vobjects/product__v';
	for (const input of ['', 'https://x/y', '/a#b', '/a//b', '/a/../b', '/a/%zz', '/a/b%0A', '/api/latest/x', '/api/{version}']) {
		expect(descriptionOf(() => apiPathOf(input))).toContain(example);
	}
	expect(descriptionOf(() => apiPathOf('https://x/y'))).toContain('sends the call to the Vault of its credential and nowhere else');
	expect(descriptionOf(() => apiPathOf('/api/latest/x'))).toContain('Leave /api/{version} out');
	expect(descriptionOf(() => apiPathOf('/a/%zz'))).toContain('Write "%25" for a literal "%"');
	expect(descriptionOf(() => apiPathOf('/a/b%0A'))).toBe(`Remove them. Write the endpoint as in Vault's API reference, ${example}.`);
});

test('extra headers: kept as given, blank names skipped, reserved ones and bad names or values refused', () => {
	expect(extraHeadersOf([{ name: 5, value: 'x' }, { name: null, value: 'x' }])).toEqual({});
	expect(descriptionOf(() => extraHeadersOf([{ name: 'Bad Name' }]))).toContain('letters, digits and hyphens');
	expect(descriptionOf(() => extraHeadersOf([{ name: 'Cookie' }]))).toContain('signs in with the Veeva Vault credential');
	expect(descriptionOf(() => extraHeadersOf([{ name: 'X-A', value: '\n' }]))).toBe('Remove them.');
	expect(extraHeadersOf([{ name: ' X-VaultAPI-DescribeQuery ', value: 'true' }, { name: '', value: 'x' }, { name: 'X-Count', value: 3 }, { name: 'X-Empty' }, { name: 'X-Null', value: null }])).toEqual({
		'X-VaultAPI-DescribeQuery': 'true',
		'X-Count': '3',
		'X-Empty': '',
		'X-Null': '',
	});
	for (const name of ['authorization', 'Cookie', 'HOST', 'X-VaultAPI-ClientID', 'Content-Length', 'Transfer-Encoding']) {
		expect(() => extraHeadersOf([{ name, value: 'x' }])).toThrow(`The header "${name}" is set by the node itself`);
	}
	expect(() => extraHeadersOf([{ name: 'Bad Name', value: 'x' }])).toThrow('The header name "Bad Name" is not a valid HTTP header name');
	expect(() => extraHeadersOf([{ name: 'X-A', value: 'a\r\nInjected: yes' }])).toThrow('The value of header "X-A" contains control characters (such as a line break)');
	expect(extraHeadersOf([{ name: 'X-Tab', value: 'a\tb' }])).toEqual({ 'X-Tab': 'a\tb' });
});
