/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test: runs in jest, never inside n8n. */
// The simulator's metadata endpoints, Vault Loader (load, extract, logs) and VQL over object
// records, over HTTP, as loader-spec.md describes them.
import { rm } from 'node:fs/promises';

import { csvObjects, parseCsv } from '../../nodes/VeevaVault/rules/csv';
import { defaultApiTokens } from '../../simulator/seed.ts';
import type { VaultSimulator } from '../../simulator/vault-simulator.ts';
import { ADMIN, ADMIN_TOKEN, UPLOADER, startSimulator } from '../harness/vault';

const UPLOADER_TOKEN = Object.keys(defaultApiTokens).find((token) => defaultApiTokens[token] === UPLOADER.id)!;

let simulator: VaultSimulator;
afterEach(async () => {
	await simulator.stop();
});

type Body = Record<string, unknown>;

/** The entries of a list in an answer, by name. */
function byName(list: unknown): Record<string, Body> {
	return Object.fromEntries((list as Body[]).map((entry) => [String(entry.name), entry]));
}

async function get(path: string, token = ADMIN_TOKEN): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2${path}`, { headers: { Authorization: token } });
	return (await response.json()) as Body;
}

async function vql(q: string, token = ADMIN_TOKEN): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2/query`, { method: 'POST', headers: { Authorization: token }, body: new URLSearchParams({ q }) });
	return (await response.json()) as Body;
}

describe('metadata', () => {
	test('lists the objects and describes each with its fields; an unknown object answers INVALID_DATA', async () => {
		simulator = await startSimulator();
		const list = await get('/metadata/vobjects');
		expect(list).toMatchObject({ responseStatus: 'SUCCESS' });
		expect(Object.keys(byName(list.objects))).toEqual(['product__v', 'country__v', 'account__v', 'study__v']);
		expect(byName(list.objects).product__v).toEqual({ name: 'product__v', label: 'Product', label_plural: 'Products', url: '/api/v25.2/metadata/vobjects/product__v', status: ['active__v'] });

		const product = (await get('/metadata/vobjects/product__v')).object as Body;
		expect(product).toMatchObject({ name: 'product__v', label: 'Product', label_plural: 'Products' });
		const fields = byName(product.fields);
		expect(Object.keys(fields)).toEqual([
			'id',
			'name__v',
			'external_id__v',
			'generic_name__vs',
			'therapeutic_area__vs',
			'launch_date__vs',
			'active__vs',
			'created_date__v',
			'modified_date__v',
			'lifecycle__v',
			'state__v',
		]);
		expect(fields.id).toMatchObject({ type: 'ID', editable: false, system_managed: true });
		expect(fields.name__v).toMatchObject({ type: 'String', required: true, max_length: 128 });
		expect(fields.external_id__v).toMatchObject({ unique: true });
		expect(fields.therapeutic_area__vs).toMatchObject({
			type: 'Picklist',
			picklist: 'therapeutic_area__vs',
			picklist_values: [
				{ name: 'cardiology__vs', label: 'Cardiology' },
				{ name: 'oncology__vs', label: 'Oncology' },
				{ name: 'neurology__vs', label: 'Neurology' },
			],
		});
		expect(fields.launch_date__vs).toMatchObject({ type: 'Date' });
		expect(fields.active__vs).toMatchObject({ type: 'Boolean' });
		expect(fields.modified_date__v).toMatchObject({ type: 'DateTime', editable: false, system_managed: true });

		const study = (await get('/metadata/vobjects/study__v')).object as Body;
		expect(byName(study.fields).product__vs).toMatchObject({ type: 'Object', object: { name: 'product__v' } });
		const country = (await get('/metadata/vobjects/country__v')).object as Body;
		expect(byName(country.fields).abbreviation__vs).toMatchObject({ required: true, unique: true });

		expect(await get('/metadata/vobjects/nothing__c')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: 'Object [nothing__c] not found' }] });
	});

	test('describes the document properties', async () => {
		simulator = await startSimulator();
		const answer = await get('/metadata/objects/documents/properties');
		expect(answer.responseStatus).toBe('SUCCESS');
		const properties = byName(answer.properties);
		expect(properties.name__v).toMatchObject({ required: true, editable: true, queryable: true, setOnCreateOnly: false, hidden: false });
		expect(Object.keys(byName(properties.type__v.picklist_values))).toEqual(['General', 'Labeling', 'Promotional Material']);
		expect(properties.lifecycle__v).toMatchObject({ required: true, setOnCreateOnly: true, picklist_values: [{ name: 'General Lifecycle' }, { name: 'Promotional Lifecycle' }] });
		expect(properties.status__v).toMatchObject({ editable: false });
		expect(properties).not.toHaveProperty('file');
	});
});

