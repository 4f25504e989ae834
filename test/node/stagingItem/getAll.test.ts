// Get Many of staging items: a folder's files and folders, one item each, with paging and filters.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, UPLOADER, passwordCredentials, simulatorPerTest } from '../../harness/vault';

const DAY = 24 * 3600 * 1000;
const vault = simulatorPerTest({ seed: false, clock: new Date().toISOString() });
const list = (parameters: Record<string, unknown>) => ({ resource: 'stagingItem', operation: 'getAll', returnAll: true, ...parameters });

beforeEach(async () => {
	const sim = vault.simulator;
	await sim.addStagedFile(`/u${ADMIN.id}/inbox/report.pdf`, 'pdf', { modifiedAgoMs: 40 * DAY });
	await sim.addStagedFile(`/u${ADMIN.id}/inbox/data.csv`, 'a,b\n1,2\n', { modifiedAgoMs: 2 * DAY });
	await sim.addStagedFolder(`/u${ADMIN.id}/inbox/archive`);
	await sim.addStagedFile(`/u${ADMIN.id}/inbox/archive/old.pdf`, 'old', { modifiedAgoMs: 90 * DAY });
	await sim.addStagedFile(`/u${UPLOADER.id}/inbox/theirs.pdf`, 'theirs');
});

test('one item per file and folder, with Vault\'s fields as they are; a folder\'s size and date are null', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox` }) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([
		{ kind: 'folder', path: `/u${ADMIN.id}/inbox/archive`, name: 'archive', size: null, modified_date: null },
		{ kind: 'file', path: `/u${ADMIN.id}/inbox/data.csv`, name: 'data.csv', size: 8, modified_date: expect.stringMatching(/Z$/) },
		{ kind: 'file', path: `/u${ADMIN.id}/inbox/report.pdf`, name: 'report.pdf', size: 3, modified_date: expect.stringMatching(/Z$/) },
	]);
});

test('Include Subfolders lists the folder\'s whole tree', async () => {
	const { items } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox/`, recursive: true }) });
	expect(items.map((item) => item.json.name)).toEqual(['archive', 'old.pdf', 'data.csv', 'report.pdf']);
});

test('a user who is not an admin sees their own folder as the root', async () => {
	const { items, error } = await runVaultNode(passwordCredentials(vault.simulator, UPLOADER), { parameters: list({ path: '/', recursive: true }) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.path)).toEqual(['/inbox', '/inbox/theirs.pdf']);
});

test('pages are followed through Vault\'s next_page, and a limit stops early', async () => {
	const all = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox`, recursive: true }) });
	expect(all.items).toHaveLength(4);
	const two = await runVaultNode(vault.credentials, { parameters: { ...list({ path: `/u${ADMIN.id}/inbox`, recursive: true }), returnAll: false, limit: 2 } });
	expect(two.items.map((item) => item.json.name)).toEqual(['archive', 'old.pdf']);
	expect(vault.simulator.requests.filter((request) => request.route === 'listItems').map((request) => request.query).slice(-1)).toEqual([
		'?recursive=true&limit=2',
	]);
});

test('a cursor that expired between pages is a clear error, never a short list', async () => {
	vault.simulator.options.itemsPageSize = 2;
	// The second page is asked for 31 minutes after the first: Vault's cursor lives 30.
	vault.simulator.injectFault({ kind: 'advanceClock', path: '/services/file_staging/items', ms: 31 * 60 * 1000, after: 1 });
	const { items, error } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox`, recursive: true }) });
	expect(items).toEqual([]);
	expect(error?.message).toBe(
		`Vault refused page 2 of the listing of /u${ADMIN.id}/inbox: Vault refused GET ${vault.simulator.baseUrl}/api/v25.2/services/file_staging/items: INVALID_DATA: Invalid or expired cursor: list the folder again.`,
	);
	expect(error?.description).toContain('30 minutes');
});

test('with small pages every page is read', async () => {
	vault.simulator.options.itemsPageSize = 1;
	const { items } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox`, recursive: true }) });
	expect(items).toHaveLength(4);
	expect(vault.simulator.count('listItems')).toBe(4);
});

test.each([
	[{ kind: 'folder' }, ['archive']],
	[{ kind: 'file' }, ['old.pdf', 'data.csv', 'report.pdf']],
	[{ namePattern: '*.PDF' }, ['old.pdf', 'report.pdf']],
	[{ namePattern: 'd?ta.*' }, ['data.csv']],
	[{ modifiedBefore: new Date(Date.now() - 30 * DAY).toISOString() }, ['old.pdf', 'report.pdf']],
	[{ modifiedAfter: new Date(Date.now() - 30 * DAY).toISOString() }, ['data.csv']],
])('filter %j', async (filters, names) => {
	const { items } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox`, recursive: true, filters }) });
	expect(items.map((item) => item.json.name)).toEqual(names);
});

test.each([
	[{ path: 'inbox' }, 'Folder Path "inbox" must start with a slash, e.g. /inbox.'],
	[{ path: '/inbox/../u1' }, 'contains "." or ".." segments'],
	[{ path: '/inbox', filters: { modifiedBefore: 'last tuesday' } }, 'The filter "Modified Before" is not a date: last tuesday'],
])('bad input %j is refused before any request', async (parameters, message) => {
	const { error } = await runVaultNode(vault.credentials, { parameters: list(parameters) });
	expect(error?.message).toContain(message);
	expect(vault.simulator.requests).toHaveLength(0);
});

test('a file\'s path lists that one file; the filters still apply', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox/report.pdf`, recursive: true }) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([{ kind: 'file', path: `/u${ADMIN.id}/inbox/report.pdf`, name: 'report.pdf', size: 3, modified_date: expect.stringMatching(/Z$/) }]);
	const folders = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox/report.pdf`, filters: { kind: 'folder' } }) });
	expect(folders.items).toEqual([]);
	const pdfs = await runVaultNode(vault.credentials, { parameters: list({ path: `/u${ADMIN.id}/inbox/report.pdf`, filters: { namePattern: '*.PDF' } }) });
	expect(pdfs.items.map((item) => item.json.name)).toEqual(['report.pdf']);
});

test('a path that does not exist is Vault\'s clear error', async () => {
	const missing = await runVaultNode(vault.credentials, { parameters: list({ path: '/nowhere' }) });
	expect(missing.error?.message).toContain('INVALID_DATA: No item at /nowhere');
});
