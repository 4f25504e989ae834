// The simulator's document endpoints over HTTP: type metadata, create (multipart, a placeholder, a
// batch from File Staging), read a version's fields, source file and renditions (with Range),
// update, delete, new drafts and lifecycle actions with entry requirements.
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { ADMIN_TOKEN, startSimulator } from '../harness/vault';

let simulator: VaultSimulator;
beforeEach(async () => {
	simulator = await startSimulator({ seed: false, documentFileMaxBytes: 1024 * 1024 });
});
afterEach(async () => {
	await simulator.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vault's JSON answers, read freely in assertions
type Body = Record<string, any>;
const url = (path: string) => `${simulator.baseUrl}/api/v25.2${path}`;

async function call(method: string, path: string, body?: RequestInit['body'], headers: Record<string, string> = {}): Promise<Body> {
	const response = await fetch(url(path), { method, headers: { Authorization: ADMIN_TOKEN, ...headers }, body });
	expect(response.status).toBe(200);
	return (await response.json()) as Body;
}

function form(fields: Record<string, string>, file?: { name: string; content: Buffer | string }): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	if (file) data.append('file', new Blob([file.content]), file.name);
	return data;
}

const promo = { name__v: 'Cholecap banner', type__v: 'Promotional Material', subtype__v: 'Advertisement', classification__v: 'Web', lifecycle__v: 'Promotional Lifecycle', audience__c: 'hcp__c' };
const general = { name__v: 'Memo', type__v: 'General', lifecycle__v: 'General Lifecycle' };

test('type metadata: the types, a type\'s properties (its own required ones too), lifecycles and subtypes, a subtype\'s classifications', async () => {
	const types = await call('GET', '/metadata/objects/documents/types');
	expect(types.types.map((type: Body) => type.label)).toEqual(['General', 'Labeling', 'Promotional Material']);
	const type = await call('GET', new URL(types.types[2].value, simulator.baseUrl).pathname.replace('/api/v25.2', ''));
	expect(type).toMatchObject({ name: 'promotional_material__c', availableLifecycles: [{ label: 'Promotional Lifecycle' }, { label: 'General Lifecycle' }] });
	expect(type.properties.filter((property: Body) => property.required).map((property: Body) => property.name)).toEqual(['name__v', 'type__v', 'lifecycle__v', 'audience__c']);
	expect(type.subtypes.map((subtype: Body) => subtype.label)).toEqual(['Advertisement', 'Brochure']);
	const subtype = await call('GET', '/metadata/objects/documents/types/promotional_material__c/subtypes/advertisement__c');
	expect(subtype.classifications.map((classification: Body) => classification.label)).toEqual(['Print', 'Web']);
	expect(await call('GET', '/metadata/objects/documents/types/nothing__c')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
});

test('create from a multipart file: version 0.1 in the lifecycle\'s first state; its fields, source (whole and by Range) and viewable rendition', async () => {
	const content = Buffer.from('x'.repeat(70_000) + 'end');
	const created = await call('POST', '/objects/documents', form(promo, { name: 'banner.pptx', content }));
	expect(created).toMatchObject({ responseStatus: 'SUCCESS', responseMessage: 'successfully created document', id: 101 });
	const read = await call('GET', '/objects/documents/101');
	expect(read.document).toMatchObject({ ...promo, id: 101, status__v: 'Draft', major_version_number__v: 0, minor_version_number__v: 1 });
	expect(read.versions).toEqual([{ number: '0.1', value: '/api/v25.2/objects/documents/101/versions/0/1' }]);
	expect(Object.keys(read.renditions)).toEqual(['viewable_rendition__v']);
	const file = await fetch(url('/objects/documents/101/file'), { headers: { Authorization: ADMIN_TOKEN } });
	expect(file.headers.get('content-disposition')).toBe('attachment;filename="banner.pptx"');
	expect(Buffer.from(await file.arrayBuffer()).equals(content)).toBe(true);
	const tail = await fetch(url('/objects/documents/101/versions/0/1/file'), { headers: { Authorization: ADMIN_TOKEN, Range: 'bytes=70000-' } });
	expect([tail.status, tail.headers.get('content-range'), await tail.text()]).toEqual([206, `bytes 70000-70002/${content.length}`, 'end']);
	const rendition = await fetch(url('/objects/documents/101/renditions/viewable_rendition__v'), { headers: { Authorization: ADMIN_TOKEN } });
	expect(rendition.headers.get('content-disposition')).toBe('attachment;filename="banner.pdf"');
	expect(await call('GET', '/objects/documents/101/renditions/imported_rendition__c')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
});

test('create refuses bad fields whole, with Vault\'s error type, and keeps nothing; a placeholder has no file; a file over the limit is refused', async () => {
	const refused = async (fields: Record<string, string>) => ((await call('POST', '/objects/documents', form(fields, { name: 'a.txt', content: 'a' }))).errors as Body[])[0];
	expect(await refused({ ...promo, type__v: 'Poster' })).toEqual({ type: 'INVALID_DATA', message: expect.stringContaining('Invalid value [Poster] for picklist field [type__v]') });
	expect((await refused({ ...promo, subtype__v: 'Leaflet' })).message).toContain('has the subtypes [Advertisement, Brochure]');
	expect((await refused({ ...promo, classification__v: 'Radio' })).message).toContain('has the classifications [Print, Web]');
	expect((await refused({ ...general, type__v: 'Labeling', lifecycle__v: 'Promotional Lifecycle' })).message).toContain('takes the lifecycles [General Lifecycle]');
	expect(await refused({ ...promo, audience__c: '' })).toEqual({ type: 'PARAMETER_REQUIRED', message: 'Missing required field [audience__c]' });
	expect((await refused({ ...general, audience__c: 'hcp__c' })).message).toBe('Unknown field [audience__c] for documents');
	expect(simulator.documents).toEqual([]);
	const placeholder = await call('POST', '/objects/documents', form(general));
	expect(await call('GET', `/objects/documents/${placeholder.id}/file`)).toMatchObject({ responseStatus: 'FAILURE', errors: [{ message: expect.stringContaining('no source file') }] });
	const tooBig = await call('POST', '/objects/documents', form(general, { name: 'big.bin', content: Buffer.alloc(1024 * 1024 + 1) }));
	expect(tooBig.errors[0].type).toBe('EXCEEDS_FILE_MAX_SIZE');
	expect(simulator.documents).toHaveLength(1);
});

test('batch create from File Staging: one result per row, in order; a missing staged file fails its row', async () => {
	await simulator.addStagedFile('/u10001400/inbox/leaflet.pdf', 'leaflet');
	const csv = 'name__v,type__v,lifecycle__v,file\nLeaflet,General,General Lifecycle,/u10001400/inbox/leaflet.pdf\nGone,General,General Lifecycle,/u10001400/inbox/gone.pdf\n';
	const answer = await call('POST', '/objects/documents/batch', csv, { 'Content-Type': 'text/csv' });
	expect(answer.data).toEqual([
		{ responseStatus: 'SUCCESS', id: 101 },
		{ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'File not found on file staging [/u10001400/inbox/gone.pdf]' }] },
	]);
	expect(await (await fetch(url('/objects/documents/101/file'), { headers: { Authorization: ADMIN_TOKEN } })).text()).toBe('leaflet');
});

test('update, delete, and an unknown document id', async () => {
	await call('POST', '/objects/documents', form(promo));
	const body = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
	const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };
	expect(await call('PUT', '/objects/documents/101', body({ title__v: 'Banner', expiration_date__c: '2027-01-31' }), formType)).toEqual({ responseStatus: 'SUCCESS', id: 101 });
	expect(simulator.documents[0]).toMatchObject({ title__v: 'Banner', expiration_date__c: '2027-01-31' });
	expect((await call('PUT', '/objects/documents/101', body({ expiration_date__c: 'soon' }), formType)).errors[0].message).toBe('Invalid value [soon] for date field [expiration_date__c]; expected YYYY-MM-DD');
	expect((await call('PUT', '/objects/documents/101', body({ lifecycle__v: 'General Lifecycle' }), formType)).errors[0].message).toBe('Field [lifecycle__v] cannot be changed by an update');
	expect(await call('GET', '/objects/documents/999')).toEqual({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'Invalid document id [999]: no such document' }] });
	expect(await call('DELETE', '/objects/documents/101')).toEqual({ responseStatus: 'SUCCESS', id: 101 });
	expect(simulator.documents).toEqual([]);
});