test('VQL reads object records; the control API adds and lists them', async () => {
	simulator = await startSimulator();
	const added = simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	expect(added.id).toMatch(/^00P\d{12}$/);
	await fetch(`${simulator.baseUrl}/_sim/records/product__v`, { method: 'POST', body: JSON.stringify({ name__v: 'Gludacta', external_id__v: 'P-2' }) });
	const listed = (await (await fetch(`${simulator.baseUrl}/_sim/records/product__v`)).json()) as Body[];
	expect(listed.map((record) => record.name__v)).toEqual(['Cholecap', 'Gludacta']);

	const answer = await vql("SELECT id, name__v, external_id__v FROM product__v WHERE external_id__v = 'P-2'");
	expect(answer).toMatchObject({ responseStatus: 'SUCCESS', data: [{ id: listed[1].id, name__v: 'Gludacta', external_id__v: 'P-2' }] });
	expect(await vql('SELECT colour__c FROM product__v')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA' }] });
	expect((await fetch(`${simulator.baseUrl}/_sim/records/nothing__c`)).status).toBe(404);

	await simulator.reset();
	expect(simulator.recordsOf('product__v')).toEqual([]);
});

// ---- Vault Loader ---------------------------------------------------------------------------

async function post(path: string, body: unknown, token = ADMIN_TOKEN, version = 'v25.2'): Promise<Body> {
	const response = await fetch(`${simulator.baseUrl}/api/${version}${path}`, {
		method: 'POST',
		headers: { Authorization: token, 'Content-Type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return (await response.json()) as Body;
}

/** A log or result CSV: its text, or the FAILURE envelope when the answer is JSON. */
async function output(jobId: unknown, taskId: string, which: string, token = ADMIN_TOKEN): Promise<{ type: string; text: string }> {
	const response = await fetch(`${simulator.baseUrl}/api/v25.2/services/loader/${String(jobId)}/tasks/${taskId}/${which}`, { headers: { Authorization: token } });
	return { type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function log(jobId: unknown, taskId: string, which: 'successlog' | 'failurelog' | 'results' | 'results/renditions', token = ADMIN_TOKEN) {
	const { type, text } = await output(jobId, taskId, which, token);
	expect(type).toMatch(/^text\/csv/);
	return csvObjects(text);
}

const productTask = (action: string, file: string, extra: Body = {}) => ({ object_type: 'vobjects__v', object: 'product__v', action, file, ...extra });

describe('Loader load', () => {
	test('product__v: create with row failures, then update, upsert and delete; the logs hold each row with its rowId; VQL reads the records', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile(
			'/loader/products.csv',
			[
				'name__v,external_id__v,therapeutic_area__vs,launch_date__vs,active__vs',
				'Cholecap,P-1,cardiology__vs,2020-01-31,TRUE',
				',P-2,,,',
				'Gludacta,P-1,,,',
				'Nyaxa,P-4,dermatology__vs,,',
				'Veltra,P-5,,2020-02-30,yes',
				'Zoryn,P-6,oncology__vs,,FALSE',
			].join('\n'),
		);
		const started = await post('/services/loader/load', [productTask('create', '/loader/products.csv')]);
		expect(started).toEqual({
			responseStatus: 'SUCCESS',
			job_id: 70001,
			url: '/api/v25.2/services/jobs/70001',
			tasks: [{ task_id: '1', object_type: 'vobjects__v', object: 'product__v', action: 'create', file: '/loader/products.csv' }],
		});
		expect(await get('/services/jobs/70001')).toMatchObject({ data: { status: 'SUCCESS', method: 'POST' } });

		const successes = await output(70001, '1', 'successlog');
		expect(successes.text).toBe(
			'responseStatus,id,name__v,external_id__v,therapeutic_area__vs,launch_date__vs,active__vs,errors,rowId\r\n' +
				'SUCCESS,00P000000000101,Cholecap,P-1,cardiology__vs,2020-01-31,TRUE,,1\r\n' +
				'SUCCESS,00P000000000102,Zoryn,P-6,oncology__vs,,FALSE,,6\r\n',
		);
		const failures = await log(70001, '1', 'failurelog');
		expect(parseCsv((await output(70001, '1', 'failurelog')).text).header).toEqual([
			'responseStatus',
			'errors',
			'rowId',
			'name__v',
			'external_id__v',
			'therapeutic_area__vs',
			'launch_date__vs',
			'active__vs',
		]);
		expect(failures.map(({ responseStatus, errors, rowId }) => [responseStatus, rowId, errors])).toEqual([
			['FAILURE', '2', 'Missing required field [name__v]'],
			['FAILURE', '3', 'Duplicate value for unique field [external_id__v]'],
			['FAILURE', '4', 'Invalid value [dermatology__vs] for picklist field [therapeutic_area__vs]'],
			['FAILURE', '5', 'Invalid value [2020-02-30] for date field [launch_date__vs]; expected YYYY-MM-DD; Invalid value [yes] for boolean field [active__vs]'],
		]);
		expect(failures[1]).toMatchObject({ name__v: 'Gludacta', external_id__v: 'P-1' });
		expect(simulator.recordsOf('product__v')).toEqual([
			expect.objectContaining({ id: '00P000000000101', name__v: 'Cholecap', therapeutic_area__vs: 'cardiology__vs', launch_date__vs: '2020-01-31', active__vs: true, created_date__v: expect.any(String) }),
			expect.objectContaining({ id: '00P000000000102', name__v: 'Zoryn', active__vs: false, launch_date__vs: null }),
		]);

		await simulator.addStagedFile('/loader/update.csv', 'external_id__v,generic_name__vs\nP-6,zorynib\nP-404,nothing\n');
		await simulator.addStagedFile('/loader/upsert.csv', 'external_id__v,name__v\nP-1,Cholecap XR\nP-7,Brand New\n,Nameless\n');
		await simulator.addStagedFile('/loader/columns.csv', 'name__v,colour__c,created_date__v\nPainted,red,\n');
		const second = await post('/services/loader/load', [
			productTask('update', '/loader/update.csv', { idparam: 'external_id__v' }),
			productTask('upsert', '/loader/upsert.csv', { idparam: 'external_id__v' }),
			productTask('create', '/loader/columns.csv'),
		]);
		expect((second.tasks as Body[]).map((task) => task.task_id)).toEqual(['1', '2', '3']);
		expect(await log(second.job_id, '1', 'successlog')).toEqual([
			{ responseStatus: 'SUCCESS', id: '00P000000000102', external_id__v: 'P-6', generic_name__vs: 'zorynib', errors: '', rowId: '1', id_param__value: 'P-6' },
		]);
		expect(await log(second.job_id, '1', 'failurelog')).toEqual([
			{ responseStatus: 'FAILURE', errors: 'Record not found for [external_id__v] = [P-404]', rowId: '2', external_id__v: 'P-404', generic_name__vs: 'nothing' },
		]);
		expect((await log(second.job_id, '2', 'successlog')).map((row) => [row.id, row.rowId, row.event, row.id_param__value])).toEqual([
			['00P000000000101', '1', 'update', 'P-1'],
			['00P000000000103', '2', 'create', 'P-7'],
		]);
		expect(await log(second.job_id, '2', 'failurelog')).toEqual([{ responseStatus: 'FAILURE', errors: 'Missing required field [external_id__v]', rowId: '3', external_id__v: '', name__v: 'Nameless' }]);
		expect(await log(second.job_id, '3', 'failurelog')).toEqual([
			{
				responseStatus: 'FAILURE',
				errors: 'Unknown field [colour__c] for object [product__v]; Field [created_date__v] is system managed and cannot be set',
				rowId: '1',
				name__v: 'Painted',
				colour__c: 'red',
				created_date__v: '',
			},
		]);
		expect((await output(second.job_id, '3', 'successlog')).text).toBe('responseStatus,id,name__v,colour__c,created_date__v,errors,rowId\r\n');

		const read = await vql("SELECT id, name__v, external_id__v FROM product__v WHERE name__v LIKE 'C%' OR external_id__v IN ('P-7')");
		expect(read.data).toEqual([
			{ id: '00P000000000101', name__v: 'Cholecap XR', external_id__v: 'P-1' },
			{ id: '00P000000000103', name__v: 'Brand New', external_id__v: 'P-7' },
		]);

		await simulator.addStagedFile('/loader/delete.csv', 'id\n00P000000000102\n00P000000000999\n');
		const deleted = await post('/services/loader/load', [productTask('delete', '/loader/delete.csv')]);
		expect((await log(deleted.job_id, '1', 'successlog')).map((row) => row.id)).toEqual(['00P000000000102']);
		expect((await log(deleted.job_id, '1', 'failurelog')).map((row) => row.errors)).toEqual(['Record not found for [id] = [00P000000000999]']);
		expect(simulator.recordsOf('product__v').map((record) => record.external_id__v)).toEqual(['P-1', 'P-7']);
	});

	test('tasks run by their order; an Object field takes an existing record id', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile('/loader/create.csv', 'name__v,external_id__v\nCholecap,P-1\n');
		await simulator.addStagedFile('/loader/rename.csv', 'external_id__v,name__v\nP-1,Cholecap XR\n');
		const started = await post('/services/loader/load', [
			productTask('update', '/loader/rename.csv', { idparam: 'external_id__v', order: 2 }),
			productTask('create', '/loader/create.csv', { order: 1 }),
		]);
		expect(await log(started.job_id, '1', 'successlog')).toHaveLength(1);
		expect(simulator.recordsOf('product__v')[0].name__v).toBe('Cholecap XR');

		await simulator.addStagedFile('/loader/studies.csv', 'name__v,product__vs\nCHOL-301,00P000000000101\nGLU-1,00P000000000404\n');
		const studies = await post('/services/loader/load', [{ object_type: 'vobjects__v', object: 'study__v', action: 'create', file: '/loader/studies.csv' }]);
		expect((await log(studies.job_id, '1', 'successlog'))[0].id).toMatch(/^0ST\d{12}$/);
		expect((await log(studies.job_id, '1', 'failurelog'))[0].errors).toBe('Invalid value [00P000000000404] for object field [product__vs]');
	});

	test('documents: create from staged files (a missing one fails its row), then versions, renditions and attachments', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile('/inbox/leaflet.pdf', 'PDF leaflet v0.1');
		await simulator.addStagedFile('/inbox/leaflet-v2.pdf', 'PDF leaflet v0.2');
		await simulator.addStagedFile('/inbox/leaflet-view.pdf', 'viewable');
		await simulator.addStagedFile('/inbox/notes.txt', 'notes');
		await simulator.addStagedFile(
			'/loader/documents.csv',
			[
				'file,name__v,type__v,lifecycle__v,external_id__v',
				'/inbox/leaflet.pdf,Leaflet,Labeling,General Lifecycle,D-1',
				'/inbox/missing.pdf,Ghost,General,General Lifecycle,D-2',
				'/inbox/leaflet.pdf,Brochure,Brochure,General Lifecycle,D-3',
				',No file,General,General Lifecycle,D-4',
			].join('\r\n'),
		);
		await simulator.addStagedFile('/loader/versions.csv', 'external_id__v,file,title__v\nD-1,/inbox/leaflet-v2.pdf,Leaflet (second draft)\nD-9,/inbox/leaflet-v2.pdf,\n');
		await simulator.addStagedFile('/loader/renditions.csv', 'id,file,rendition_type__v\n104,/inbox/leaflet-view.pdf,viewable_rendition__v\n104,/inbox/leaflet-view.pdf,\n');
		await simulator.addStagedFile('/loader/attachments.csv', 'id,file\n104,/inbox/notes.txt\n999,/inbox/notes.txt\n');
		const started = await post('/services/loader/load', [
			{ object_type: 'documents__v', action: 'create', file: '/loader/documents.csv' },
			{ object_type: 'document_versions__v', action: 'create', file: '/loader/versions.csv' },
			{ object_type: 'document_renditions__v', action: 'create', file: '/loader/renditions.csv' },
			{ object_type: 'document_attachments__v', action: 'create', file: '/loader/attachments.csv' },
		]);
		expect(await log(started.job_id, '1', 'successlog')).toEqual([
			{ responseStatus: 'SUCCESS', id: '104', file: '/inbox/leaflet.pdf', name__v: 'Leaflet', type__v: 'Labeling', lifecycle__v: 'General Lifecycle', external_id__v: 'D-1', errors: '', rowId: '1' },
		]);
		expect((await log(started.job_id, '1', 'failurelog')).map((row) => [row.rowId, row.errors])).toEqual([
			['2', 'File not found on file staging [/inbox/missing.pdf]'],
			['3', 'Invalid value [Brochure] for picklist field [type__v]'],
			['4', 'Missing required field [file]'],
		]);
		expect((await log(started.job_id, '2', 'failurelog')).map((row) => row.errors)).toEqual(['Record not found for [external_id__v] = [D-9]']);
		expect((await log(started.job_id, '3', 'failurelog')).map((row) => row.errors)).toEqual(['Missing required field [rendition_type__v]']);
		expect((await log(started.job_id, '4', 'failurelog')).map((row) => row.errors)).toEqual(['Record not found for [id] = [999]']);
		for (const task of ['2', '3', '4']) expect((await log(started.job_id, task, 'successlog')).map((row) => row.id)).toEqual(['104']);

		const document = await vql("SELECT id, name__v, title__v, status__v, major_version_number__v, minor_version_number__v FROM documents WHERE external_id__v = 'D-1'");
		expect(document.data).toEqual([{ id: 104, name__v: 'Leaflet', title__v: 'Leaflet (second draft)', status__v: 'Draft', major_version_number__v: 0, minor_version_number__v: 2 }]);
		const files = simulator.documentFiles.get(104)!;
		expect(files.source?.name).toBe('leaflet-v2.pdf');
		expect([...files.renditions.keys()]).toEqual(['viewable_rendition__v']);
		expect(files.attachments.map((file) => file.name)).toEqual(['notes.txt']);
	});

	test('documents: update (by external_id__v), upsert and delete; a value too long fails its row; reset forgets the files', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile('/inbox/a.pdf', 'a');
		await simulator.addStagedFile('/loader/create.csv', 'file,name__v,type__v,lifecycle__v,external_id__v\n/inbox/a.pdf,First,General,General Lifecycle,D-1\n/inbox/a.pdf,Second,General,General Lifecycle,D-2\n');
		const created = await post('/services/loader/load', [{ object_type: 'documents__v', action: 'create', file: '/loader/create.csv' }]);
		expect(await log(created.job_id, '1', 'successlog')).toHaveLength(2);
		simulator.advanceClock(60_000);
		await simulator.addStagedFile('/loader/update.csv', `external_id__v,title__v\nD-1,New title\nD-2,${'x'.repeat(256)}\n`);
		await simulator.addStagedFile(
			'/loader/upsert.csv',
			'external_id__v,name__v,type__v,lifecycle__v,file\nD-2,Renamed,General,General Lifecycle,/inbox/a.pdf\nD-3,Third,Labeling,General Lifecycle,/inbox/a.pdf\n',
		);
		await simulator.addStagedFile('/loader/delete.csv', 'id\n105\n105\n');
		const started = await post('/services/loader/load', [
			{ object_type: 'documents__v', action: 'update', file: '/loader/update.csv' },
			{ object_type: 'documents__v', action: 'upsert', idparam: 'external_id__v', file: '/loader/upsert.csv' },
			{ object_type: 'documents__v', action: 'delete', file: '/loader/delete.csv' },
		]);
		expect((await log(started.job_id, '1', 'successlog')).map((row) => row.id)).toEqual(['104']);
		expect((await log(started.job_id, '1', 'failurelog')).map((row) => row.errors)).toEqual(['Value too long for field [title__v]; the maximum length is 255']);
		expect((await log(started.job_id, '2', 'successlog')).map((row) => row.id)).toEqual(['105', '106']);
		expect((await log(started.job_id, '3', 'successlog')).map((row) => row.id)).toEqual(['105']);
		expect((await log(started.job_id, '3', 'failurelog')).map((row) => row.errors)).toEqual(['Record not found for [id] = [105]']);

		const documents = await vql("SELECT id, title__v, document_creation_date__v, version_modified_date__v FROM documents WHERE external_id__v IN ('D-1', 'D-2', 'D-3')");
		const [first, third] = documents.data as Body[];
		expect([first.id, first.title__v, third.id]).toEqual([104, 'New title', 106]);
		expect(Date.parse(String(first.version_modified_date__v)) - Date.parse(String(first.document_creation_date__v))).toBeGreaterThanOrEqual(60_000);
		expect([...simulator.documentFiles.keys()]).toEqual([104, 106]);
		await simulator.reset();
		expect(simulator.documentFiles.size).toBe(0);
	});

	test('a request with a mistake answers FAILURE and starts nothing', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile('/loader/products.csv', 'name__v\nCholecap\n');
		await simulator.addStagedFile('/loader/products.txt', 'name__v\nCholecap\n');
		const ok = productTask('create', '/loader/products.csv');
		const refusals: Array<[unknown, string, RegExp]> = [
			[Array.from({ length: 11 }, () => ok), 'INVALID_DATA', /at most 10 tasks/],
			[[], 'INVALID_DATA', /at most 10 tasks/],
			['not json', 'INVALID_DATA', /JSON array/],
			[[productTask('upsert', '/loader/products.csv')], 'PARAMETER_REQUIRED', /^Missing required parameter \[idparam\] in task 1$/],
			[[ok, productTask('upsert', '/loader/products.csv', { idparam: 'generic_name__vs' })], 'INVALID_DATA', /\[idparam\] in task 2/],
			[[productTask('create', '/loader/nothing.csv')], 'INVALID_DATA', /^File not found on file staging \[\/loader\/nothing\.csv\] in task 1$/],
			[[productTask('create', '/loader/products.txt')], 'INVALID_DATA', /\.csv file/],
			[[{ object_type: 'vobjects__v', object: 'product__v', action: 'create' }], 'PARAMETER_REQUIRED', /\[file\]/],
			[[{ object_type: 'vobjects__v', action: 'create', file: '/loader/products.csv' }], 'PARAMETER_REQUIRED', /\[object\]/],
			[[{ object_type: 'vobjects__v', object: 'colour__c', action: 'create', file: '/loader/products.csv' }], 'INVALID_DATA', /^Object \[colour__c\] not found$/],
			[[{ object_type: 'groups__v', action: 'create', file: '/loader/products.csv' }], 'INVALID_DATA', /\[object_type\]/],
			[[{ object_type: 'document_versions__v', action: 'update', file: '/loader/products.csv' }], 'INVALID_DATA', /\[action\]/],
			[[productTask('create', '/loader/products.csv', { order: 0 })], 'INVALID_DATA', /\[order\]/],
		];
		for (const [body, type, message] of refusals) {
			const answer = await post('/services/loader/load', body);
			expect(answer).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type, message: expect.stringMatching(message) }] });
		}
		expect(simulator.jobs.size).toBe(0);
		expect(simulator.recordsOf('product__v')).toEqual([]);
	});

	test('logs: unknown job or task, a job still running, the wrong kind of output; a CSV that vanished ends the job ERRORS_ENCOUNTERED', async () => {
		simulator = await startSimulator({ jobDurationMs: 60_000 });
		await simulator.addStagedFile('/loader/products.csv', 'name__v\nCholecap\n');
		await simulator.addStagedFile('/loader/more.csv', 'name__v\nGludacta\n');
		const started = await post('/services/loader/load', [productTask('create', '/loader/products.csv'), productTask('create', '/loader/more.csv')]);
		const failure = async (jobId: unknown, taskId: string, which: string) => JSON.parse((await output(jobId, taskId, which)).text) as Body;
		expect(await failure(started.job_id, '1', 'successlog')).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type: 'INVALID_DATA', message: expect.stringMatching(/has not finished/) }] });
		expect(await get(`/services/jobs/${String(started.job_id)}`)).toMatchObject({ data: { status: 'RUNNING' } });
		await rm(simulator.stagingFilePath('/loader/more.csv'));

		simulator.advanceClock(60_000);
		expect(await get(`/services/jobs/${String(started.job_id)}`)).toMatchObject({ data: { status: 'ERRORS_ENCOUNTERED' } });
		expect(await log(started.job_id, '1', 'successlog')).toHaveLength(1);
		expect((await output(started.job_id, '2', 'failurelog')).text).toBe('responseStatus,errors,rowId\r\nFAILURE,File not found on file staging [/loader/more.csv],\r\n');
		expect(await failure(99999, '1', 'successlog')).toMatchObject({ errors: [{ type: 'INVALID_DATA' }] });
		expect(await failure(started.job_id, '3', 'successlog')).toMatchObject({ errors: [{ type: 'INVALID_DATA' }] });
		expect(await failure(started.job_id, '1', 'results')).toMatchObject({ errors: [{ type: 'INVALID_DATA', message: expect.stringMatching(/load job/) }] });
	});

	test('CSV with a BOM, quotes, commas, line breaks and non-ASCII text loads value for value; a CSV that cannot be read fails its task in one line', async () => {
		simulator = await startSimulator();
		const names = ['Cholecap, 10 mg', 'The "best" one', 'Two\r\nlines', 'Ümlaut – 日本語 🚀', ' padded '];
		const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;
		await simulator.addStagedFile('/loader/tricky.csv', Buffer.from(`\uFEFFname__v,external_id__v\r\n${names.map((name, index) => `${quoted(name)},T-${index}`).join('\r\n')}\r\n`, 'utf8'));
		await simulator.addStagedFile('/loader/broken.csv', 'name__v,external_id__v\nCholecap,"P-1\n');
		const started = await post('/services/loader/load', [productTask('create', '/loader/tricky.csv'), productTask('create', '/loader/broken.csv')]);
		expect((await log(started.job_id, '1', 'successlog')).map((row) => row.name__v)).toEqual(names);
		expect(simulator.recordsOf('product__v').map((record) => record.name__v)).toEqual(names);
		const broken = await log(started.job_id, '2', 'failurelog');
		expect(broken).toEqual([{ responseStatus: 'FAILURE', errors: expect.stringMatching(/^The CSV file cannot be read: /), rowId: '' }]);
	});
});

