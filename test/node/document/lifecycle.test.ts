// Document → Create Version and Lifecycle Action through n8n's engine against the simulator: new
// drafts from a file or the latest content; the actions the state allows (the editor's list), an
// action refused with the allowed ones named, entry requirements named before anything runs.
import type { INodePropertyOptions } from 'n8n-workflow';

import { fileItem } from '../../harness/binary';
import { runEditorMethod, runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const general = (fields: Record<string, string> = {}) => vault.simulator.addDocument({ name__v: 'Memo', type__v: 'General', lifecycle__v: 'General Lifecycle', ...fields });
const byId = (id: unknown) => ({ mode: 'id', value: String(id) });
const action = (id: unknown, name: string) => ({ resource: 'document', operation: 'lifecycleAction', documentId: byId(id), action: name });

test('Create Version: a new draft from the input file, then one from the latest content; each item its document\'s new version', async () => {
	const document = general();
	vault.simulator.documentFilesOf(Number(document.id)).source = await vault.simulator.storeContent('one', 'memo.txt');
	const fromFile = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'createVersion', documentId: byId(document.id) }, inputItems: [await fileItem(Buffer.from('two'), 'memo-2.txt')] });
	expect(fromFile.items[0].json).toEqual({ id: 101, version: '0.2', major_version_number__v: 0, minor_version_number__v: 2 });
	const latest = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'createVersion', documentId: byId(document.id), content: 'latest' } });
	expect(latest.items[0].json.version).toBe('0.3');
	expect(vault.simulator.documentVersions.get(101)?.map((version) => version.files.source?.name)).toEqual(['memo.txt', 'memo-2.txt']);
	const download = await runVaultNode(vault.credentials, { parameters: { resource: 'document', operation: 'download', documentId: byId(document.id), options: { version: '0.1' } } });
	expect(download.items[0].json).toMatchObject({ name: 'memo.txt', size: 3 });
});

test('Lifecycle Action: the editor lists the state\'s actions; unmet entry requirements are named before anything runs; then the action runs and reports the new state', async () => {
	const document = general();
	const listed = await runEditorMethod<INodePropertyOptions[]>(vault.credentials, 'loadOptions', 'getDocumentLifecycleActions', { resource: 'document', operation: 'lifecycleAction', documentId: byId(document.id) });
	expect(listed).toEqual([{ name: 'Submit for Review', value: 'submit_for_review__c' }]);
	const unmet = await runVaultNode(vault.credentials, { parameters: action(document.id, 'Submit for Review') });
	expect(unmet.error?.message).toBe('Document 101 cannot go through "Submit for Review" yet: Title (title__v) must have a value');
	expect(unmet.error?.description).toBe('Fill it first (Document → Update, Fields: title__v), then run the action again.');
	expect(vault.simulator.count('runDocumentAction')).toBe(0);
	vault.simulator.documents[0].title__v = 'Memo';
	const submitted = await runVaultNode(vault.credentials, { parameters: action(document.id, 'submit_for_review__c') });
	expect(submitted.items[0].json).toEqual({ id: 101, action: 'submit_for_review__c', action_label: 'Submit for Review', previous_state: 'Draft', status__v: 'In Review', version: '0.1' });
	const approved = await runVaultNode(vault.credentials, { parameters: action(document.id, 'approve__c') });
	expect(approved.items[0].json).toMatchObject({ status__v: 'Approved', version: '1.0' });
});

test('Lifecycle Action: an action the state does not allow names the allowed ones; Continue on Fail gives each item its own result', async () => {
	const ready = general({ title__v: 'Ready' });
	const other = general({ title__v: 'Other' });
	const result = await runVaultNode(vault.credentials, {
		parameters: { ...action(0, ''), documentId: { mode: 'id', value: '={{ $json.id }}' }, action: '={{ $json.action }}' },
		inputItems: [{ json: { id: ready.id, action: 'Approve' } }, { json: { id: other.id, action: 'Submit for Review' } }],
		onError: 'continueRegularOutput',
	});
	expect(result.items.map((item) => item.json.error ?? item.json.status__v)).toEqual(['Action → "Approve" is not an action document 101 allows in its state "Draft"', 'In Review']);
	expect(result.items[0].json.description).toBe('Allowed values: Submit for Review.');
});
