// Vault's jobs: work that a call starts and that ends later (a commit, a move, a delete). A job
// stays RUNNING for the simulator's jobDurationMs, then ends with its result.
import { VaultFailure, iso, success } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import type { Job } from './model.ts';
import type { SimState } from './state.ts';

export const jobRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/services\/jobs\/(\d+)$/, name: 'jobStatus', handler: async (state, ctx, [id]) => jobStatus(state, ctx, Number(id)) },
];

/** Starts a job. Its effect, if it has one, runs when it ends; its status shows RUNNING until then. */
export function startJob(state: SimState, job: Pick<Job, 'method' | 'createdBy' | 'result' | 'stagingPath' | 'effect' | 'loader'>): Job {
	const now = state.now();
	const started: Job = { id: state.nextJobId++, status: 'RUNNING', created: now, ends: now + state.options.jobDurationMs, ...job };
	state.jobs.set(started.id, started);
	return started;
}

/** Runs the effect of every job that has ended by now (the simulator calls it before each request). */
export async function settleJobs(state: SimState): Promise<void> {
	for (const job of state.jobs.values()) {
		if (!job.effect || state.now() < job.ends) continue;
		const effect = job.effect;
		job.effect = undefined;
		job.result = await effect().catch(() => 'ERRORS_ENCOUNTERED' as const);
	}
}

/** The job's answer to "Create …" calls: its ID and its status URL. */
export function jobStarted(ctx: RequestContext, job: Job): { job_id: number; url: string } {
	return { job_id: job.id, url: `/api/${ctx.version}/services/jobs/${job.id}` };
}

function jobStatus(state: SimState, ctx: RequestContext, id: number): Promise<void> {
	const job = state.jobs.get(id);
	if (!job) throw new VaultFailure('INVALID_DATA', `Invalid job ID: ${id}`);
	const ended = state.now() >= job.ends;
	return success(state, ctx, {
		data: {
			id: job.id,
			status: ended ? job.result : 'RUNNING',
			method: job.method,
			links: [{ rel: 'self', href: `/api/${ctx.version}/services/jobs/${job.id}`, method: 'GET', accept: 'application/json' }],
			created_by: job.createdBy,
			created_date: iso(job.created),
			run_start_date: iso(job.created),
			...(ended ? { run_end_date: iso(job.ends) } : {}),
		},
	});
}
