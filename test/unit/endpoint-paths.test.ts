import { ENDPOINTS, stagingPathInUrl } from '../../nodes/VeevaVault/api/endpoints';
import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';

/** Expects `run` to refuse its input as bad input, with a message matching `message`. */
function expectRefused(run: () => unknown, message: RegExp | string): void {
	expect(run).toThrow(InvalidInputError);
	expect(run).toThrow(message);
}

describe('a value in a URL path segment', () => {
	test.each([
		['a/b', '/services/jobs/a%2Fb'],
		['7?x=1#y', '/services/jobs/7%3Fx%3D1%23y'],
		['%2e%2e', '/services/jobs/%252e%252e'],
		[' 70001 ', '/services/jobs/70001'],
		[70001, '/services/jobs/70001'],
	])('%p stays one segment, encoded: %s', (jobId, path) => {
		expect(ENDPOINTS.job(jobId)).toBe(path);
	});

	test.each([['.'], ['..'], [''], ['a\nb']])('%p is refused, naming the field', (id) => {
		expectRefused(() => ENDPOINTS.document(id), /^The Document ID /);
	});

	test('each value of a path with several is checked and encoded on its own', () => {
		expect(ENDPOINTS.objectRecordAction('product__v', 'V0X/1', 'change state')).toBe('/vobjects/product__v/V0X%2F1/actions/change%20state');
		expect(ENDPOINTS.documentFile('12', { major: 1, minor: '0' })).toBe('/objects/documents/12/versions/1/0/file');
		expectRefused(() => ENDPOINTS.documentRendition('12', '..'), /^The Rendition Type /);
	});
});

describe('stagingPathInUrl', () => {
	test('a staging path keeps its slashes; each segment is encoded', () => {
		expect(stagingPathInUrl('/inbox/report #1?.pdf')).toBe('/inbox/report%20%231%3F.pdf');
		expect(stagingPathInUrl('/u10001400/a%20b/c')).toBe('/u10001400/a%2520b/c');
	});

	test('empty segments (double or trailing slashes) are left out', () => {
		expect(stagingPathInUrl('/inbox//sub/')).toBe('/inbox/sub');
	});

	test.each([['/inbox/../etc'], ['/./inbox']])('%p is refused: "." and ".." would change the address', (path) => {
		expectRefused(() => stagingPathInUrl(path), 'staging path segment');
	});

	test('the root is the empty path below /items', () => {
		expect(ENDPOINTS.item('/')).toBe('/services/file_staging/items/');
	});
});
