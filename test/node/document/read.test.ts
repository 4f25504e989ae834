// Document → Get, Get Many and Download File through n8n's engine against the simulator; the
// document picker (From List) and the type list of the editor.
import { createHash, randomBytes } from 'node:crypto';

import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import type { SimRecord } from '../../../simulator/model.ts';
import { binaryContent } from '../../harness/binary';
import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const MiB = 1024 * 1024;
const vault = simulatorPerTest({ seed: false });
const byId = (id: unknown) => ({ mode: 'id', value: String(id) });
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

/** A document with a source file and, when given, a viewable rendition. */
async function documentWith(fields: SimRecord, source?: { name: string; content: Buffer | string }, rendition?: string): Promise<SimRecord> {
	const document = vault.simulator.addDocument({ type__v: 'General', lifecycle__v: 'General Lifecycle', ...fields });
	const files = vault.simulator.documentFilesOf(Number(document.id));
	if (source) files.source = await vault.simulator.storeContent(source.content, source.name);
	if (rendition) files.renditions.set('viewable_rendition__v', await vault.simulator.storeContent(rendition, 'viewable.pdf'));
	return document;
}

test('Get: the latest version\'s fields per item, or a given version\'s; an unknown ID names the Document field', async () => {
	const first = await documentWith({ name__v: 'Memo', title__v: 'Memo v2', minor_version_number__v: 2 });
	vault.simulator.documentVersions.set(Number(first.id), [{ fields: { ...first, title__v: 'Memo v1', minor_version_number__v: 1 }, files: { renditions: new Map(), attachments: [] } }]);
	const second = await documentWith({ name__v: 'Leaflet' });
	const result = await runVaultNode(vault.credentials, {
		parameters: { resource: 'document', operation: 'get', documentId: { mode: 'id', value: '={{ $json.id }}' } },
		inputItems: [{ json: { id: second.id } }, { json: { id: first.id } }],
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.id, item.json.name__v, (item.pairedItem as { item: number }).item])).toEqual([
		[second.id, 'Leaflet', 0],
		[first.id, 'Memo', 1],
	]);
	const earlier = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'get', documentId: byId(first.id), options: { version: '0.1' } } });
	expect(earlier.items[0].json).toMatchObject({ title__v: 'Memo v1', minor_version_number__v: 1 });
	const missing = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'get', documentId: byId(999) } });
	expect(missing.error?.message).toContain('Invalid document id [999]');
	expect(missing.error?.description).toContain('Check Document');
	const notAnId = await runVaultNode(vault.credentials, {
		parameters: { resource: 'document', operation: 'get', documentId: { mode: 'id', value: '={{ $json.id }}' } },
		inputItems: [{ json: { id: first.id } }, { json: { id: 'abc' } }],
	});
	expect(notAnId.error?.message).toBe('Document → "abc" is not a document ID');
	expect(notAnId.error?.context?.itemIndex).toBe(1);
	const badVersion = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'get', documentId: byId(first.id), options: { version: 'latest' } } });
	expect(badVersion.error?.message).toBe('Version → "latest" is not a version number');
});

test('Get Many: filters become VQL (type, state, modified since, name or number contains), plus a raw WHERE; Return All pages; a Limit reads one page', async () => {
	for (let index = 0; index < 1005; index++) vault.simulator.addDocument({ name__v: `Bulk ${index}`, type__v: 'Labeling', status__v: 'Draft' });
	await documentWith({ name__v: 'Cholecap leaflet', status__v: 'Approved', createdAgoMs: 9 * 24 * 3600 * 1000 });
	await documentWith({ name__v: 'Cholecap banner', status__v: 'Approved' });
	await documentWith({ name__v: 'Cholecap draft', status__v: 'Draft' });
	const cholecapNumber = (await documentWith({ name__v: 'Other', status__v: 'Approved' })).document_number__v;
	const all = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'getAll', returnAll: true } });
	expect(all.items).toHaveLength(1009);
	expect(vault.simulator.count('queryPage')).toBe(1);
	const queries = () => vault.simulator.count('query');
	const before = queries();
	const limited = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'getAll', limit: 3 } });
	expect([limited.items.length, queries() - before]).toEqual([3, 1]);
	const since = new Date(vault.simulator.now() - 24 * 3600 * 1000).toISOString();
	const filtered = await runVaultNode(vault.credentials, {
		parameters: {
			resource: 'document',
			operation: 'getAll',
			returnAll: true,
			filters: { documentType: 'General', lifecycleState: 'Approved', modifiedSince: since },
			where: `name__v LIKE 'Cholecap%' OR document_number__v = '${String(cholecapNumber)}'`,
			options: { fields: ['id', 'name__v'] },
		},
	});
	expect(filtered.error).toBeUndefined();
	expect(filtered.items.map((item) => item.json)).toEqual([expect.objectContaining({ name__v: 'Cholecap banner' }), expect.objectContaining({ name__v: 'Other' })]);
	expect(Object.keys(filtered.items[0].json)).toEqual(['id', 'name__v']);
	const contains = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'getAll', returnAll: true, filters: { nameOrNumberContains: "cap's" } } });
	expect(contains.error).toBeUndefined();
	expect(contains.items).toEqual([]);
	const byNumber = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'getAll', filters: { nameOrNumberContains: String(cholecapNumber).slice(-4) } } });
	expect(byNumber.items.map((item) => item.json.name__v)).toEqual(['Other']);
	const unknownType = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'getAll', filters: { documentType: 'Poster' } } });
	expect(unknownType.error?.message).toBe('Filters → Document Type → "Poster" is not a document type of this Vault');
	expect(unknownType.error?.description).toBe('Allowed values: General, Labeling, Promotional Material.');
});

