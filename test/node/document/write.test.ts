/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: runs in jest, never inside n8n. */
// Document → Create (from an input binary streamed as multipart, from a staged file, a
// placeholder), Update and Delete through n8n's engine against the simulator; bad input refused
// before anything is sent, naming the field and the allowed values; the editor's lists.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import { fileItem } from '../../harness/binary';
import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { ADMIN, simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const promo = { documentType: 'Promotional Material', subtype: 'Advertisement', classification: 'Web', lifecycle: 'Promotional Lifecycle' };
const mapped = (value: Record<string, unknown>) => ({ mappingMode: 'defineBelow', value });
const create = (parameters: Record<string, unknown>) => ({ resource: 'document', operation: 'create', ...parameters });
const writes = () => vault.simulator.count('createDocument') + vault.simulator.count('createDocuments') + vault.simulator.count('updateDocument');

test('Create from input binaries: one document per item, the file streamed in a multipart body, type, subtype, classification, lifecycle and mapped fields set', async () => {
	const files = [randomBytes(2 * 1024 * 1024 + 7), randomBytes(1000)];
	const result = await runVaultNode(vault.credentials, {
		parameters: create({ ...promo, fields: mapped({ name__v: '={{ $json.fileName }}', audience__c: 'hcp__c', expiration_date__c: '2027-03-31T00:00:00.000Z' }) }),
		inputItems: [await fileItem(files[0], 'banner.pptx'), await fileItem(files[1], 'flyer.pdf')],
	});
	expect(result.error).toBeUndefined();
	// Items run in parallel: the small file may be created first. Output stays in input order.
	const [first, second] = result.items.map((item) => item.json);
	expect(first).toEqual({
		id: first.id,
		name__v: 'banner.pptx',
		audience__c: 'hcp__c',
		expiration_date__c: '2027-03-31',
		type__v: 'Promotional Material',
		subtype__v: 'Advertisement',
		classification__v: 'Web',
		lifecycle__v: 'Promotional Lifecycle',
	});
	expect(second).toMatchObject({ name__v: 'flyer.pdf' });
	expect(vault.simulator.documents.find((document) => document.id === first.id)).toMatchObject({ status__v: 'Draft', classification__v: 'Web', expiration_date__c: '2027-03-31' });
	for (const [index, data] of files.entries()) {
		const source = vault.simulator.documentFiles.get(Number([first, second][index].id))!.source!;
		expect([source.name, md5(await readFile(source.path))]).toEqual([index ? 'flyer.pdf' : 'banner.pptx', md5(data)]);
	}
	// The type list and the type's metadata are read once for the run, not once per item.
	expect([vault.simulator.count('documentTypes'), vault.simulator.count('documentType'), vault.simulator.count('createDocument')]).toEqual([1, 1, 2]);
});

test('Create from a binary larger than what is read whole: streamed from n8n\'s binary store, its read chunks freed behind the request, every byte arrives', async () => {
	const data = randomBytes(40 * 1024 * 1024 + 5);
	const result = await runVaultNode(vault.credentials, {
		parameters: create({ documentType: 'General', lifecycle: 'General Lifecycle', fields: mapped({ name__v: 'Large' }) }),
		inputItems: [await fileItem(data, 'large.bin')],
	});
	expect(result.error).toBeUndefined();
	const source = vault.simulator.documentFiles.get(Number(result.items[0].json.id))!.source!;
	const stored = await readFile(source.path);
	expect([stored.length, md5(stored)]).toEqual([data.length, md5(data)]);
});

test('Create from a File Staging path, and a placeholder; Vault\'s refusal of a staged file is the item\'s error', async () => {
	await vault.simulator.addStagedFile(`/u${ADMIN.id}/inbox/memo.txt`, 'staged memo');
	const general = { documentType: 'General', lifecycle: 'General Lifecycle' };
	const staged = await runVaultNode(vault.credentials, { parameters: create({ ...general, source: 'staging', stagingPath: `/u${ADMIN.id}/inbox/memo.txt`, fields: mapped({ name__v: 'Memo' }) }) });
	expect(staged.error).toBeUndefined();
	expect(await readFile(vault.simulator.documentFiles.get(Number(staged.items[0].json.id))!.source!.path, 'utf8')).toBe('staged memo');
	const placeholder = await runVaultNode(vault.credentials, { parameters: create({ ...general, source: 'placeholder', fields: mapped({ name__v: 'Later' }) }) });
	expect(placeholder.items[0].json).toMatchObject({ id: 102, name__v: 'Later' });
	expect(vault.simulator.documentFiles.get(102)?.source).toBeUndefined();
	const missing = await runVaultNode(vault.credentials, { parameters: create({ ...general, source: 'staging', stagingPath: '/inbox/gone.txt', fields: mapped({ name__v: 'Gone' }) }), onError: 'continueRegularOutput' });
	expect(missing.items[0].json.error).toBe('Vault refused the document: INVALID_DATA: File not found on file staging [/inbox/gone.txt]');
	expect(vault.simulator.documents).toHaveLength(2);
});

test.each([
	[{ ...promo, documentType: 'Poster' }, 'Document Type → "Poster" is not a document type of this Vault', 'Allowed values: General, Labeling, Promotional Material.'],
	[{ ...promo, lifecycle: 'Fast Track' }, 'Lifecycle → "Fast Track" is not a lifecycle documents of type Promotional Material take', 'Allowed values: Promotional Lifecycle, General Lifecycle.'],
	[{ ...promo, subtype: 'Poster' }, 'Subtype → "Poster" is not a subtype of Promotional Material', 'Allowed values: Advertisement, Brochure.'],
	[{ ...promo, classification: 'Radio' }, 'Classification → "Radio" is not a classification of Advertisement', 'Allowed values: Print, Web.'],
	[{ ...promo, subtype: '' }, 'Classification is set without a Subtype', 'Choose the Subtype'],
	[{ ...promo, fields: mapped({ name__v: 'x', audience__c: 'hcp__c', colour__c: 'red' }) }, 'Fields → "colour__c" is not a field of documents of type Promotional Material', 'audience__c'],
	[{ ...promo, fields: mapped({ name__v: 'x' }) }, 'Fields → "audience__c" is empty; Vault needs it to create a document of type Promotional Material', 'Map a value'],
	[{ ...promo, fields: mapped({ name__v: 'x', audience__c: 'hcp__c' }), binaryPropertyName: 'file' }, 'Item 0 has no binary property "file"', 'data'],
])('bad input %j: refused before any write, naming the field and what it takes', async (parameters, message, description) => {
	const result = await runVaultNode(vault.credentials, { parameters: create({ fields: mapped({ name__v: 'x', audience__c: 'hcp__c' }), ...parameters }), inputItems: [await fileItem(Buffer.from('a'), 'a.txt')] });
	expect(result.error?.message).toBe(message);
	expect(result.error?.description).toContain(description);
	expect(result.error?.context?.itemIndex).toBe(0);
	expect(writes()).toBe(0);
});

test('Update: mapped fields checked against the document\'s type; Delete: the document goes, {deleted, id}; an unknown document says so', async () => {
	const document = vault.simulator.addDocument({ name__v: 'Banner', type__v: 'Promotional Material', lifecycle__v: 'Promotional Lifecycle', audience__c: 'hcp__c' });
	const id = { mode: 'id', value: String(document.id) };
	const updated = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'update', documentId: id, fields: mapped({ title__v: 'Banner 2027', expiration_date__c: '2027-12-31' }) } });
	expect(updated.items[0].json).toEqual({ id: 101, title__v: 'Banner 2027', expiration_date__c: '2027-12-31' });
	expect(vault.simulator.documents[0]).toMatchObject({ title__v: 'Banner 2027', expiration_date__c: '2027-12-31' });
	const wrongField = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'update', documentId: id, fields: mapped({ market__c: 'US' }) } });
	expect(wrongField.error?.message).toBe('Fields → "market__c" is not a field of documents of type Promotional Material');
	const nothing = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'update', documentId: id, fields: mapped({}) } });
	expect(nothing.error?.message).toBe('Fields is empty: there is nothing to update');
	expect(vault.simulator.count('updateDocument')).toBe(1);
	const deleted = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'delete', documentId: id } });
	expect(deleted.items[0].json).toEqual({ deleted: true, id: 101 });
	expect(vault.simulator.documents).toEqual([]);
	const again = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'delete', documentId: id } });
	expect(again.error?.message).toContain('Invalid document id [101]: no such document');
});

