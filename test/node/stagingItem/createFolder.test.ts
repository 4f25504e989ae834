// Create Folder: a folder in the File Staging area.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, UPLOADER, passwordCredentials, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const createFolder = (path: string) => ({ resource: 'stagingItem', operation: 'createFolder', path });

test('creates the folder (and its missing parents) and returns Vault\'s item', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: createFolder(`/u${ADMIN.id}/inbox/2026-11-30/`) });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([{ kind: 'folder', path: `/u${ADMIN.id}/inbox/2026-11-30`, name: '2026-11-30' }]);
	const listed = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'getAll', path: `/u${ADMIN.id}/inbox`, returnAll: true } });
	expect(listed.items.map((item) => item.json.name)).toEqual(['2026-11-30']);
});

test('a user who is not an admin creates it in their own folder', async () => {
	const { items } = await runVaultNode(passwordCredentials(vault.simulator, UPLOADER), { parameters: createFolder('/outbox') });
	expect(items[0].json.path).toBe('/outbox');
	const asAdmin = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'getAll', path: `/u${UPLOADER.id}`, returnAll: true } });
	expect(asAdmin.items.map((item) => item.json.path)).toEqual([`/u${UPLOADER.id}/outbox`]);
});

test('an existing folder is Vault\'s ITEM_NAME_EXISTS', async () => {
	await vault.simulator.addStagedFolder(`/u${ADMIN.id}/inbox`);
	const { error } = await runVaultNode(vault.credentials, { parameters: createFolder(`/u${ADMIN.id}/inbox`) });
	expect(error?.message).toContain('ITEM_NAME_EXISTS');
	expect(error?.description).toContain('Choose another Folder Path');
});

test.each([
	['/', 'Folder Path is the staging root "/"; name a file or folder in it, e.g. /inbox/old.'],
	['inbox', 'Folder Path "inbox" must start with a slash, e.g. /inbox.'],
	['/a/./b', 'Folder Path "/a/./b" contains "." or ".." segments; give the path from the staging root, e.g. /inbox.'],
	['/a\nb', 'Folder Path "/a\\nb" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox.'],
])('the path %j is refused before any request', async (path, message) => {
	const { error } = await runVaultNode(vault.credentials, { parameters: createFolder(path) });
	expect(error?.message).toBe(message);
	expect(error?.context?.itemIndex).toBe(0);
	expect(vault.simulator.requests).toHaveLength(0);
});
