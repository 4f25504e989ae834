// The simulator's own behaviour, over HTTP, as Vault's documentation describes it.
import { createHash } from 'node:crypto';

import { ADMIN, ADMIN_TOKEN, UPLOADER, startSimulator } from '../harness/vault';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';

let simulator: VaultSimulator;
afterEach(async () => {
	await simulator.stop();
});

interface Envelope {
	responseStatus: string;
	sessionId: string;
	errors: Array<{ type: string; message: string }>;
	data: { id: string };
}

async function call(path: string, init: RequestInit = {}, version = 'v25.2') {
	const response = await fetch(`${simulator.baseUrl}/api/${version}${path}`, init);
	return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope };
}

async function login(username = ADMIN.username, password = ADMIN.password): Promise<string> {
	const form = new FormData();
	form.set('username', username);
	form.set('password', password);
	const { body } = await call('/auth', { method: 'POST', body: form });
	return body.sessionId;
}

test('/auth accepts multipart as well as form-urlencoded; failures are HTTP 200 with errorType', async () => {
	simulator = await startSimulator();
	expect(await login()).toMatch(/^[0-9A-F]{96}$/);
	const wrong = await call('/auth', { method: 'POST', body: new URLSearchParams({ username: ADMIN.username, password: 'nope' }) });
	expect(wrong.status).toBe(200);
	expect(wrong.body).toMatchObject({ responseStatus: 'FAILURE', errorType: 'AUTHENTICATION_FAILED', errors: [{ type: 'USERNAME_OR_PASSWORD_INCORRECT' }] });
});

test('a session or token is accepted raw or as Bearer', async () => {
	simulator = await startSimulator();
	const session = await login();
	for (const authorization of [session, `Bearer ${session}`, ADMIN_TOKEN, `Bearer ${ADMIN_TOKEN}`]) {
		const { body } = await call('/services/file_staging/upload', { headers: { Authorization: authorization } });
		expect(body.responseStatus).toBe('SUCCESS');
	}
	const { body } = await call('/services/file_staging/upload', { headers: { Authorization: 'Bearer nonsense' } });
	expect(body.errors[0].type).toBe('INVALID_SESSION_ID');
});

test('burst headers on every answer; past the burst limit answers are delayed and say so', async () => {
	simulator = await startSimulator({ burstLimit: 2, responseDelayMs: 300 });
	const headers = { Authorization: ADMIN_TOKEN };
	const first = await call('/services/file_staging/upload', { headers });
	expect(first.headers.get('x-vaultapi-burstlimit')).toBe('2');
	expect(first.headers.get('x-vaultapi-burstlimitremaining')).toBe('1');
	expect(first.headers.get('x-vaultapi-userid')).toBe(String(ADMIN.id));
	await call('/services/file_staging/upload', { headers });
	const started = Date.now();
	const third = await call('/services/file_staging/upload', { headers });
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	expect(third.headers.get('x-vaultapi-responsedelay')).toBe('300');
	expect(third.headers.get('x-vaultapi-burstlimitremaining')).toBe('0');
});

test('/auth has its own burst limit per user', async () => {
	simulator = await startSimulator({ authBurstLimit: 2, responseDelayMs: 1 });
	await login();
	await login();
	const third = await call('/auth', { method: 'POST', body: new URLSearchParams({ username: ADMIN.username, password: ADMIN.password }) });
	expect(third.body.errors[0].type).toBe('API_LIMIT_EXCEEDED');
	expect(await login(UPLOADER.username, UPLOADER.password)).toBeTruthy();
});

test('upload sessions expire 72 hours after creation', async () => {
	simulator = await startSimulator({ seed: false });
	simulator.addUploadSession({ path: '/a.bin', size: 10, owner: ADMIN.id });
	simulator.advanceClock(72 * 3600 * 1000 - 60_000);
	expect(simulator.activeUploadSessionCount()).toBe(1);
	simulator.advanceClock(60_000);
	const { body } = await call('/services/file_staging/upload', { headers: { Authorization: ADMIN_TOKEN } });
	expect(body).toEqual({ responseStatus: 'SUCCESS', data: [] } as unknown as Envelope);
});

