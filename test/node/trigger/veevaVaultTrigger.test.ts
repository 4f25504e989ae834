/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test set-up (moving a staged file as Vault does): runs in jest, never inside n8n. */
// The Veeva Vault Trigger through n8n-core's poll functions, with static data kept across polls.
import { rename, rm } from 'node:fs/promises';

import type { IDataObject } from 'n8n-workflow';

import { VeevaVaultTrigger } from '../../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';
import { runPollNode } from '../../harness/engine';
import { ADMIN, UPLOADER, simulatorPerTest } from '../../harness/vault';

const HOUR = 3600 * 1000;
const MINUTE = 60 * 1000;
const trigger = new VeevaVaultTrigger();
const vault = simulatorPerTest({ seed: false, clock: new Date().toISOString() });

async function poll(parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
	const result = await runPollNode(trigger, vault.credentials, { parameters, staticData, mode });
	return (result?.[0] ?? []).map((item) => item.json);
}

describe('Upload Session Stalled', () => {
	const stalled = { event: 'uploadSessionStalled', idleForMoreThanHours: 1 };

	test('a session already stalled at activation fires once; one that stalls later fires then; no login after the first', async () => {
		const old = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/a.bin`, size: 100, uploaded: 10, owner: ADMIN.id, createdAgoMs: 5 * HOUR, lastUploadAgoMs: 3 * HOUR });
		const fresh = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/b.bin`, size: 100, uploaded: 10, owner: ADMIN.id, createdAgoMs: 40 * MINUTE, lastUploadAgoMs: 30 * MINUTE });
		vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/done.bin`, size: 100, uploaded: 100, owner: ADMIN.id, createdAgoMs: 9 * HOUR, lastUploadAgoMs: 8 * HOUR });
		const staticData: IDataObject = {};

		const first = await poll(stalled, staticData);
		expect(first.map((session) => session.id)).toEqual([old]);
		expect(first[0]).toMatchObject({ percent_uploaded: 10, hours_since_last_upload: 3 });
		expect(await poll(stalled, staticData)).toEqual([]);

		// 45 minutes later (on both clocks): its last upload is now 75 minutes old.
		vault.simulator.uploadSessions.get(fresh)!.lastUploaded -= 45 * MINUTE;
		expect((await poll(stalled, staticData)).map((session) => session.id)).toEqual([fresh]);
		expect(await poll(stalled, staticData)).toEqual([]);
		expect(vault.simulator.count('auth')).toBe(1);
		expect(vault.simulator.count('listUploadSessions')).toBe(4);
	});

	test('a session that uploads again and stalls again fires again', async () => {
		const id = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/a.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 3 * HOUR });
		const staticData: IDataObject = {};
		expect(await poll(stalled, staticData)).toHaveLength(1);
		vault.simulator.uploadSessions.get(id)!.lastUploaded = vault.simulator.now();
		expect(await poll(stalled, staticData)).toEqual([]);
		// Two hours without an upload since.
		vault.simulator.uploadSessions.get(id)!.lastUploaded -= 2 * HOUR;
		expect((await poll(stalled, staticData)).map((session) => session.id)).toEqual([id]);
	});

	test('the state forgets sessions Vault no longer lists, and Owner User ID filters', async () => {
		vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/a.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 3 * HOUR });
		const theirs = vault.simulator.addUploadSession({ path: `/u${UPLOADER.id}/b.bin`, size: 100, owner: UPLOADER.id, createdAgoMs: 3 * HOUR });
		const staticData: IDataObject = {};
		const events = await poll({ ...stalled, filters: { owner: UPLOADER.id } }, staticData);
		expect(events.map((session) => session.id)).toEqual([theirs]);
		vault.simulator.uploadSessions.delete(theirs);
		await poll({ ...stalled, filters: { owner: UPLOADER.id } }, staticData);
		expect((staticData['node:Trigger'] as IDataObject).seen).toEqual([]);
	});
});

test('Upload Session Expiring fires once per incomplete session ending within the hours', async () => {
	const soon = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/soon.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 60 * HOUR });
	vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/later.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 10 * HOUR });
	const staticData: IDataObject = {};
	const parameters = { event: 'uploadSessionExpiring', expiringWithinHours: 24 };
	expect((await poll(parameters, staticData)).map((session) => session.id)).toEqual([soon]);
	expect(await poll(parameters, staticData)).toEqual([]);
});

test('Upload Session Created starts from activation: existing sessions never fire, a new one fires once', async () => {
	vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/existing.bin`, size: 100, owner: ADMIN.id });
	const staticData: IDataObject = {};
	const parameters = { event: 'uploadSessionCreated' };
	expect(await poll(parameters, staticData)).toEqual([]);
	const added = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/new.bin`, size: 100, owner: ADMIN.id });
	expect((await poll(parameters, staticData)).map((session) => session.id)).toEqual([added]);
	expect(await poll(parameters, staticData)).toEqual([]);
});

describe('File Added or Changed', () => {
	const parameters = { event: 'fileAdded', path: `/u${ADMIN.id}/inbox`, recursive: false, awaitWriteFinish: false };

	test('without Await Write Finish: files there at activation do not fire; a new file and a changed file fire once each', async () => {
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/a.csv`, 'a');
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toEqual([]);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/b.csv`, 'b');
		expect((await poll(parameters, staticData)).map((file) => file.name)).toEqual(['b.csv']);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/a.csv`, 'a, changed');
		expect((await poll(parameters, staticData)).map((file) => [file.name, file.size])).toEqual([['a.csv', 10]]);
		expect(await poll(parameters, staticData)).toEqual([]);
	});

	test('a file\'s path as Folder Path watches that one file: it fires when the file changes', async () => {
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/a.csv`, 'a');
		const watchFile = { ...parameters, path: `/u${ADMIN.id}/inbox/a.csv` };
		const staticData: IDataObject = {};
		expect(await poll(watchFile, staticData)).toEqual([]);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/b.csv`, 'b');
		expect(await poll(watchFile, staticData)).toEqual([]);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/a.csv`, 'a, changed');
		expect((await poll(watchFile, staticData)).map((file) => [file.path, file.size])).toEqual([[`/u${ADMIN.id}/inbox/a.csv`, 10]]);
		expect(await poll(watchFile, staticData)).toEqual([]);
	});

	test('by default (Await Write Finish) a file fires once, whole, at the poll after its size and date stopped changing', async () => {
		const settled = { event: 'fileAdded', path: `/u${ADMIN.id}/inbox` };
		await vault.simulator.addStagedFolder(`/u${ADMIN.id}/inbox`);
		const staticData: IDataObject = {};
		expect(await poll(settled, staticData)).toEqual([]);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/upload.zip`, 'part one');
		expect(await poll(settled, staticData)).toEqual([]);
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/upload.zip`, 'part one, part two', { modifiedAgoMs: -60_000 });
		expect(await poll(settled, staticData)).toEqual([]);
		expect((await poll(settled, staticData)).map((file) => [file.name, file.size])).toEqual([['upload.zip', 18]]);
		expect(await poll(settled, staticData)).toEqual([]);
	});

	test('a file moved in or copied with an old modified date fires once, also after a restart; deleting old files fires nothing', async () => {
		for (let index = 0; index < 30; index++) await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/old${index}.csv`, 'old', { modifiedAgoMs: (index + 2) * HOUR });
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/elsewhere/moved.csv`, 'moved', { modifiedAgoMs: 30 * 24 * HOUR });
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toEqual([]);
		// Moved as Vault's move does it: the file keeps its modified date, a month before the newest file.
		await rename(vault.simulator.stagingFilePath(`/u${ADMIN.id}/elsewhere/moved.csv`), vault.simulator.stagingFilePath(`/u${ADMIN.id}/inbox/moved.csv`));
		await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/copied.csv`, 'copied', { modifiedAgoMs: 400 * 24 * HOUR });
		await rm(vault.simulator.stagingFilePath(`/u${ADMIN.id}/inbox/old29.csv`));
		// A restarted n8n: another node instance, only the static data kept.
		const restarted = await runPollNode(new VeevaVaultTrigger(), vault.credentials, { parameters, staticData });
		expect((restarted?.[0] ?? []).map((item) => item.json.name).sort()).toEqual(['copied.csv', 'moved.csv']);
		expect(await poll(parameters, staticData)).toEqual([]);
	});

	test('the state does not grow with the number of files older than an hour', async () => {
		const sizeAfterFirstPoll = async (folder: string, files: number) => {
			for (let index = 0; index < files; index++) await vault.simulator.addStagedFile(`/u${ADMIN.id}/${folder}/f${index}.csv`, 'x', { modifiedAgoMs: 2 * HOUR + index * MINUTE });
			const staticData: IDataObject = {};
			await poll({ ...parameters, path: `/u${ADMIN.id}/${folder}` }, staticData);
			return JSON.stringify(staticData).length;
		};
		const few = await sizeAfterFirstPoll('less', 100);
		const many = await sizeAfterFirstPoll('more', 1500);
		expect(many - few).toBeLessThanOrEqual(4);
		expect(many).toBeLessThan(10_000);
	});
});