test('the task\'s type is entity_type from API v26.1 on and object_type before; each version refuses the other name as a missing parameter', async () => {
	simulator = await startSimulator();
	simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1' });
	const extract = (typeName: string) => [{ [typeName]: 'vobjects__v', object: 'product__v', fields: ['id'] }];
	for (const [version, documented, other] of [
		['v25.2', 'object_type', 'entity_type'],
		['v26.1', 'entity_type', 'object_type'],
		['v26.2', 'entity_type', 'object_type'],
	]) {
		expect(await post('/services/loader/extract', extract(documented), ADMIN_TOKEN, version)).toMatchObject({ responseStatus: 'SUCCESS' });
		expect(await post('/services/loader/extract', extract(other), ADMIN_TOKEN, version)).toMatchObject({
			responseStatus: 'FAILURE',
			errors: [{ type: 'PARAMETER_REQUIRED', message: `Missing required parameter [${documented}] in task 1` }],
		});
		expect(await post('/services/loader/load', [{ [other]: 'vobjects__v', object: 'product__v', action: 'create', file: '/x.csv' }], ADMIN_TOKEN, version)).toMatchObject({
			errors: [{ type: 'PARAMETER_REQUIRED', message: `Missing required parameter [${documented}] in task 1` }],
		});
	}
	expect(simulator.loaderTasks()).toEqual([extract('object_type')[0], extract('entity_type')[0], extract('entity_type')[0]]);
});

