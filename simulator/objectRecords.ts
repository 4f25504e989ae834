/* eslint-disable @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Object records one at a time and up to 500 at a time: GET /vobjects/{object}/{id}, and the bulk
// POST (create; upsert with ?idParam=), PUT (update) and DELETE /vobjects/{object}. A bulk request
// answers one result per record in input order; a record's mistakes fail that record only. The
// records are checked and applied by the Loader's row rules (loaderRows.ts), so both agree.
import { UnreadableCsv, readCsv } from './csvText.ts';
import { VaultFailure, headerValue, readBody, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { LoadRun } from './loaderRows.ts';
import type { Row, RowResult } from './loaderRows.ts';
import { idparamFields, loadTarget } from './loaderTargets.ts';
import type { LoadAction } from './loaderTargets.ts';
import { findObject } from './metadata.ts';
import { objectNotFound } from './metadataRoutes.ts';
import type { SimState } from './state.ts';

/** Vault's documented batch size of the bulk object record endpoints. */
export const MAX_RECORDS_PER_REQUEST = 500;

export const objectRecordRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/vobjects\/([^/]+)\/([^/]+)$/, name: 'getObjectRecord', handler: async (state, ctx, [object, id]) => await sendRecord(state, ctx, object, id) },
	{ method: 'POST', pattern: /^\/vobjects\/([^/]+)$/, name: 'createObjectRecords', handler: async (state, ctx, [object]) => await writeRecords(state, ctx, object, 'create') },
	{ method: 'PUT', pattern: /^\/vobjects\/([^/]+)$/, name: 'updateObjectRecords', handler: async (state, ctx, [object]) => await writeRecords(state, ctx, object, 'update') },
	{ method: 'DELETE', pattern: /^\/vobjects\/([^/]+)$/, name: 'deleteObjectRecords', handler: async (state, ctx, [object]) => await writeRecords(state, ctx, object, 'delete') },
];

async function sendRecord(state: SimState, ctx: RequestContext, objectName: string, id: string): Promise<void> {
	const object = findObject(objectName);
	if (!object) throw objectNotFound(objectName);
	const record = state.recordsOf(object.name).find((candidate) => candidate.id === id);
	if (!record) throw new VaultFailure('INVALID_DATA', `Invalid record ID [${id}] for object [${object.name}]`);
	const objectUrl = `/api/${ctx.version}/metadata/vobjects/${object.name}`;
	return await success(state, ctx, {
		responseDetails: {
			url: `/api/${ctx.version}/vobjects/${object.name}/${id}`,
			object: { name: object.name, label: object.label, label_plural: object.label_plural, prefix: object.prefix, url: objectUrl },
		},
		data: { ...record },
	});
}

async function writeRecords(state: SimState, ctx: RequestContext, objectName: string, method: 'create' | 'update' | 'delete'): Promise<void> {
	const target = loadTarget(state, 'vobjects__v', objectName);
	if (!target) throw objectNotFound(objectName);
	const idParam = ctx.url.searchParams.get('idParam') ?? undefined;
	if (idParam !== undefined && !idparamFields(target).includes(idParam)) {
		throw new VaultFailure('INVALID_DATA', `Invalid value [${idParam}] for [idParam]: not id or a unique field of object [${objectName}]`);
	}
	const records = await readRecords(ctx);
	const action: LoadAction = method === 'create' && idParam ? 'upsert' : method;
	const run = new LoadRun(state, ctx.caller!.user, { taskId: '1', objectType: 'vobjects__v', object: objectName, action, file: '', idparam: idParam }, target, []);
	const results: Array<Record<string, unknown>> = [];
	for (const record of records) {
		const result = 'row' in record ? await run.row(record.row) : record;
		results.push(resultOf(ctx, objectName, result));
	}
	run.finish();
	return await success(state, ctx, { data: results });
}

function resultOf(ctx: RequestContext, objectName: string, result: RowResult): Record<string, unknown> {
	if ('id' in result) return { responseStatus: 'SUCCESS', data: { id: result.id, url: `/api/${ctx.version}/vobjects/${objectName}/${result.id}` } };
	return {
		responseStatus: 'FAILURE',
		errors: result.errors.map((message) => ({ type: message.startsWith('Missing required field') ? 'PARAMETER_REQUIRED' : 'INVALID_DATA', message })),
	};
}

/** A record of the request as the row rules read it, or why it cannot be read. */
type RecordInput = { row: Row } | { errors: string[] };

/** The request's records: a JSON array of objects, or a CSV (header line, then one line per record),
 * 1 to 500 of them. A JSON value that is an object or a list fails its record. */
async function readRecords(ctx: RequestContext): Promise<RecordInput[]> {
	const body = await readBody(ctx.req);
	const contentType = (headerValue(ctx.req, 'content-type') ?? '').toLowerCase();
	let records: RecordInput[];
	if (contentType.startsWith('text/csv')) {
		try {
			const csv = readCsv(body);
			records = csv.rows.map((row) => ({ row: Object.fromEntries(csv.header.map((column, at) => [column, row[at]])) }));
		} catch (error) {
			if (!(error instanceof UnreadableCsv)) throw error;
			throw new VaultFailure('INVALID_DATA', `The CSV input cannot be read: ${error.message}`);
		}
	} else {
		let parsed: unknown;
		try {
			parsed = JSON.parse(body.toString('utf8'));
		} catch {
			throw new VaultFailure('INVALID_DATA', 'The request body must be a JSON array of records or a CSV (Content-Type text/csv)');
		}
		if (!Array.isArray(parsed)) throw new VaultFailure('INVALID_DATA', 'The request body must be a JSON array of records');
		records = parsed.map((record: unknown) => rowOf(record));
	}
	if (records.length === 0) throw new VaultFailure('INVALID_DATA', 'The input holds no records');
	if (records.length > MAX_RECORDS_PER_REQUEST) {
		throw new VaultFailure('INVALID_DATA', `The input holds ${records.length} records; the maximum batch size is ${MAX_RECORDS_PER_REQUEST}`);
	}
	return records;
}

/** A JSON record as the row rules read it: every value as text (null as empty). */
function rowOf(record: unknown): RecordInput {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return { errors: ['Each record must be a JSON object of field names and values'] };
	const row: Row = {};
	const errors: string[] = [];
	for (const [field, value] of Object.entries(record as Record<string, unknown>)) {
		if (value === null) row[field] = '';
		else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') row[field] = String(value);
		else errors.push(`Invalid value for field [${field}]: expected text, a number or a boolean`);
	}
	return errors.length ? { errors } : { row };
}
