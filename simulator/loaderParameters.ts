/* eslint-disable @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// The parameters of Loader requests: a JSON array of 1–10 task objects, each task's text
// parameters, and the FAILURE answers for what is missing or wrong (naming the task).
import { VaultFailure, readBody } from './http.ts';
import type { RequestContext } from './http.ts';

export const MAX_LOADER_TASKS = 10;

/** A task's parameters as sent (JSON), and how messages name the task. */
export interface TaskInput {
	input: Record<string, unknown>;
	taskId: string;
}

/** The request's JSON array of 1–10 task objects. */
export async function readTasks(ctx: RequestContext): Promise<TaskInput[]> {
	let body: unknown;
	try {
		body = JSON.parse((await readBody(ctx.req)).toString('utf8'));
	} catch {
		throw new VaultFailure('INVALID_DATA', 'The request body must be a JSON array of tasks');
	}
	if (!Array.isArray(body) || body.length === 0 || body.length > MAX_LOADER_TASKS) {
		throw new VaultFailure('INVALID_DATA', `The request body must be a JSON array of 1 to ${MAX_LOADER_TASKS} tasks: at most ${MAX_LOADER_TASKS} tasks per request`);
	}
	return body.map((input: unknown, index) => {
		if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new VaultFailure('INVALID_DATA', `Task ${index + 1} must be a JSON object`);
		return { input: input as Record<string, unknown>, taskId: String(index + 1) };
	});
}

/** A text parameter of a task: PARAMETER_REQUIRED when missing, INVALID_DATA when not text. */
export function textParameter(task: TaskInput, name: string, { required = true } = {}): string | undefined {
	const value = task.input[name];
	if (value === undefined || value === null || value === '') {
		if (required) throw new VaultFailure('PARAMETER_REQUIRED', `Missing required parameter [${name}] in task ${task.taskId}`);
		return undefined;
	}
	if (typeof value !== 'string') throw new VaultFailure('INVALID_DATA', `Invalid value for [${name}] in task ${task.taskId}: expected text`);
	return value;
}

export function invalidValue(task: TaskInput, name: string, value: string, why = ''): VaultFailure {
	return new VaultFailure('INVALID_DATA', `Invalid value [${value}] for [${name}] in task ${task.taskId}${why ? `: ${why}` : ''}`);
}

/** What the API version calls a task's type: `entity_type` from v26.1 on (Veeva's v26.1 and v26.2
 * references list it as required), `object_type` before. */
export function typeParameterOf(version: string): 'entity_type' | 'object_type' {
	const match = /^v(\d+)\.(\d+)$/.exec(version);
	if (!match) return 'object_type';
	const [major, minor] = [Number(match[1]), Number(match[2])];
	return major > 26 || (major === 26 && minor >= 1) ? 'entity_type' : 'object_type';
}