describe('Loader extract', () => {
	test('product__v records matching the VQL criteria, with the fields asked for in order', async () => {
		simulator = await startSimulator();
		simulator.addRecord('product__v', { name__v: 'Cholecap', external_id__v: 'P-1', active__vs: true });
		simulator.addRecord('product__v', { name__v: 'Gludacta, 5 mg', external_id__v: 'P-2', active__vs: false });
		simulator.addRecord('product__v', { name__v: 'Other', external_id__v: 'X-3' });
		const started = await post('/services/loader/extract', [
			{ object_type: 'vobjects__v', object: 'product__v', fields: ['external_id__v', 'name__v', 'active__vs'], vql_criteria__v: "external_id__v LIKE 'P-%'" },
			{ object_type: 'vobjects__v', object: 'product__v', fields: ['id'] },
		]);
		expect(started).toMatchObject({ responseStatus: 'SUCCESS', job_id: 70001, tasks: [{ task_id: '1', object_type: 'vobjects__v', object: 'product__v' }, { task_id: '2' }] });
		expect((await output(started.job_id, '1', 'results')).text).toBe('external_id__v,name__v,active__vs\r\nP-1,Cholecap,true\r\nP-2,"Gludacta, 5 mg",false\r\n');
		expect(await log(started.job_id, '2', 'results')).toHaveLength(3);
		expect((await output(started.job_id, '1', 'results/renditions')).text).toBe('id,rendition_type__v,file\r\n');

		const refusals: Array<[Body, string]> = [
			[{ object_type: 'vobjects__v', object: 'product__v', fields: ['colour__c'] }, 'INVALID_DATA'],
			[{ object_type: 'vobjects__v', object: 'product__v' }, 'PARAMETER_REQUIRED'],
			[{ object_type: 'vobjects__v', object: 'product__v', fields: ['id'], vql_criteria__v: 'name__v =' }, 'INCORRECT_QUERY_SYNTAX_ERROR'],
			[{ object_type: 'vobjects__v', object: 'product__v', fields: ['id'], extract_options: 'include_source__v' }, 'INVALID_DATA'],
			[{ object_type: 'documents__v', fields: ['id'], extract_options: 'include_everything__v' }, 'INVALID_DATA'],
		];
		for (const [task, type] of refusals) expect(await post('/services/loader/extract', [task])).toMatchObject({ responseStatus: 'FAILURE', errors: [{ type }] });
	});

	test('documents with include_source__v and include_renditions__v: the files land on staging and download with the documents\' bytes', async () => {
		simulator = await startSimulator();
		await simulator.addStagedFile('/inbox/leaflet.pdf', 'leaflet bytes');
		await simulator.addStagedFile('/inbox/view.pdf', 'viewable bytes');
		await simulator.addStagedFile('/loader/documents.csv', 'file,name__v,type__v,lifecycle__v\n/inbox/leaflet.pdf,Leaflet,Labeling,General Lifecycle\n');
		await simulator.addStagedFile('/loader/renditions.csv', 'id,file,rendition_type__v\n104,/inbox/view.pdf,viewable_rendition__v\n');
		await post('/services/loader/load', [
			{ object_type: 'documents__v', action: 'create', file: '/loader/documents.csv' },
			{ object_type: 'document_renditions__v', action: 'create', file: '/loader/renditions.csv' },
		]);
		const started = await post('/services/loader/extract', [
			{ object_type: 'documents__v', fields: ['id', 'name__v'], vql_criteria__v: 'id >= 103', extract_options: 'include_source__v, include_renditions__v' },
		]);
		const folder = `/u${ADMIN.id}/loader/extracts/${String(started.job_id)}/1`;
		expect(await log(started.job_id, '1', 'results')).toEqual([
			{ id: '103', name__v: 'Cholecap Label', file: '' },
			{ id: '104', name__v: 'Leaflet', file: `${folder}/104/leaflet.pdf` },
		]);
		expect(await log(started.job_id, '1', 'results/renditions')).toEqual([{ id: '104', rendition_type__v: 'viewable_rendition__v', file: `${folder}/104/renditions/viewable_rendition__v/view.pdf` }]);
		const download = await fetch(`${simulator.baseUrl}/api/v25.2/services/file_staging/items/content${folder}/104/leaflet.pdf`, { headers: { Authorization: ADMIN_TOKEN } });
		expect(await download.text()).toBe('leaflet bytes');
	});
});

