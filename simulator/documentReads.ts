/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Reading documents one at a time: the fields of the latest or of a given version (with links to
// its versions and renditions), a version's source file and renditions, with Range.
import { stat } from 'node:fs/promises';

import { sendFile } from './fileAnswers.ts';
import { VaultFailure, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import type { DocumentFiles, SimRecord, StoredFile } from './model.ts';
import type { SimState } from './state.ts';

/** A version of a document: its fields and files, and whether it is the latest. */
export interface FoundVersion {
	document: SimRecord;
	fields: SimRecord;
	files: DocumentFiles;
	latest: boolean;
}

export function findDocument(state: SimState, id: string): SimRecord {
	const document = /^\d+$/.test(id) ? state.documents.find((candidate) => String(candidate.id) === id) : undefined;
	if (!document) throw new VaultFailure('INVALID_DATA', `Invalid document id [${id}]: no such document`);
	return document;
}

const versionNumber = (fields: SimRecord) => `${Number(fields.major_version_number__v ?? 0)}.${Number(fields.minor_version_number__v ?? 0)}`;

/** The version asked for, or the latest when `major` and `minor` are not given. */
export function findVersion(state: SimState, id: string, major?: string, minor?: string): FoundVersion {
	const document = findDocument(state, id);
	const latest: FoundVersion = { document, fields: document, files: state.documentFilesOf(Number(document.id)), latest: true };
	if (major === undefined || `${Number(major)}.${Number(minor)}` === versionNumber(document)) return latest;
	const earlier = (state.documentVersions.get(Number(document.id)) ?? []).find((version) => versionNumber(version.fields) === `${Number(major)}.${Number(minor)}`);
	if (!earlier) throw new VaultFailure('INVALID_DATA', `Invalid version [${major}.${minor}] of document [${id}]`);
	return { document, fields: earlier.fields, files: earlier.files, latest: false };
}

function versionsOf(state: SimState, ctx: RequestContext, document: SimRecord): Array<{ number: string; value: string }> {
	const all = [...(state.documentVersions.get(Number(document.id)) ?? []).map((version) => version.fields), document];
	return all.map((fields) => ({
		number: versionNumber(fields),
		value: `/api/${ctx.version}/objects/documents/${String(document.id)}/versions/${Number(fields.major_version_number__v ?? 0)}/${Number(fields.minor_version_number__v ?? 0)}`,
	}));
}

function renditionLinks(ctx: RequestContext, version: FoundVersion): Record<string, string> {
	const { major_version_number__v: major, minor_version_number__v: minor } = version.fields;
	const base = `/api/${ctx.version}/objects/documents/${String(version.document.id)}/versions/${Number(major ?? 0)}/${Number(minor ?? 0)}/renditions`;
	return Object.fromEntries([...version.files.renditions.keys()].map((type) => [type, `${base}/${type}`]));
}

async function sendDocument(state: SimState, ctx: RequestContext, version: FoundVersion): Promise<void> {
	return await success(state, ctx, {
		document: { ...version.fields },
		versions: versionsOf(state, ctx, version.document),
		renditions: renditionLinks(ctx, version),
		attachments: version.files.attachments.map((file, index) => ({ id: index + 1, filename__v: file.name })),
	});
}

async function sendStoredFile(state: SimState, ctx: RequestContext, file: StoredFile | undefined, missing: string): Promise<void> {
	const info = file ? await stat(file.path).catch(() => null) : null;
	if (!file || !info) throw new VaultFailure('INVALID_DATA', missing);
	return await sendFile(state, ctx, { path: file.path, size: info.size, name: file.name });
}

async function sendSource(state: SimState, ctx: RequestContext, version: FoundVersion): Promise<void> {
	const number = versionNumber(version.fields);
	return await sendStoredFile(state, ctx, version.files.source, `Version ${number} of document [${String(version.document.id)}] has no source file (a placeholder)`);
}

async function sendRendition(state: SimState, ctx: RequestContext, version: FoundVersion, type: string): Promise<void> {
	const number = versionNumber(version.fields);
	return await sendStoredFile(state, ctx, version.files.renditions.get(type), `Version ${number} of document [${String(version.document.id)}] has no rendition of type [${type}]`);
}

const VERSION = String.raw`\/versions\/(\d+)\/(\d+)`;
const at = (suffix: string) => new RegExp(String.raw`^\/objects\/documents\/([^/]+)${suffix}$`);

export const documentReadRoutes: Route[] = [
	{ method: 'GET', pattern: at(''), name: 'getDocument', handler: async (state, ctx, [id]) => await sendDocument(state, ctx, findVersion(state, id)) },
	{
		method: 'GET',
		pattern: at(String.raw`\/versions`),
		name: 'listDocumentVersions',
		handler: async (state, ctx, [id]) => {
			const version = findVersion(state, id);
			return await success(state, ctx, { versions: versionsOf(state, ctx, version.document), renditions: renditionLinks(ctx, version) });
		},
	},
	{ method: 'GET', pattern: at(VERSION), name: 'getDocumentVersion', handler: async (state, ctx, [id, major, minor]) => await sendDocument(state, ctx, findVersion(state, id, major, minor)) },
	{ method: 'GET', pattern: at(String.raw`\/file`), name: 'downloadDocumentFile', handler: async (state, ctx, [id]) => await sendSource(state, ctx, findVersion(state, id)) },
	{
		method: 'GET',
		pattern: at(`${VERSION}${String.raw`\/file`}`),
		name: 'downloadDocumentFile',
		handler: async (state, ctx, [id, major, minor]) => await sendSource(state, ctx, findVersion(state, id, major, minor)),
	},
	{
		method: 'GET',
		pattern: at(String.raw`\/renditions\/([^/]+)`),
		name: 'downloadDocumentRendition',
		handler: async (state, ctx, [id, type]) => await sendRendition(state, ctx, findVersion(state, id), type),
	},
	{
		method: 'GET',
		pattern: at(`${VERSION}${String.raw`\/renditions\/([^/]+)`}`),
		name: 'downloadDocumentRendition',
		handler: async (state, ctx, [id, major, minor, type]) => await sendRendition(state, ctx, findVersion(state, id, major, minor), type),
	},
];
