/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up: runs in jest, never inside n8n. */
// Vault API → Call: any endpoint through the node's transport (session, errors, pages, files),
// and only on the credential's Vault.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest } from '../../harness/vault';
import { existsSync } from 'node:fs';

import { binaryContent } from '../../harness/binary';

const vault = simulatorPerTest({ seed: true });
const call = (parameters: Record<string, unknown>) => ({ resource: 'vaultApi', operation: 'call', method: 'GET', ...parameters });
const pairs = (entries: Record<string, string>) => ({ parameters: Object.entries(entries).map(([name, value]) => ({ name, value })) });

test('GET: one item with Vault\'s answer as it is, with or without /api/{version} in the path', async () => {
	for (const path of ['/services/file_staging/upload', '/api/{version}/services/file_staging/upload', 'api/v25.2/services/file_staging/upload/']) {
		const { items, error } = await runVaultNode(vault.credentials, { parameters: call({ path }) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.responseStatus).toBe('SUCCESS');
		expect((items[0].json.data as unknown[]).length).toBe(3);
	}
	expect(vault.simulator.requests.filter((request) => request.route === 'listUploadSessions').map((request) => request.path)).toEqual(
		Array(3).fill('/api/v25.2/services/file_staging/upload'),
	);
});

test('Records: one item per entry of data, following next_page; a POST with form fields (a VQL query)', async () => {
	for (let index = 0; index < 2; index++) vault.simulator.addDocument({ name__v: `Extra ${index}` });
	const { items, error } = await runVaultNode(vault.credentials, {
		parameters: call({ method: 'POST', path: '/query', bodyType: 'form', formFields: pairs({ q: 'SELECT id, name__v FROM documents ORDER BY id PAGESIZE 2' }), output: 'records', returnAll: true }),
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.name__v)).toEqual(['Gludacta Flyer', 'Cholecap Protocol', 'Cholecap Label', 'Extra 0', 'Extra 1']);
	expect(vault.simulator.count('queryPage')).toBe(2);
});

test('query parameters from the field and from the path both reach Vault', async () => {
	await vault.simulator.addStagedFolder(`/u${ADMIN.id}/inbox`);
	const { error } = await runVaultNode(vault.credentials, {
		parameters: call({ path: `/services/file_staging/items/u${ADMIN.id}?recursive=true`, queryParameters: pairs({ limit: '5' }) }),
	});
	expect(error).toBeUndefined();
	const [request] = vault.simulator.requests.filter((candidate) => candidate.route === 'listItems');
	expect(new URLSearchParams(request.query)).toEqual(new URLSearchParams('recursive=true&limit=5'));
});

test('a file answer becomes a binary field, named as Vault names the file', async () => {
	await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/report.pdf`, 'the report');
	const { items, error } = await runVaultNode(vault.credentials, {
		parameters: call({ path: `/services/file_staging/items/content/u${ADMIN.id}/inbox/report.pdf`, options: { binaryPropertyName: 'file' } }),
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ fileName: 'report.pdf', size: 10 });
	expect((await binaryContent(items[0].binary!.file)).toString()).toBe('the report');
});

test('Vault\'s FAILURE fails the item with Vault\'s words and what to fix in the fields', async () => {
	const { error } = await runVaultNode(vault.credentials, { parameters: call({ path: '/objects/nothing__c' }) });
	expect(error?.message).toContain('MALFORMED_URL');
	expect(error?.description).toContain('Path');
	const { error: wrongMethod } = await runVaultNode(vault.credentials, { parameters: call({ method: 'PUT', path: '/services/file_staging/upload' }) });
	expect(wrongMethod?.message).toContain('METHOD_NOT_SUPPORTED');
	expect(wrongMethod?.description).toContain('Method');
});

test('when Vault has ended the session, a POST signs in once and is sent once more (Vault did not process it)', async () => {
	await runVaultNode(vault.credentials, { parameters: call({ path: '/services/file_staging/upload' }) });
	vault.simulator.expireSessions();
	const { error } = await runVaultNode(vault.credentials, {
		parameters: call({ method: 'POST', path: '/services/file_staging/items', bodyType: 'form', formFields: pairs({ kind: 'folder', path: `/u${ADMIN.id}/made-by-call` }) }),
	});
	expect(error).toBeUndefined();
	expect(vault.simulator.count('auth')).toBe(2);
	expect(existsSync(vault.simulator.stagingFilePath(`/u${ADMIN.id}/made-by-call`))).toBe(true);
});

test('a path that could leave the endpoint, or a header the node sets, is refused before any request', async () => {
	const example = "Write the endpoint as in Vault's API reference, e.g. /objects/documents or /api/{version}/vobjects/product__v.";
	const fullAddress = `The node sends the call to the Vault of its credential and nowhere else. ${example}`;
	const refused = [
		['https://elsewhere.example/api/v25.2/objects/documents', 'is a full address; only the endpoint\'s path is accepted', fullAddress],
		['//elsewhere.example/x', 'is a full address; only the endpoint\'s path is accepted', fullAddress],
		['/services/../auth', 'has a ".." step, which would change which endpoint the call reaches', example],
		['/services/%2e%2e/auth', 'has a ".." step, which would change which endpoint the call reaches', example],
		['/services/a%2Fb', 'has an encoded "/" inside a step', example],
		['/services/a\nb', 'contains control characters (such as a line break)', `Remove them. ${example}`],
		['/api/latest/objects', 'starts with /api/ but not with a version such as /api/{version}/ or /api/v25.2/', `Leave /api/{version} out to use the credential's API version. ${example}`],
	] as const;
	for (const [path, problem, description] of refused) {
		const { error } = await runVaultNode(vault.credentials, { parameters: call({ path }) });
		expect([error?.message, error?.description]).toEqual([`The Path "${path}" ${problem}`, description]);
	}
	const { error: empty } = await runVaultNode(vault.credentials, { parameters: call({ path: '  ' }) });
	expect([empty?.message, empty?.description]).toEqual(['The Path is empty', example]);
	const { error } = await runVaultNode(vault.credentials, { parameters: call({ path: '/services/file_staging/upload', options: { headers: pairs({ Authorization: 'someone-elses-session' }) } }) });
	expect(error?.message).toContain('"Authorization" is set by the node itself');
	const { error: badJson } = await runVaultNode(vault.credentials, { parameters: call({ method: 'POST', path: '/query', bodyType: 'json', jsonBody: '{"q": ' }) });
	expect(badJson?.message).toContain('The JSON Body is not valid JSON');
	expect(vault.simulator.requests).toHaveLength(0);
});