test('an ordinary user loads and extracts with paths in their own folder', async () => {
	simulator = await startSimulator();
	const home = `/u${UPLOADER.id}`;
	await simulator.addStagedFile(`${home}/inbox/mine.pdf`, 'my bytes');
	await simulator.addStagedFile(`${home}/loader/documents.csv`, 'file,name__v,type__v,lifecycle__v\n/inbox/mine.pdf,Mine,General,General Lifecycle\n');
	expect(await post('/services/loader/load', [{ object_type: 'documents__v', action: 'create', file: `${home}/loader/documents.csv` }], UPLOADER_TOKEN)).toMatchObject({
		responseStatus: 'FAILURE',
		errors: [{ type: 'INVALID_DATA', message: expect.stringMatching(/File not found on file staging/) }],
	});
	const loaded = await post('/services/loader/load', [{ object_type: 'documents__v', action: 'create', file: '/loader/documents.csv' }], UPLOADER_TOKEN);
	expect((await log(loaded.job_id, '1', 'successlog', UPLOADER_TOKEN)).map((row) => row.id)).toEqual(['104']);

	const started = await post('/services/loader/extract', [{ object_type: 'documents__v', fields: ['id'], vql_criteria__v: 'id = 104', extract_options: 'include_source__v' }], UPLOADER_TOKEN);
	const path = `/loader/extracts/${String(started.job_id)}/1/104/mine.pdf`;
	expect(await log(started.job_id, '1', 'results', UPLOADER_TOKEN)).toEqual([{ id: '104', file: path }]);
	const download = await fetch(`${simulator.baseUrl}/api/v25.2/services/file_staging/items/content${path}`, { headers: { Authorization: UPLOADER_TOKEN } });
	expect(await download.text()).toBe('my bytes');
});