test('Download File: the source file or the viewable rendition, of the latest or a given version, named from Vault, resumed with Range where it drops', async () => {
	const data = randomBytes(3 * MiB + 11);
	const document = await documentWith({ name__v: 'Scan' }, { name: 'scan.docx', content: data }, '%PDF viewable');
	vault.simulator.documentVersions.set(Number(document.id), [{ fields: { ...document, minor_version_number__v: 0 }, files: { source: await vault.simulator.storeContent('old', 'scan-old.docx'), renditions: new Map(), attachments: [] } }]);
	vault.simulator.injectFault({ kind: 'cutBody', path: '/objects/documents/', bytes: MiB + 3 });
	const source = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id) } });
	expect(source.error).toBeUndefined();
	expect(source.items[0].json).toEqual({ id: document.id, version: 'latest', file: 'source', name: 'scan.docx', size: data.length, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
	expect(md5(await binaryContent(source.items[0].binary!.data))).toBe(md5(data));
	expect(vault.simulator.count('downloadDocumentFile')).toBe(2);
	const rendition = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id), file: 'rendition', binaryPropertyName: 'pdf' } });
	expect(rendition.items[0].json).toMatchObject({ file: 'viewable_rendition__v', name: 'viewable.pdf', mimeType: 'application/pdf' });
	expect((await binaryContent(rendition.items[0].binary!.pdf)).toString()).toBe('%PDF viewable');
	const earlier = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id), options: { version: '0.0' } } });
	expect(earlier.items[0].json).toMatchObject({ version: '0.0', name: 'scan-old.docx', size: 3 });
	const placeholder = await documentWith({ name__v: 'Placeholder' });
	const none = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(placeholder.id) } });
	expect(none.error?.message).toContain('has no source file');
	expect(none.error?.description).toContain('placeholder');
});

test('Download File refuses an empty Put Output File in Field or Rendition Type before anything is downloaded', async () => {
	const document = await documentWith({ name__v: 'Scan' }, { name: 'scan.pdf', content: 'x' }, '%PDF viewable');
	const noField = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id), binaryPropertyName: ' ' } });
	const noRendition = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id), file: 'rendition', renditionType: ' ' } });
	expect([noField.error?.message, noRendition.error?.message]).toEqual([expect.stringContaining('Put Output File in Field is empty'), expect.stringContaining('Rendition Type is empty')]);
	expect(vault.simulator.count('downloadDocumentFile')).toBe(0);
});

test('the editor: From List finds documents by name or number; the document types come from the Vault', async () => {
	await documentWith({ name__v: 'Cholecap leaflet' });
	const other = await documentWith({ name__v: 'Memo' });
	const found = await runEditorMethod<INodeListSearchResult>(vault.credentials, 'listSearch', 'searchDocuments', {}, 'chole');
	expect(found.results.map((entry) => entry.name)).toEqual(['VV-000101 · Cholecap leaflet (0.1)']);
	const byNumber = await runEditorMethod<INodeListSearchResult>(vault.credentials, 'listSearch', 'searchDocuments', {}, String(other.document_number__v));
	expect(byNumber.results.map((entry) => entry.value)).toEqual([String(other.id)]);
	const types = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getDocumentTypes');
	expect(types.map((type) => type.value)).toEqual(['General', 'Labeling', 'Promotional Material']);
});