test('new drafts: from an uploaded file or the latest content; earlier versions keep their fields and files', async () => {
	await call('POST', '/objects/documents', form(general, { name: 'memo-v1.txt', content: 'one' }));
	const draft = await call('POST', '/objects/documents/101', form({ createDraft: 'uploadedContent' }, { name: 'memo-v2.txt', content: 'two' }));
	expect(draft).toEqual({ responseStatus: 'SUCCESS', responseMessage: 'New draft successfully created', major_version_number__v: 0, minor_version_number__v: 2 });
	await call('POST', '/objects/documents/101', form({ createDraft: 'latestContent' }));
	const versions = (await call('GET', '/objects/documents/101/versions')).versions.map((version: Body) => version.number);
	expect(versions).toEqual(['0.1', '0.2', '0.3']);
	const text = async (path: string) => await (await fetch(url(path), { headers: { Authorization: ADMIN_TOKEN } })).text();
	expect([await text('/objects/documents/101/versions/0/1/file'), await text('/objects/documents/101/versions/0/2/file'), await text('/objects/documents/101/file')]).toEqual(['one', 'two', 'two']);
	expect((await call('GET', '/objects/documents/101/versions/0/1')).document.minor_version_number__v).toBe(1);
	expect((await call('POST', '/objects/documents/101', form({ createDraft: 'uploadedContent' }))).errors[0].type).toBe('PARAMETER_REQUIRED');
	expect((await call('GET', '/objects/documents/101/versions/0/9')).errors[0].message).toBe('Invalid version [0.9] of document [101]');
});

