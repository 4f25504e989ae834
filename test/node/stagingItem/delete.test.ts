// Delete: Vault does it in a job; a folder with content needs Delete Folder Content.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const home = `/u${ADMIN.id}`;
const del = (parameters: Record<string, unknown>) => ({ resource: 'stagingItem', operation: 'delete', ...parameters });
const listing = async () =>
	(await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'getAll', path: home, returnAll: true, recursive: true } })).items.map(
		(item) => item.json.path,
	);

beforeEach(async () => {
	await vault.simulator.addStagedFile(`${home}/old/a.pdf`, 'a');
	await vault.simulator.addStagedFile(`${home}/keep.pdf`, 'keep');
});

test('a file: with Wait for Job, deleted: true with the job, and it is gone', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: del({ path: `${home}/old/a.pdf`, options: { waitForJob: true } }) });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ deleted: true, path: `${home}/old/a.pdf`, job: { status: 'SUCCESS' } });
	expect(await listing()).toEqual([`${home}/old`, `${home}/keep.pdf`]);
});

test('a folder with content needs Delete Folder Content', async () => {
	const refused = await runVaultNode(vault.credentials, { parameters: del({ path: `${home}/old` }) });
	expect(refused.error?.message).toContain('is not empty');
	expect(refused.error?.description).toContain('Delete Folder Content');
	const deleted = await runVaultNode(vault.credentials, { parameters: del({ path: `${home}/old`, recursive: true }) });
	expect(deleted.items[0].json).toEqual({ job_id: expect.any(Number), url: expect.any(String), path: `${home}/old` });
	expect(await listing()).toEqual([`${home}/keep.pdf`]);
	expect(vault.simulator.requests.find((request) => request.route === 'deleteItem' && request.query === '?recursive=true')).toBeDefined();
});

test.each([['/'], ['//'], ['  / ']])('deleting the staging root (%j) is refused before any request', async (path) => {
	const { error } = await runVaultNode(vault.credentials, { parameters: del({ path, recursive: true }) });
	expect(error?.message).toContain('is the staging root');
	expect(vault.simulator.requests).toHaveLength(0);
});
