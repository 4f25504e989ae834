/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// Vault Loader: POST /services/loader/load and /extract (JSON arrays of 1–10 tasks) start a job
// whose tasks run in order when it ends; GET /services/loader/{job}/tasks/{task}/… answers their
// logs and results as CSV. A request's own mistakes answer FAILURE at once and start nothing;
// a row's mistakes go into its task's failure log.
import { stat } from 'node:fs/promises';

import { VaultFailure, burstHeaders, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { jobStarted, startJob } from './jobs.ts';
import { checkExtractTask, runExtractTask } from './loaderExtract.ts';
import type { ExtractTask } from './loaderExtract.ts';
import { invalidValue, readTasks, textParameter, typeParameterOf } from './loaderParameters.ts';
import type { TaskInput } from './loaderParameters.ts';
import { runLoadTask } from './loaderRows.ts';
import type { LoadTask } from './loaderRows.ts';
import { LOAD_ACTIONS, idparamFields, loadTarget } from './loaderTargets.ts';
import type { LoadAction, LoadObjectType } from './loaderTargets.ts';
import { objectNotFound } from './metadataRoutes.ts';
import { csvText, readCsv } from './csvText.ts';
import { MiB } from './model.ts';
import type { LoaderTaskOutput } from './model.ts';
import type { SimState } from './state.ts';

const MAX_LOAD_FILE_BYTES = 1024 * MiB;

export const loaderRoutes: Route[] = [
	{ method: 'POST', pattern: /^\/services\/loader\/load$/, name: 'loaderLoad', handler: async (state, ctx) => await startLoad(state, ctx) },
	{ method: 'POST', pattern: /^\/services\/loader\/extract$/, name: 'loaderExtract', handler: async (state, ctx) => await startExtract(state, ctx) },
	{
		method: 'GET',
		pattern: /^\/services\/loader\/([^/]+)\/tasks\/([^/]+)\/(successlog|failurelog|results\/renditions|results)$/,
		name: 'loaderTaskOutput',
		handler: async (state, ctx, [jobId, taskId, output]) => await sendTaskOutput(state, ctx, jobId, taskId, output),
	},
];

async function checkLoadTask(state: SimState, ctx: RequestContext, task: TaskInput): Promise<LoadTask> {
	const typeParameter = typeParameterOf(ctx.version);
	const objectType = textParameter(task, typeParameter)!;
	if (!(objectType in LOAD_ACTIONS)) throw invalidValue(task, typeParameter, objectType);
	const object = objectType === 'vobjects__v' ? textParameter(task, 'object') : undefined;
	const target = loadTarget(state, objectType as LoadObjectType, object);
	if (!target) throw objectNotFound(object!);
	const action = textParameter(task, 'action')!;
	if (!LOAD_ACTIONS[objectType as LoadObjectType].includes(action as LoadAction)) throw invalidValue(task, 'action', action, `${objectType} takes ${LOAD_ACTIONS[objectType as LoadObjectType].join(', ')}`);
	const idparam = textParameter(task, 'idparam', { required: action === 'upsert' });
	if (idparam !== undefined && !idparamFields(target).includes(idparam)) throw invalidValue(task, 'idparam', idparam, `not id or a unique field of ${target.what}`);
	const order = task.input.order;
	if (order !== undefined && !(Number.isInteger(order) && (order as number) > 0)) throw invalidValue(task, 'order', String(order), 'expected a whole number above 0');
	const file = textParameter(task, 'file')!;
	if (!file.toLowerCase().endsWith('.csv')) throw invalidValue(task, 'file', file, 'the file must be a .csv file');
	const info = file.startsWith('/') && !file.split('/').includes('..') ? await stat(state.stagingFilePath(state.absolutePath(ctx.caller!.user, file))).catch(() => null) : null;
	if (!info?.isFile()) throw new VaultFailure('INVALID_DATA', `File not found on file staging [${file}] in task ${task.taskId}`);
	if (info.size >= MAX_LOAD_FILE_BYTES) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', `The file [${file}] in task ${task.taskId} is 1 GB or larger; a Loader CSV must be under 1 GB`);
	return { taskId: task.taskId, objectType: objectType as LoadObjectType, object, action: action as LoadAction, file, idparam, order: order as number | undefined };
}

async function startLoad(state: SimState, ctx: RequestContext): Promise<void> {
	const user = ctx.caller!.user;
	const tasks: LoadTask[] = [];
	const inputs = await readTasks(ctx);
	for (const task of inputs) tasks.push(await checkLoadTask(state, ctx, task));
	const outputs = new Map<string, LoaderTaskOutput>(tasks.map((task) => [task.taskId, {}]));
	// Tasks with an `order` run by it; the rest after them, in the request's order.
	const runOrder = [...tasks].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
	const job = startJob(state, {
		method: 'POST',
		createdBy: user.id,
		result: 'SUCCESS',
		stagingPath: tasks[0].file,
		loader: { kind: 'load', tasks: outputs, inputs: inputs.map(({ input }) => input) },
		effect: async () => {
			let vanished = false;
			for (const task of runOrder) {
				const ran = await runLoadTask(state, user, task);
				outputs.set(task.taskId, ran.output);
				vanished ||= ran.vanished;
			}
			return vanished ? 'ERRORS_ENCOUNTERED' : 'SUCCESS';
		},
	});
	return await success(state, ctx, {
		...jobStarted(ctx, job),
		tasks: tasks.map((task) => ({ task_id: task.taskId, object_type: task.objectType, ...(task.object ? { object: task.object } : {}), action: task.action, file: task.file })),
	});
}

async function startExtract(state: SimState, ctx: RequestContext): Promise<void> {
	const user = ctx.caller!.user;
	const inputs = await readTasks(ctx);
	const tasks: ExtractTask[] = inputs.map((task) => checkExtractTask(task, ctx.version));
	const outputs = new Map<string, LoaderTaskOutput>(tasks.map((task) => [task.taskId, {}]));
	const job = startJob(state, {
		method: 'POST',
		createdBy: user.id,
		result: 'SUCCESS',
		stagingPath: '',
		loader: { kind: 'extract', tasks: outputs, inputs: inputs.map(({ input }) => input) },
		effect: async () => {
			for (const task of tasks) outputs.set(task.taskId, await runExtractTask(state, user, job.id, task));
			return 'SUCCESS';
		},
	});
	return await success(state, ctx, {
		...jobStarted(ctx, job),
		tasks: tasks.map((task) => ({ task_id: task.taskId, object_type: task.objectType, ...(task.object ? { object: task.object } : {}) })),
	});
}

const OUTPUT_OF: Record<string, { key: keyof LoaderTaskOutput; kind: 'load' | 'extract' }> = {
	successlog: { key: 'successlog', kind: 'load' },
	failurelog: { key: 'failurelog', kind: 'load' },
	results: { key: 'results', kind: 'extract' },
	'results/renditions': { key: 'renditions', kind: 'extract' },
};

async function sendTaskOutput(state: SimState, ctx: RequestContext, jobId: string, taskId: string, output: string): Promise<void> {
	const job = /^\d+$/.test(jobId) ? state.jobs.get(Number(jobId)) : undefined;
	if (!job?.loader) throw new VaultFailure('INVALID_DATA', `Invalid job ID: ${jobId}`);
	const task = job.loader.tasks.get(taskId);
	if (!task) throw new VaultFailure('INVALID_DATA', `Invalid task ID [${taskId}] for job ${jobId}`);
	const { key, kind } = OUTPUT_OF[output];
	if (kind !== job.loader.kind) throw new VaultFailure('INVALID_DATA', `Job ${jobId} is a Loader ${job.loader.kind} job: its tasks have no ${output}`);
	if (state.now() < job.ends) throw new VaultFailure('INVALID_DATA', `Job ${jobId} has not finished: the ${output} of its tasks is available once it has ended`);
	const text = task[key];
	if (text === undefined) throw new VaultFailure('INVALID_DATA', `Task ${taskId} of job ${jobId} did not run`);
	const answered = ctx.logEdit ? editedLog(text, ctx.logEdit) : text;
	const { headers } = burstHeaders(state, ctx);
	ctx.record.responseStatus = 'SUCCESS';
	const body = Buffer.from(answered, 'utf8');
	ctx.res.writeHead(200, {
		...headers,
		'Content-Type': 'text/csv;charset=UTF-8',
		'Content-Length': body.length,
		'Content-Disposition': `attachment;filename="${jobId}-${taskId}-${output.replace('/', '-')}.csv"`,
	});
	ctx.res.end(body);
}

/** A log as a misbehaving Vault might answer it (the editLoaderLog fault): its last rows left out,
 * or its rowIds off by some number. */
function editedLog(text: string, edit: { dropRows: number; shiftRowIds: number }): string {
	const { header, rows } = readCsv(Buffer.from(text, 'utf8'));
	const rowIdAt = header.indexOf('rowId');
	const kept = rows.slice(0, Math.max(0, rows.length - edit.dropRows));
	const shifted = kept.map((row) => row.map((value, at) => (at === rowIdAt && value !== '' ? String(Number(value) + edit.shiftRowIds) : value)));
	return csvText(header, shifted);
}