test('lifecycle actions: the state\'s actions, entry requirements with their current values, unmet ones refused; the steady state is a major version', async () => {
	await call('POST', '/objects/documents', form(general, { name: 'memo.txt', content: 'memo' }));
	const actions = await call('GET', '/objects/documents/101/versions/0/1/lifecycle_actions');
	expect(actions.lifecycle_actions__v).toEqual([
		expect.objectContaining({ name__v: 'submit_for_review__c', label__v: 'Submit for Review', state__v: 'Draft', entry_requirements__v: '/api/v25.2/objects/documents/101/versions/0/1/lifecycle_actions/submit_for_review__c/entry_requirements' }),
	]);
	const requirements = await call('GET', '/objects/documents/101/versions/0/1/lifecycle_actions/submit_for_review__c/entry_requirements');
	expect(requirements.data).toEqual([expect.objectContaining({ name__v: 'title__v', description__v: 'Title', required__v: true, current_value__v: null })]);
	const unmet = await call('PUT', '/objects/documents/101/versions/0/1/lifecycle_actions/submit_for_review__c');
	expect(unmet.errors).toEqual([{ type: 'INVALID_DATA', message: 'Entry criteria not met for [Submit for Review]: [title__v] must have a value' }]);
	await call('PUT', '/objects/documents/101', new URLSearchParams({ title__v: 'Memo' }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
	expect(await call('PUT', '/objects/documents/101/versions/0/1/lifecycle_actions/submit_for_review__c')).toEqual({ responseStatus: 'SUCCESS', id: 101 });
	expect((await call('PUT', '/objects/documents/101/versions/0/1/lifecycle_actions/submit_for_review__c')).errors[0].message).toContain('Invalid lifecycle action [submit_for_review__c]');
	await call('PUT', '/objects/documents/101/versions/0/1/lifecycle_actions/approve__c');
	expect(simulator.documents[0]).toMatchObject({ status__v: 'Approved', major_version_number__v: 1, minor_version_number__v: 0 });
	expect(Object.keys((await call('GET', '/objects/documents/101')).renditions)).toEqual(['viewable_rendition__v']);
	expect((await call('GET', '/objects/documents/101/versions/0/1/lifecycle_actions')).lifecycle_actions__v).toEqual([]);
});
