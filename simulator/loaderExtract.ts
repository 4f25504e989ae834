/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// One Loader extract task: the records of an object, or documents, that match its VQL criteria,
// as CSV with the fields asked for; documents' source files and renditions copied onto the
// caller's staging folder, the CSV naming them as the caller sees staging.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import { csvText } from './csvText.ts';
import { VaultFailure } from './http.ts';
import { invalidValue, textParameter, typeParameterOf } from './loaderParameters.ts';
import type { TaskInput } from './loaderParameters.ts';
import { findObject } from './metadata.ts';
import { objectNotFound } from './metadataRoutes.ts';
import { QUERY_TARGETS, parseQuery, recordsOf } from './query.ts';
import type { ParsedQuery } from './query.ts';
import type { SimUser } from './seed.ts';
import type { LoaderTaskOutput, StoredFile } from './model.ts';
import type { SimState } from './state.ts';

const EXTRACT_OPTIONS = ['include_source__v', 'include_renditions__v'];
const RENDITION_COLUMNS = ['id', 'rendition_type__v', 'file'];

export interface ExtractTask {
	taskId: string;
	objectType: 'vobjects__v' | 'documents__v';
	object?: string;
	fields: string[];
	query: ParsedQuery;
	options: string[];
}

export function checkExtractTask(task: TaskInput, version: string): ExtractTask {
	const typeName = typeParameterOf(version);
	const objectType = textParameter(task, typeName)!;
	if (objectType !== 'vobjects__v' && objectType !== 'documents__v') throw invalidValue(task, typeName, objectType, 'an extract takes vobjects__v or documents__v');
	const object = objectType === 'vobjects__v' ? textParameter(task, 'object')! : undefined;
	if (object !== undefined && !findObject(object)) throw objectNotFound(object);
	const target = object ?? 'documents';

	const fields = task.input.fields;
	if (!Array.isArray(fields) || fields.length === 0) throw new VaultFailure('PARAMETER_REQUIRED', `Missing required parameter [fields] in task ${task.taskId}`);
	for (const field of fields) {
		if (typeof field !== 'string' || !QUERY_TARGETS[target].includes(field)) throw invalidValue(task, 'fields', String(field), `not a field of ${target}`);
	}
	const criteria = textParameter(task, 'vql_criteria__v', { required: false });
	const query = parseQuery(`SELECT ${fields.join(', ')} FROM ${target}${criteria ? ` WHERE ${criteria}` : ''}`);

	const optionsText = textParameter(task, 'extract_options', { required: false }) ?? '';
	const options = optionsText
		.split(',')
		.map((option) => option.trim())
		.filter(Boolean);
	for (const option of options) {
		if (!EXTRACT_OPTIONS.includes(option)) throw invalidValue(task, 'extract_options', option);
		if (objectType !== 'documents__v') throw invalidValue(task, 'extract_options', option, 'only documents have source files and renditions');
	}
	return { taskId: task.taskId, objectType, object, fields: fields as string[], query, options };
}

export async function runExtractTask(state: SimState, user: SimUser, jobId: number, task: ExtractTask): Promise<LoaderTaskOutput> {
	const withSource = task.options.includes('include_source__v');
	const withRenditions = task.options.includes('include_renditions__v');
	const folder = `/u${user.id}/loader/extracts/${jobId}/${task.taskId}`;
	// Puts a kept file on the caller's staging folder; answers its path as the caller uses it.
	const stage = async (file: StoredFile, stagingPath: string): Promise<string> => {
		const target = state.stagingFilePath(stagingPath);
		await mkdir(dirname(target), { recursive: true });
		await copyFile(file.path, target);
		return state.pathFor(user, stagingPath);
	};

	const rows: Array<Array<string | number | boolean | null>> = [];
	const renditionRows: Array<Array<string | number>> = [];
	for (const record of recordsOf(state, task.object ?? 'documents').filter((candidate) => task.query.where(candidate))) {
		const row: Array<string | number | boolean | null> = task.fields.map((field) => record[field] ?? null);
		const files = task.objectType === 'documents__v' ? state.documentFiles.get(Number(record.id)) : undefined;
		if (withSource) row.push(files?.source ? await stage(files.source, `${folder}/${record.id}/${files.source.name}`) : '');
		rows.push(row);
		if (!withRenditions || !files) continue;
		for (const [type, rendition] of files.renditions) {
			renditionRows.push([record.id as number, type, await stage(rendition, `${folder}/${record.id}/renditions/${type}/${rendition.name}`)]);
		}
	}
	return {
		results: csvText(withSource ? [...task.fields, 'file'] : task.fields, rows),
		renditions: csvText(RENDITION_COLUMNS, renditionRows),
	};
}