test('unknown versions and methods answer Vault\'s error types', async () => {
	simulator = await startSimulator();
	const unknownVersion = await call('/services/file_staging/upload', { headers: { Authorization: ADMIN_TOKEN } }, 'v99.1');
	expect(unknownVersion.body.errors[0].type).toBe('MALFORMED_URL');
	const { body } = await call('/services/file_staging/upload', { method: 'PATCH', headers: { Authorization: ADMIN_TOKEN } });
	expect(body.errors[0].type).toBe('METHOD_NOT_SUPPORTED');
});

test('part rules: overflow, checksum, order', async () => {
	simulator = await startSimulator({ minPartSize: 4 });
	const headers = { Authorization: ADMIN_TOKEN };
	const created = await call('/services/file_staging/upload', { method: 'POST', headers, body: new URLSearchParams({ path: '/x.bin', size: '10' }) });
	const id = created.body.data.id;
	const put = (part: number, data: string, md5?: string) =>
		call(`/services/file_staging/upload/${encodeURIComponent(id)}`, {
			method: 'PUT',
			headers: { ...headers, 'Content-Type': 'application/octet-stream', 'X-VaultAPI-FilePartNumber': String(part), ...(md5 ? { 'Content-MD5': md5 } : {}) },
			body: data,
		});
	expect((await put(2, 'abcd')).body.errors[0].type).toBe('INVALID_DATA');
	expect((await put(1, 'abcd', 'not-the-md5')).body.errors[0].type).toBe('INVALID_DATA');
	expect((await put(1, 'abcd', createHash('md5').update('abcd').digest('hex'))).body.data).toMatchObject({ size: 4, part_number: 1 });
	expect((await put(2, 'abcdefghijk')).body.errors[0].type).toBe('OPERATION_NOT_ALLOWED');
	const commitTooEarly = await call(`/services/file_staging/upload/${encodeURIComponent(id)}`, { method: 'POST', headers });
	expect(commitTooEarly.body.errors[0].type).toBe('OPERATION_NOT_ALLOWED');
});

test('Client ID filtering refuses unknown IDs', async () => {
	simulator = await startSimulator({ allowedClientIds: ['allowed-client'] });
	const refused = await call('/services/file_staging/upload', { headers: { Authorization: ADMIN_TOKEN, 'X-VaultAPI-ClientID': 'other' } });
	expect(refused.body.errors[0].type).toBe('INSUFFICIENT_ACCESS');
	const byQuery = await call('/services/file_staging/upload?client_id=allowed-client', { headers: { Authorization: ADMIN_TOKEN, 'X-VaultAPI-ClientID': 'other' } });
	expect(byQuery.body.responseStatus).toBe('SUCCESS');
});

test('List Items: only a page that has a next page carries responseDetails; the last (or only) page has none', async () => {
	simulator = await startSimulator({ seed: false });
	const token = { Authorization: ADMIN_TOKEN };
	for (const name of ['a', 'b', 'c']) await simulator.addStagedFile(`/u${ADMIN.id}/inbox/${name}.txt`, name);
	const only = await call(`/services/file_staging/items/u${ADMIN.id}/inbox`, { headers: token });
	expect(only.body).toMatchObject({ responseStatus: 'SUCCESS', data: [{ name: 'a.txt' }, { name: 'b.txt' }, { name: 'c.txt' }] });
	expect(only.body).not.toHaveProperty('responseDetails');
	const first = (await call(`/services/file_staging/items/u${ADMIN.id}/inbox?limit=2`, { headers: token })).body as unknown as { responseDetails: { next_page: string } };
	expect(first.responseDetails.next_page).toMatch(/cursor=/);
	const last = await (await fetch(first.responseDetails.next_page, { headers: token })).json();
	expect(last).toMatchObject({ responseStatus: 'SUCCESS', data: [{ name: 'c.txt' }] });
	expect(last).not.toHaveProperty('responseDetails');
});