test('the editor: Fields of a type (its own, required marked, picklists as drop-downs); subtypes, classifications and lifecycles of the chosen type', async () => {
	const fields = (await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getDocumentFields', { resource: 'document', operation: 'create', documentType: 'Promotional Material' })).fields;
	expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual(['name__v', 'audience__c']);
	expect(fields.map((field) => field.id)).not.toContain('type__v');
	expect(fields.find((field) => field.id === 'audience__c')?.options?.map((option) => option.value)).toEqual(['hcp__c', 'patient__c']);
	const list = async (method: string, parameters: Record<string, unknown>) =>
		(await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', method, { resource: 'document', operation: 'create', ...parameters })).map((option) => option.value);
	expect(await list('getDocumentSubtypes', { documentType: 'Promotional Material' })).toEqual(['Advertisement', 'Brochure']);
	expect(await list('getDocumentClassifications', { documentType: 'Promotional Material', subtype: 'Advertisement' })).toEqual(['Print', 'Web']);
	expect(await list('getDocumentLifecycles', { documentType: 'Labeling' })).toEqual(['General Lifecycle']);
	const document = vault.simulator.addDocument({ name__v: 'Label', type__v: 'Labeling', lifecycle__v: 'General Lifecycle' });
	const updateFields = (await runEditorMethod<ResourceMapperFields>(vault.credentials, 'resourceMapping', 'getDocumentFields', { resource: 'document', operation: 'update', documentId: { mode: 'id', value: String(document.id) } })).fields;
	expect(updateFields.map((field) => field.id)).toContain('market__c');
	expect(updateFields.filter((field) => field.required)).toEqual([]);
});