describe('Records on an answer without data', () => {
	test('fails the item saying which fields came back and pointing to Output "Vault\'s Answer"', async () => {
		const { items, error } = await runVaultNode(vault.credentials, { parameters: call({ method: 'POST', path: '/keep-alive', output: 'records', returnAll: true }) });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Vault\'s answer has no data field to make records of; its top-level fields are: responseStatus');
		expect(error?.description).toContain('Choose Output "Vault\'s Answer"');
		expect(error?.context?.itemIndex).toBe(0);
	});

	test('with Continue on Fail, each item gets its error item', async () => {
		const { items, error } = await runVaultNode(vault.credentials, {
			parameters: call({ method: 'POST', path: '/keep-alive', output: 'records', returnAll: true }),
			inputItems: [{ json: {} }, { json: {} }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[expect.stringContaining('has no data field'), { item: 0 }],
			[expect.stringContaining('has no data field'), { item: 1 }],
		]);
	});

	test('an answer whose data is an empty list is a real empty result: no items, no error', async () => {
		const { items, error } = await runVaultNode(vault.credentials, {
			parameters: call({ method: 'POST', path: '/query', bodyType: 'form', formFields: pairs({ q: 'SELECT id FROM documents WHERE name__v = \'No such document\'' }), output: 'records', returnAll: true }),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(vault.simulator.count('query')).toBe(1);
	});
});