test('List Items on a file\'s path answers that file alone, as Veeva\'s own CLI (vvfst download) expects', async () => {
	simulator = await startSimulator({ seed: false });
	const token = { Authorization: ADMIN_TOKEN };
	await simulator.addStagedFile(`/u${ADMIN.id}/inbox/a.pdf`, 'the pdf');
	await simulator.addStagedFile(`/u${ADMIN.id}/inbox/b.pdf`, 'another');
	const folder = (await call(`/services/file_staging/items/u${ADMIN.id}/inbox`, { headers: token })).body as unknown as { data: Array<Record<string, unknown>> };
	const asListed = folder.data.find((item) => item.name === 'a.pdf');
	for (const query of ['', '?recursive=true', '?limit=1']) {
		const file = await call(`/services/file_staging/items/u${ADMIN.id}/inbox/a.pdf${query}`, { headers: token });
		expect(file.body).toEqual({ responseStatus: 'SUCCESS', data: [asListed] });
	}
	expect(asListed).toEqual({ kind: 'file', path: `/u${ADMIN.id}/inbox/a.pdf`, name: 'a.pdf', size: 7, modified_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
	// A user who is not an admin sees the path from their own folder.
	await simulator.addStagedFile(`/u${UPLOADER.id}/mine.txt`, 'mine');
	const theirs = await call('/services/file_staging/items/mine.txt', { headers: { Authorization: await login(UPLOADER.username, UPLOADER.password) } });
	expect(theirs.body).toMatchObject({ responseStatus: 'SUCCESS', data: [{ kind: 'file', path: '/mine.txt', name: 'mine.txt', size: 4 }] });
	const missing = await call(`/services/file_staging/items/u${ADMIN.id}/inbox/c.pdf`, { headers: token });
	expect(missing.body).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
});

test('List Upload Sessions answers exactly the fields of Veeva\'s example; Get and Create Upload Session add name and overwrite', async () => {
	simulator = await startSimulator();
	const headers = { Authorization: ADMIN_TOKEN };
	// The fields of the example on Veeva's "List Upload Sessions" reference page.
	const listed = ['created_date', 'expiration_date', 'id', 'last_uploaded_date', 'owner', 'path', 'size', 'uploaded', 'uploaded_parts'];
	const list = (await call('/services/file_staging/upload', { headers })).body as unknown as { data: Array<Record<string, unknown>> };
	expect(list.data).toHaveLength(3);
	for (const session of list.data) expect(Object.keys(session).sort()).toEqual(listed);
	const created = await call('/services/file_staging/upload', { method: 'POST', headers, body: new URLSearchParams({ path: '/inbox/a.bin', size: '10', overwrite: 'true' }) });
	expect(Object.keys(created.body.data).sort()).toEqual([...listed, 'name', 'overwrite'].sort());
	const got = (await call(`/services/file_staging/upload/${encodeURIComponent(created.body.data.id)}`, { headers })).body as unknown as { data: Record<string, unknown> };
	expect(got.data).toMatchObject({ name: 'a.bin', overwrite: true });
	expect(Object.keys(got.data).sort()).toEqual([...listed, 'name', 'overwrite'].sort());
});

test('a hold fault keeps requests waiting until they are released, then answers them as usual', async () => {
	simulator = await startSimulator();
	const headers = { Authorization: ADMIN_TOKEN };
	const control = async (method: string, path: string) => (await (await fetch(`${simulator.baseUrl}/_sim/${path}`, { method })).json()) as Record<string, unknown>;
	simulator.injectFault({ kind: 'hold', times: 2, path: '/services/file_staging/upload' });
	const answered: string[] = [];
	const held = [1, 2].map(async () => {
		const { body } = await call('/services/file_staging/upload', { headers });
		answered.push(body.responseStatus);
	});
	await simulator.whenHeld(2);
	await simulator.whenHeld(1);
	// A request past the fault's `times` is not held.
	expect((await call('/services/file_staging/upload', { headers })).body.responseStatus).toBe('SUCCESS');
	expect(answered).toEqual([]);
	expect(await control('GET', 'stats')).toMatchObject({ held: 2 });
	expect(await control('POST', 'release')).toEqual({ released: 2 });
	await Promise.all(held);
	expect(answered).toEqual(['SUCCESS', 'SUCCESS']);
	expect(simulator.heldCount).toBe(0);
	expect(simulator.count('listUploadSessions')).toBe(3);
});
