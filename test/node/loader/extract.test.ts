// Vault Loader → Extract through n8n's engine: one item per extracted row; documents' source files
// on File Staging, ready for Staging Item → Download.
import type { IDataObject } from 'n8n-workflow';

import { runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

test('object records: one item per record the criteria select, with the fields asked for', async () => {
	vault.simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1', therapeutic_area__vs: 'cardiology__vs' });
	vault.simulator.addRecord('product__v', { name__v: 'Nyaxa', external_id__v: 'P-2', therapeutic_area__vs: 'oncology__vs' });
	const result = await runVaultNode(vault.credentials, {
		parameters: {
			resource: 'loader',
			operation: 'extract',
			objectType: 'vobjects__v',
			object: { mode: 'name', value: 'product__v' },
			fields: ['id', 'name__v', 'external_id__v'],
			criteria: "therapeutic_area__vs = 'oncology__vs'",
		},
	});
	expect(result.error).toBeUndefined();
	const records = vault.simulator.recordsOf('product__v') as IDataObject[];
	expect(result.items.map((item) => item.json)).toEqual([{ id: records[1].id, name__v: 'Nyaxa', external_id__v: 'P-2' }]);
	expect(vault.simulator.count('loaderExtract')).toBe(1);
});

test('documents with their source files: each row\'s file is a staging path that Download fetches with the document\'s bytes', async () => {
	await vault.simulator.addStagedFile('/inbox/label.pdf', '%PDF-1.7 the label');
	const load = await runVaultNode(vault.credentials, {
		parameters: {
			resource: 'loader',
			operation: 'load',
			objectType: 'documents__v',
			loadAction: 'create',
			columns: { mappingMode: 'defineBelow', value: { file: '/inbox/label.pdf', name__v: 'Label', type__v: 'Labeling', lifecycle__v: 'General Lifecycle' }, matchingColumns: [], schema: [] },
		},
	});
	expect(load.items.map((item) => item.json.loaded)).toEqual([true]);

	const extract = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'extract', objectType: 'documents__v', fields: ['id', 'name__v'], criteria: "type__v = 'Labeling'", includeSource: true },
	});
	expect(extract.error).toBeUndefined();
	expect(extract.items).toHaveLength(1);
	const row = extract.items[0].json;
	expect(row).toMatchObject({ id: String(load.items[0].json.id), name__v: 'Label', file: expect.stringMatching(/^\//) });

	const download = await runVaultNode(vault.credentials, { parameters: { resource: 'stagingItem', operation: 'download', path: String(row.file) } });
	expect(download.error).toBeUndefined();
	const binary = download.items[0].binary?.data;
	expect(binary).toBeDefined();
	expect(download.items[0].json.size).toBe(Buffer.byteLength('%PDF-1.7 the label'));
});

test('Extract needs fields; without Wait for Job it answers the job and task at once', async () => {
	const noFields = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'extract', objectType: 'vobjects__v', object: { mode: 'name', value: 'product__v' }, fields: '={{ [] }}' },
	});
	expect(noFields.error?.message).toBe('No field is chosen');

	vault.simulator.addRecord('product__v', { name__v: 'Later', external_id__v: 'L-1' });
	const started = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'extract', objectType: 'vobjects__v', object: { mode: 'name', value: 'product__v' }, fields: ['name__v'], waitForJob: false },
	});
	expect(started.items.map((item) => item.json)).toEqual([expect.objectContaining({ job_id: expect.any(Number), task_id: '1' })]);
	const results = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'getResults', jobId: String(started.items[0].json.job_id), taskId: '1', jobKind: 'extract' },
	});
	expect(results.items.map((item) => item.json)).toEqual([{ name__v: 'Later' }]);
});
