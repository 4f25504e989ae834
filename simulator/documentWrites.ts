/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Writing documents: Create Single Document (multipart: fields and a source file, streamed to
// disk; no file = a placeholder), Create Multiple Documents (CSV; `file` = a staging path), Update
// Document (form fields), Delete Document and Create Document Version (a new draft from an
// uploaded file or from the latest content). Fields are checked by the Loader's row rules, with
// the properties of the document's type.
import { copyFile, rm, stat } from 'node:fs/promises';

import { UnreadableCsv, readCsv } from './csvText.ts';
import { findDocument } from './documentReads.ts';
import { lifecycleByLabel, propertiesOf, typeByLabel } from './documentTypes.ts';
import type { DocumentType } from './documentTypes.ts';
import { VaultFailure, iso, readBody, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { LoadRun } from './loaderRows.ts';
import { documentRule, loadTarget } from './loaderTargets.ts';
import type { LoadTarget } from './loaderTargets.ts';
import { readStreamedForm } from './multipartStream.ts';
import type { StreamedFile } from './multipartStream.ts';
import type { SimUser } from './seed.ts';
import type { SimRecord, StoredFile } from './model.ts';
import type { SimState } from './state.ts';

const MAX_DOCUMENTS_PER_BATCH = 500;
/** Fields that Update Document does not change (Vault has its own calls to reclassify). */
const FIXED_AFTER_CREATE = ['type__v', 'subtype__v', 'classification__v', 'lifecycle__v'];

export const documentWriteRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/objects\/documents$/, name: 'createDocument', handler: async (state, ctx) => await createSingle(state, ctx) },
	{ method: 'POST', pattern: /^\/objects\/documents\/batch$/, name: 'createDocuments', handler: async (state, ctx) => await createBatch(state, ctx) },
	{ method: 'POST', pattern: /^\/objects\/documents\/([^/]+)$/, name: 'createDocumentVersion', handler: async (state, ctx, [id]) => await createDraft(state, ctx, id) },
	{ method: 'PUT', pattern: /^\/objects\/documents\/([^/]+)$/, name: 'updateDocument', handler: async (state, ctx, [id]) => await updateDocument(state, ctx, id) },
	{ method: 'DELETE', pattern: /^\/objects\/documents\/([^/]+)$/, name: 'deleteDocument', handler: async (state, ctx, [id]) => await deleteDocument(state, ctx, id) },
];

/** The rules of a document's fields: the properties of its type (metadata of the type). */
function documentTarget(state: SimState, type: DocumentType | undefined): LoadTarget {
	const base = loadTarget(state, 'documents__v')!;
	const rules = new Map(base.rules);
	for (const property of propertiesOf(type)) rules.set(property.name, documentRule(property));
	return { ...base, rules, extraColumns: [] };
}

function failWith(errors: string[]): never {
	throw new VaultFailure(errors[0].startsWith('Missing required field') ? 'PARAMETER_REQUIRED' : 'INVALID_DATA', errors.join('; '));
}

/** The fields of a new document checked, with its type's subtype, classification and lifecycle. */
function checkedNewDocument(state: SimState, user: SimUser, row: Record<string, string>): SimRecord {
	const type = typeByLabel(row.type__v);
	const run = new LoadRun(state, user, { taskId: '1', objectType: 'documents__v', action: 'create', file: '' }, documentTarget(state, type), []);
	const { values, errors } = run.checked(row);
	if (type) {
		const subtype = row.subtype__v ? type.subtypes.find((candidate) => candidate.label === row.subtype__v) : undefined;
		if (row.subtype__v && !subtype) errors.push(`Invalid value [${row.subtype__v}] for [subtype__v]: document type [${type.label}] has the subtypes [${type.subtypes.map(({ label }) => label).join(', ')}]`);
		if (row.classification__v && !subtype?.classifications.some(({ label }) => label === row.classification__v)) {
			errors.push(`Invalid value [${row.classification__v}] for [classification__v]: subtype [${row.subtype__v ?? ''}] has the classifications [${(subtype?.classifications ?? []).map(({ label }) => label).join(', ')}]`);
		}
		if (row.lifecycle__v && !type.lifecycles.includes(row.lifecycle__v)) {
			errors.push(`Invalid value [${row.lifecycle__v}] for [lifecycle__v]: document type [${type.label}] takes the lifecycles [${type.lifecycles.join(', ')}]`);
		}
	}
	if (errors.length) failWith(errors);
	return values;
}

/** Adds the document (version 0.1, the lifecycle's first state) with its source file, and a
 * viewable rendition of that file as Vault would render it. */
async function addNewDocument(state: SimState, user: SimUser, values: SimRecord, source: StoredFile | undefined): Promise<SimRecord> {
	const lifecycle = lifecycleByLabel(values.lifecycle__v);
	const document = state.addDocument({ ...values, status__v: lifecycle?.states[0] ?? 'Draft', major_version_number__v: 0, minor_version_number__v: 1, created_by__v: user.id });
	if (source) await setSource(state, document, source);
	return document;
}

async function setSource(state: SimState, document: SimRecord, source: StoredFile): Promise<void> {
	const files = state.documentFilesOf(Number(document.id));
	files.source = source;
	files.renditions.set('viewable_rendition__v', await state.storeContent(`%PDF-1.4\n% Viewable rendition of ${source.name}\n`, `${source.name.replace(/\.[^.]*$/, '')}.pdf`));
}

