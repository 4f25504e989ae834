// Move or Rename: Vault does it in a job; Wait for Job follows it.
import { runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const home = `/u${ADMIN.id}`;
const move = (parameters: Record<string, unknown>) => ({ resource: 'stagingItem', operation: 'move', ...parameters });
const names = async (folder: string) =>
	(await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'getAll', path: folder, returnAll: true, recursive: true } })).items.map(
		(item) => item.json.path,
	);

beforeEach(async () => {
	await vault.simulator.addStagedFile(`${home}/inbox/report.pdf`, 'pdf');
	await vault.simulator.addStagedFolder(`${home}/processed`);
});

test('without Wait for Job: Vault\'s job, the path and where the item goes come back, and the move shows once the job has ended', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: move({ path: `${home}/inbox/report.pdf`, parent: `${home}/processed` }) });
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ job_id: expect.any(Number), url: expect.stringContaining('/services/jobs/'), path: `${home}/inbox/report.pdf`, new_path: `${home}/processed/report.pdf` });
	expect(await names(home)).toEqual([`${home}/inbox`, `${home}/processed`, `${home}/processed/report.pdf`]);
});

test('with Wait for Job: moved and renamed, with the finished job', async () => {
	const { items, error } = await runVaultNode(vault.credentials, {
		parameters: move({ path: `${home}/inbox/report.pdf`, parent: `${home}/processed`, name: 'report-2026.pdf', options: { waitForJob: true } }),
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ moved: true, path: `${home}/inbox/report.pdf`, new_path: `${home}/processed/report-2026.pdf`, job: { status: 'SUCCESS', job_id: expect.any(Number) } });
	expect(await names(`${home}/processed`)).toEqual([`${home}/processed/report-2026.pdf`]);
});

test('a job that cannot place the item fails the item with the job\'s status', async () => {
	await vault.simulator.addStagedFile(`${home}/processed/report.pdf`, 'already there');
	const { error } = await runVaultNode(vault.credentials, {
		parameters: move({ path: `${home}/inbox/report.pdf`, parent: `${home}/processed`, options: { waitForJob: true } }),
	});
	expect(error?.message).toMatch(/^Vault job \d+ ended with status ERRORS_ENCOUNTERED$/);
});

test.each([
	[{ path: `${home}/inbox/report.pdf` }, 'Neither a New Parent Folder nor a New Name is given'],
	[{ path: '/', name: 'x' }, 'Path is the staging root'],
	[{ path: `${home}/inbox/report.pdf`, name: 'a/b' }, 'New Name "a/b" is not a file or folder name'],
	[{ path: `${home}/inbox/report.pdf`, parent: 'processed' }, 'New Parent Folder "processed" must start with a slash'],
	[{ path: `${home}/../report.pdf`, name: 'x' }, 'contains "." or ".." segments'],
])('bad input %j is refused before any request', async (parameters, message) => {
	const { error } = await runVaultNode(vault.credentials, { parameters: move(parameters) });
	expect(error?.message).toContain(message);
	expect(vault.simulator.requests).toHaveLength(0);
});
