import { MAX_REDIRECTS, judgeRedirect } from '../../nodes/VeevaVault/transport/redirects';

const ORIGIN = 'https://myvault.veevavault.com';
const REQUEST = `${ORIGIN}/api/v25.2/services/file_staging/upload`;
const CHECK_CREDENTIAL = 'Check the Vault DNS and API version in the credential.';

const judge = (status: number, location: unknown, method = 'GET', headers?: Record<string, unknown>) =>
	judgeRedirect(status, headers ?? (location === undefined ? {} : { location }), REQUEST, method, ORIGIN);

describe('judgeRedirect', () => {
	test('follows at most 3 redirects in a row', () => {
		expect(MAX_REDIRECTS).toBe(3);
	});

	test.each([200, 201, 204, 300, 304, 305, 306, 400, 401, 404, 500])('HTTP %i is no redirect, whatever its Location', (status) => {
		expect(judge(status, `${ORIGIN}/elsewhere`, 'POST')).toEqual({ kind: 'none' });
		expect(judge(status, 'https://evil.example/', 'GET')).toEqual({ kind: 'none' });
	});

	test.each([301, 302, 303, 307, 308])('GET and HEAD follow HTTP %i to the same origin', (status) => {
		expect(judge(status, `${ORIGIN}/api/v25.2/x`, 'GET')).toEqual({ kind: 'follow', url: `${ORIGIN}/api/v25.2/x` });
		expect(judge(status, `${ORIGIN}/api/v25.2/x`, 'HEAD')).toEqual({ kind: 'follow', url: `${ORIGIN}/api/v25.2/x` });
	});

	test.each([
		[307, 'POST'],
		[308, 'POST'],
		[307, 'PUT'],
		[308, 'PUT'],
		[308, 'DELETE'],
		[307, 'PATCH'],
	])('HTTP %i keeps the method of a %s, so it is followed', (status, method) => {
		expect(judge(status, `${ORIGIN}/api/v26.1/x`, method)).toEqual({ kind: 'follow', url: `${ORIGIN}/api/v26.1/x` });
	});

	test.each([
		[301, 'POST'],
		[302, 'POST'],
		[303, 'POST'],
		[302, 'PUT'],
		[301, 'DELETE'],
		[303, 'PATCH'],
	])('HTTP %i would turn a %s into a GET: refused', (status, method) => {
		expect(judge(status, `${ORIGIN}/api/v26.1/x`, method)).toEqual({
			kind: 'refuse',
			message: `Vault answered ${method} with a redirect (HTTP ${status}) that would turn it into a GET`,
			description: CHECK_CREDENTIAL,
		});
	});

	test('a relative Location is resolved against the request\'s address', () => {
		expect(judge(302, '/api/v26.1/services/file_staging/upload')).toEqual({ kind: 'follow', url: `${ORIGIN}/api/v26.1/services/file_staging/upload` });
		expect(judge(307, 'items?limit=10', 'POST')).toEqual({ kind: 'follow', url: `${ORIGIN}/api/v25.2/services/file_staging/items?limit=10` });
	});

	test('reads the Location header whatever its case, and the first of several', () => {
		expect(judge(301, undefined, 'GET', { Location: `${ORIGIN}/a` })).toEqual({ kind: 'follow', url: `${ORIGIN}/a` });
		expect(judge(301, undefined, 'GET', { LOCATION: [`${ORIGIN}/b`, 'https://evil.example/'] })).toEqual({ kind: 'follow', url: `${ORIGIN}/b` });
	});

	test.each([
		['no Location header', undefined],
		['an empty Location header', ''],
	])('a redirect with %s is refused, not followed back to the request', (_case, location) => {
		expect(judge(308, location, 'PUT')).toEqual({
			kind: 'refuse',
			message: 'Vault answered PUT with a redirect (HTTP 308) that names no target',
			description: CHECK_CREDENTIAL,
		});
		expect(judge(302, location).kind).toBe('refuse');
	});

	test('a Location that is not a URL is refused', () => {
		expect(judge(302, 'http://[not-a-host', 'GET')).toEqual({
			kind: 'refuse',
			message: 'Vault answered GET with a redirect (HTTP 302) to an address that is not a URL',
			description: CHECK_CREDENTIAL,
		});
	});

	test.each([
		['another host', 'https://evil.example/api/v25.2/x', 'https://evil.example'],
		['a sub-domain', 'https://login.myvault.veevavault.com/x', 'https://login.myvault.veevavault.com'],
		['plain http', 'http://myvault.veevavault.com/api/v25.2/x', 'http://myvault.veevavault.com'],
		['another port', 'https://myvault.veevavault.com:8443/x', 'https://myvault.veevavault.com:8443'],
		['a protocol-relative address', '//evil.example/x', 'https://evil.example'],
	])('a redirect to %s is refused, so no credential is sent there', (_case, location, shown) => {
		for (const [status, method] of [[302, 'GET'], [307, 'POST'], [308, 'PUT']] as const) {
			expect(judge(status, location, method)).toEqual({
				kind: 'refuse',
				target: shown,
				message: `Vault's answer redirected the request to another host (${shown}); not following it, so no credential is sent there`,
				description: `Requests with the Vault session, token or password go only to the Vault DNS of the credential (${ORIGIN}). If your Vault moved, put its new address in the credential's Vault DNS.`,
			});
		}
	});

	test('the origin is compared, not the text: an explicit default port is the same origin', () => {
		expect(judge(302, 'https://MyVault.VeevaVault.com:443/x')).toEqual({ kind: 'follow', url: `${ORIGIN}/x` });
	});

	test('a local Vault (http with a port) follows its own redirects', () => {
		const local = 'http://127.0.0.1:8123';
		expect(judgeRedirect(307, { location: '/api/v25.2/y' }, `${local}/api/v25.2/x`, 'POST', local)).toEqual({ kind: 'follow', url: `${local}/api/v25.2/y` });
		expect(judgeRedirect(307, { location: 'http://127.0.0.1:8124/y' }, `${local}/api/v25.2/x`, 'POST', local).kind).toBe('refuse');
	});
});