/** The request's form, its file written where documents' files are kept, checked for size. */
async function readDocumentForm(state: SimState, ctx: RequestContext): Promise<{ fields: Record<string, string>; file?: StreamedFile }> {
	const form = await readStreamedForm(ctx.req, async (fileName) => await state.newStoredFilePath(fileName));
	if (form.file && form.file.size > state.options.documentFileMaxBytes) {
		await rm(form.file.path, { force: true });
		throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'The source file exceeds the maximum size of 4 GB. Stage it on File Staging and create the document from there.');
	}
	return form;
}

async function createSingle(state: SimState, ctx: RequestContext): Promise<void> {
	const { fields, file } = await readDocumentForm(state, ctx);
	if ('file' in fields) throw new VaultFailure('INVALID_DATA', 'Invalid value for [file]: send the source file as a file part; to create from File Staging use Create Multiple Documents');
	try {
		const values = checkedNewDocument(state, ctx.caller!.user, fields);
		const document = await addNewDocument(state, ctx.caller!.user, values, file ? { name: file.filename, path: file.path } : undefined);
		return await success(state, ctx, { responseMessage: 'successfully created document', id: document.id });
	} catch (error) {
		if (file) await rm(file.path, { force: true });
		throw error;
	}
}

async function createBatch(state: SimState, ctx: RequestContext): Promise<void> {
	let csv: { header: string[]; rows: string[][] };
	try {
		csv = readCsv(await readBody(ctx.req));
	} catch (error) {
		if (!(error instanceof UnreadableCsv)) throw error;
		throw new VaultFailure('INVALID_DATA', `The CSV input cannot be read: ${error.message}`);
	}
	if (csv.rows.length === 0 || csv.rows.length > MAX_DOCUMENTS_PER_BATCH) throw new VaultFailure('INVALID_DATA', `The input holds ${csv.rows.length} documents; send 1 to ${MAX_DOCUMENTS_PER_BATCH}`);
	const user = ctx.caller!.user;
	const results: Array<Record<string, unknown>> = [];
	for (const cells of csv.rows) {
		const { file: given = '', ...row } = Object.fromEntries(csv.header.map((column, index) => [column, cells[index]]));
		try {
			const values = checkedNewDocument(state, user, row);
			const staged = given ? state.stagingFilePath(state.absolutePath(user, given)) : '';
			const info = given.startsWith('/') && !given.split('/').includes('..') ? await stat(staged).catch(() => null) : null;
			if (given && !info?.isFile()) throw new VaultFailure('INVALID_DATA', `File not found on file staging [${given}]`);
			let source: StoredFile | undefined;
			if (given) {
				const name = given.split('/').pop()!;
				source = { name, path: await state.newStoredFilePath(name) };
				await copyFile(staged, source.path);
			}
			const document = await addNewDocument(state, user, values, source);
			results.push({ responseStatus: 'SUCCESS', id: document.id, ...(row.external_id__v ? { external_id__v: row.external_id__v } : {}) });
		} catch (error) {
			if (!(error instanceof VaultFailure)) throw error;
			results.push({ responseStatus: 'FAILURE', errors: [{ type: error.type, message: error.message }] });
		}
	}
	return await success(state, ctx, { data: results });
}

async function updateDocument(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const document = findDocument(state, id);
	const { fields } = await readStreamedForm(ctx.req, async () => {
		throw new VaultFailure('INVALID_DATA', 'Update Document takes fields only, no file');
	});
	const fixed = Object.keys(fields).filter((name) => FIXED_AFTER_CREATE.includes(name));
	if (fixed.length) throw new VaultFailure('INVALID_DATA', `Field [${fixed[0]}] cannot be changed by an update`);
	if (Object.keys(fields).length === 0) throw new VaultFailure('PARAMETER_REQUIRED', 'No fields to update');
	const run = new LoadRun(state, ctx.caller!.user, { taskId: '1', objectType: 'documents__v', action: 'update', file: '' }, documentTarget(state, typeByLabel(document.type__v)), []);
	const { values, errors } = run.checked(fields, document);
	if (errors.length) failWith(errors);
	Object.assign(document, values, { version_modified_date__v: iso(state.now()) });
	return await success(state, ctx, { id: document.id });
}

async function deleteDocument(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const document = findDocument(state, id);
	state.documents = state.documents.filter((candidate) => candidate !== document);
	state.documentFiles.delete(Number(document.id));
	state.documentVersions.delete(Number(document.id));
	return await success(state, ctx, { id: document.id });
}

async function createDraft(state: SimState, ctx: RequestContext, id: string): Promise<void> {
	const document = findDocument(state, id);
	const { fields, file } = await readDocumentForm(state, ctx);
	const from = fields.createDraft;
	try {
		if (!from) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [createDraft]');
		if (from !== 'uploadedContent' && from !== 'latestContent') throw new VaultFailure('INVALID_DATA', `Invalid value [${from}] for [createDraft]: uploadedContent or latestContent`);
		if (from === 'uploadedContent' && !file) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [file] for createDraft=uploadedContent');
		if (from === 'latestContent' && file) throw new VaultFailure('INVALID_DATA', 'createDraft=latestContent takes no file');
	} catch (error) {
		if (file) await rm(file.path, { force: true });
		throw error;
	}
	const source = file ? { name: file.filename, path: file.path } : state.documentFilesOf(Number(document.id)).source;
	state.keepVersion(document);
	const lifecycle = lifecycleByLabel(document.lifecycle__v);
	Object.assign(document, {
		minor_version_number__v: Number(document.minor_version_number__v ?? 0) + 1,
		status__v: lifecycle?.states[0] ?? 'Draft',
		version_modified_date__v: iso(state.now()),
	});
	if (source) await setSource(state, document, source);
	return await success(state, ctx, {
		responseMessage: 'New draft successfully created',
		major_version_number__v: document.major_version_number__v,
		minor_version_number__v: document.minor_version_number__v,
	});
}