test('Fetch Test Event returns a recent matching session and leaves the state alone', async () => {
	const newest = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/new.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 2 * HOUR });
	vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/old.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 20 * HOUR });
	const staticData: IDataObject = {};
	const sample = await poll({ event: 'uploadSessionStalled', idleForMoreThanHours: 1 }, staticData, 'manual');
	expect(sample.map((session) => session.id)).toEqual([newest]);
	expect(staticData).toEqual({});
	expect(await poll({ event: 'uploadSessionStalled', idleForMoreThanHours: 1 }, staticData)).toHaveLength(2);
});

test('a failing poll loses no event: what it did not report comes with the next good poll', async () => {
	const staticData: IDataObject = {};
	const parameters = { event: 'uploadSessionStalled', idleForMoreThanHours: 1 };
	await poll(parameters, staticData);
	const id = vault.simulator.addUploadSession({ path: `/u${ADMIN.id}/a.bin`, size: 100, owner: ADMIN.id, createdAgoMs: 3 * HOUR });
	vault.simulator.injectFault({ kind: 'exception', path: '/services/file_staging/upload' });
	await expect(runPollNode(trigger, vault.credentials, { parameters, staticData })).rejects.toMatchObject({
		message: `Vault failed GET ${vault.simulator.baseUrl}/api/v25.2/services/file_staging/upload: UNEXPECTED_ERROR: An unexpected error occurred.`,
		description: 'Vault had an internal error. Try again later; if it persists, contact Veeva support with the execution ID.',
	});
	expect((await poll(parameters, staticData)).map((session) => session.id)).toEqual([id]);
});

test('a bad setting fails the poll before any request, named as the editor names it', async () => {
	const parameters = { event: 'uploadSessionExpiring', expiringWithinHours: -2 };
	await expect(runPollNode(trigger, vault.credentials, { parameters, staticData: {} })).rejects.toThrow(
		'Expiring Within (Hours) must be a number of hours of 0 or more, not -2',
	);
	await expect(runPollNode(trigger, vault.credentials, { parameters: { event: 'fileAdded', path: 'inbox' }, staticData: {} })).rejects.toThrow(
		'Folder Path "inbox" must start with a slash, e.g. /inbox.',
	);
	expect(vault.simulator.requests).toHaveLength(0);
});

test('switching from a document event to a session event keeps only the session event\'s state: the document cursor is dropped', async () => {
	const staticData: IDataObject = { 'node:Trigger': { watching: 'documentCreated', cursor: '2026-01-01T00:00:00.000Z', fromActivation: true, seen: ['1|0.1|x'] } };
	expect(await poll({ event: 'uploadSessionCreated' }, staticData)).toEqual([]);
	expect(Object.keys(staticData['node:Trigger'] as IDataObject).sort()).toEqual(['seen', 'watching']);
});
