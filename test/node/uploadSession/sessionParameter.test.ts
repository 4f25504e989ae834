// The Upload Session parameter of Get, List Parts, Upload Part, Commit and Abort: a resource
// locator (From List, By ID), a plain ID saved before it was one, and IDs that must never be sent.
import { seedUploadSessions } from '../../../simulator/seed.ts';
import { runListSearch, runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest, uploadSessionOp } from '../../harness/vault';

const vault = simulatorPerTest({ minPartSize: 1024 });

test.each([['list'], ['id']])('the Upload Session picked in the "%s" mode of the resource locator is the one used', async (mode) => {
	const id = seedUploadSessions[2].id;
	const { items, error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('get', { sessionId: { __rl: true, mode, value: id } }) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.id)).toEqual([id]);
});

test('"From List" offers every visible session, newest activity first, with progress, owner and path; search narrows it', async () => {
	const all = await runListSearch(vault.credentials, 'searchUploadSessions');
	expect(all.results.map((result) => result.value)).toEqual([seedUploadSessions[2].id, seedUploadSessions[0].id, seedUploadSessions[1].id]);
	expect(all.results[0].name).toBe(`31.9% · owner ${ADMIN.id} · ${seedUploadSessions[2].path}`);
	const found = await runListSearch(vault.credentials, 'searchUploadSessions', { filter: 'gludacta' });
	expect(found.results.map((result) => result.value).sort()).toEqual([seedUploadSessions[0].id, seedUploadSessions[1].id].sort());
	expect(vault.simulator.count('auth')).toBe(1);
});

test.each([
	['get', '.'],
	['get', '..'],
	['getParts', '..'],
	['delete', '..'],
	['commit', '.'],
	['get', 'abc\ndef'],
	['delete', 'abc\u0000'],
])('%s with the Upload Session ID %j is refused before any request, naming the item', async (operation, sessionId) => {
	const { error, items } = await runVaultNode(vault.credentials, {
		parameters: uploadSessionOp(operation, { sessionId, returnAll: true }),
		inputItems: [{ json: {} }, { json: {} }],
		onError: 'continueRegularOutput',
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	const mapIt = 'Map the Upload Session ID from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.';
	const dots = sessionId === '.' || sessionId === '..';
	expect(items[0].json.error).toBe(
		dots
			? `The Upload Session ID "${sessionId}" is not an ID: "." and ".." would change which address the request goes to`
			: 'The Upload Session ID contains control characters (such as a line break)',
	);
	expect(items[0].json.description).toBe(dots ? mapIt : `Remove them. ${mapIt}`);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(vault.simulator.requests).toHaveLength(0);
});

test('an Upload Session ID with slashes and other reserved characters stays one path segment', async () => {
	const { error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('get', { sessionId: '../upload?x=1#y' }) });
	expect(error?.message).toContain('INVALID_DATA: Invalid upload session ID: ../upload?x=1#y');
	expect(vault.simulator.requests.map((request) => [request.route, request.path])).toEqual([
		['auth', '/api/v25.2/auth'],
		['versions', '/api/'],
		['getUploadSession', '/api/v25.2/services/file_staging/upload/..%2Fupload%3Fx%3D1%23y'],
	]);
});

test('an empty Upload Session ID is refused before any request', async () => {
	const { error } = await runVaultNode(vault.credentials, { parameters: uploadSessionOp('get', { sessionId: '  ' }) });
	expect(error?.message).toBe('The Upload Session ID is empty');
	expect(vault.simulator.requests).toHaveLength(0);
});
