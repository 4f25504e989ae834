// Vault Loader with documents: create from staged files, then new versions, renditions and
// attachments of them, update by external ID and delete, each row paired back.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });

const load = (objectType: string, value: IDataObject, extra: IDataObject = {}) => ({
	resource: 'loader',
	operation: 'load',
	objectType,
	columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
	...extra,
});
const itemsOf = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const documentNamed = (name: string) => vault.simulator.documents.find((document) => document.name__v === name);

async function createLabel(): Promise<IDataObject> {
	await vault.simulator.addStagedFile('/inbox/label-v1.pdf', '%PDF label v1');
	const created = await runVaultNode(vault.credentials, {
		parameters: load('documents__v', { file: '/inbox/label-v1.pdf', name__v: 'Label', type__v: 'Labeling', lifecycle__v: 'General Lifecycle', external_id__v: 'LBL-1' }, { loadAction: 'create' }),
	});
	expect(created.items.map((item) => item.json.loaded)).toEqual([true]);
	return documentNamed('Label')!;
}

test('Document Versions: a new version of each document a row names, from its staged file', async () => {
	const label = await createLabel();
	await vault.simulator.addStagedFile('/inbox/label-v2.pdf', '%PDF label v2');
	const result = await runVaultNode(vault.credentials, {
		parameters: load('document_versions__v', { id: '={{ $json.id }}', file: '={{ $json.file }}' }),
		inputItems: itemsOf({ id: label.id, file: '/inbox/label-v2.pdf' }, { id: 999999, file: '/inbox/label-v2.pdf' }),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.loaded, item.json.action, item.json.object_type])).toEqual([
		[true, 'create', 'document_versions__v'],
		[false, 'create', 'document_versions__v'],
	]);
	expect(result.items[1].json.error).toContain('999999');
	expect(documentNamed('Label')?.minor_version_number__v).toBe(2);
});

test('Document Renditions and Attachments: created from staged files; extract lists the renditions', async () => {
	const label = await createLabel();
	await vault.simulator.addStagedFile('/inbox/label-viewable.pdf', '%PDF viewable');
	await vault.simulator.addStagedFile('/inbox/notes.txt', 'reviewer notes');
	const rendition = await runVaultNode(vault.credentials, {
		parameters: load('document_renditions__v', { id: String(label.id), file: '/inbox/label-viewable.pdf', rendition_type__v: 'viewable_rendition__v' }),
	});
	expect(rendition.items.map((item) => [item.json.loaded, item.json.id])).toEqual([[true, String(label.id)]]);
	const attachment = await runVaultNode(vault.credentials, {
		parameters: load('document_attachments__v', { external_id__v: 'LBL-1', file: '/inbox/notes.txt' }),
	});
	expect(attachment.items.map((item) => item.json.loaded)).toEqual([true]);

	const extract = await runVaultNode(vault.credentials, {
		parameters: { resource: 'loader', operation: 'extract', objectType: 'documents__v', fields: ['id', 'name__v'], includeRenditions: true },
	});
	expect(extract.items).toHaveLength(1);
	expect(extract.items[0].json.renditions).toEqual([expect.objectContaining({ rendition_type__v: 'viewable_rendition__v', file: expect.stringMatching(/^\//) })]);
});

test('Documents: update by external ID, then delete by ID', async () => {
	const label = await createLabel();
	const update = await runVaultNode(vault.credentials, {
		parameters: load('documents__v', { external_id__v: 'LBL-1', title__v: 'Label, approved text' }, { loadAction: 'update', keyField: 'external_id__v' }),
	});
	expect(update.items.map((item) => [item.json.loaded, item.json.id])).toEqual([[true, String(label.id)]]);
	expect(documentNamed('Label')?.title__v).toBe('Label, approved text');

	const remove = await runVaultNode(vault.credentials, {
		parameters: load('documents__v', { id: String(label.id) }, { loadAction: 'delete', keyField: 'id' }),
	});
	expect(remove.items.map((item) => item.json.loaded)).toEqual([true]);
	expect(documentNamed('Label')).toBeUndefined();
});
