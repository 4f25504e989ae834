// Queue-mode suite: n8n as it runs at scale. A private PostgreSQL and Redis (tools/services.mjs),
// one n8n main (`n8n start`, EXECUTIONS_MODE=queue) and two `n8n worker` processes, each with the
// packed package installed as a community package in its own user folder. Workflows start from
// production webhooks (and a polling trigger), so every execution runs on a worker.
// Run with `npm run test:queue` (scripts/run.sh installs Redis and PostgreSQL when missing).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it as nodeIt } from 'node:test';
import { parseArgs } from 'node:util';

import { SEED_ADMIN, SEED_ADMIN_TOKEN, countRoute, startSimulator } from '../../simulator/client.mjs';
import {
	EXAMPLES,
	N8n,
	NODE_TYPE,
	PACKAGE_NAME,
	SPARK_TRIGGER_TYPE,
	buildAndPack,
	createWorkspace,
	installCommunityPackage,
	n8nForSuite,
	prepareExample,
	startWebhookReceiver,
	triggerWorkflow,
	vaultCredential,
} from '../../tools/n8n.mjs';
import {
	assertNothingLeftBehind,
	log,
	md5OfFile,
	removeTempDir,
	seconds,
	setLogPrefix,
	writeRandomFile,
} from '../../tools/processes.mjs';
import { assertSentInThreeParts, assertSessionUploadRequests } from '../lib/sessionUpload.mjs';
import { startPostgres, startRedis } from '../../tools/services.mjs';

const MiB = 1024 * 1024;
const HOUR = 3600_000;
const ADMIN = { username: SEED_ADMIN.username, password: SEED_ADMIN.password };
const CREDENTIAL = { id: 'queuePassword001', name: 'Veeva Vault account' };
const LIST_NODE = 'List upload sessions';
/** Over Upload File's 50 MB direct limit: an upload session with parts of 25, 25 and 10 MiB + 12345 bytes. */
const UPLOAD_BYTES = 60 * MiB + 12_345;
const UPLOAD_STAGING_PATH = '/queue/uploads/archive.bin';
const WORKFLOWS = {
	list: { id: 'queueListHook001', path: 'queue-list-upload-sessions' },
	upload: { id: 'queueUploadHook1', path: 'queue-upload-file' },
	trigger: { id: 'queueTrigCreated' },
	spark: { id: 'queueSparkSlack1' },
	documentTrigger: { id: 'queueTrigDocCrtd' },
};
const WORKER_COUNT = 2;

const { values: options } = parseArgs({ options: { only: { type: 'string' }, help: { type: 'boolean' } } });
if (options.help) {
	console.log(
		[
			'usage: node test/queue/run-queue.mjs [--only PATTERN]',
			'  --only PATTERN  run only the tests whose name matches PATTERN (a regular expression, any case),',
			'                  e.g. --only "document"; the set-up still runs whole',
		].join('\n'),
	);
	process.exit(0);
}
const onlyPattern = options.only ? new RegExp(options.only, 'i') : undefined;
/** node:test's `it`, skipping the tests --only leaves out. */
function it(name, ...rest) {
	const run = rest.pop();
	const settings = rest[0] ?? {};
	return nodeIt(name, { ...settings, skip: !onlyPattern || onlyPattern.test(name) ? settings.skip : `not matching --only ${options.only}` }, run);
}

const ctx = { workers: [], sessionTokens: new Set() };
const suiteStarted = Date.now();
setLogPrefix('[queue]');

// ------------------------------------------------------------------------------------ helpers

/** POSTs to a production webhook of the main; resolves to its JSON answer and the time window. */
async function callWebhook(path, body = {}) {
	const startedAt = Date.now();
	const response = await fetch(`${ctx.server.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(180_000),
	});
	const text = await response.text();
	const finishedAt = Date.now();
	assert.equal(response.status, 200, `POST /webhook/${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return { json: JSON.parse(text), startedAt, finishedAt };
}

/**
 * The worker (index) whose log says it started `executionId`; fails unless the main enqueued it
 * (n8n's "Enqueued execution N (job M)") and exactly one worker started it.
 */
function workerOf(executionId) {
	assert.match(ctx.server.output(), new RegExp(`Enqueued execution ${executionId} \\(job`), `the main put execution ${executionId} in the queue`);
	const line = new RegExp(`Worker started execution ${executionId} \\(job`);
	const ran = ctx.workers.map((worker, index) => (line.test(worker.output()) ? index : -1)).filter((index) => index !== -1);
	assert.equal(ran.length, 1, `execution ${executionId} started on exactly one worker (found ${ran.length})`);
	assert.doesNotMatch(ctx.server.output(), line, `execution ${executionId} must not run on the main`);
	return ran[0];
}

/** Remembers the session n8n stores in the credential now (for the secret check at the end). */
async function rememberStoredSession() {
	const [stored] = (await ctx.main.exportCredentialsDecrypted()).filter((credential) => credential.id === CREDENTIAL.id);
	assert.ok(stored?.data?.sessionToken?.length > 10, 'n8n stored the Vault session in the credential');
	ctx.sessionTokens.add(stored.data.sessionToken);
	return stored.data.sessionToken;
}

/** Activates (publishes) a workflow through the editor's REST API, as the editor's Publish button does. */
async function activate(workflowId) {
	const workflow = await ctx.server.rest('GET', `/workflows/${workflowId}`);
	const activated = await ctx.server.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	assert.equal(activated.active, true, `workflow ${workflowId} is active`);
}

/**
 * n8n 2.40.7 publishes an activated workflow through an outbox: its webhooks are registered a
 * moment after the REST call returns. A GET to a POST-only production webhook tells when: n8n then
 * answers "Did you mean to make a POST request?" instead of "not registered".
 */
async function waitForWebhook(path, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = await (await fetch(`${ctx.server.url}/webhook/${path}`)).text();
		if (/Did you mean to make a POST request/.test(text)) return;
		assert.ok(Date.now() < deadline, `the webhook ${path} was not registered within ${timeoutMs / 1000} s: ${text.slice(0, 300)}`);
		await new Promise((ok) => setTimeout(ok, 250));
	}
}

const tally = (indexes) => Array.from({ length: WORKER_COUNT }, (_, worker) => indexes.filter((index) => index === worker).length);

// ------------------------------------------------------------------------------------ the suite

describe(`${PACKAGE_NAME} in n8n queue mode (main + ${WORKER_COUNT} workers, PostgreSQL, Redis)`, { concurrency: 1 }, () => {
	before(async () => {
		ctx.n8n = await n8nForSuite();
		const startedServices = Date.now();
		[ctx.redis, ctx.postgres] = await Promise.all([startRedis(), startPostgres()]);
		log(`Redis on ${ctx.redis.port}, PostgreSQL ${ctx.postgres.version} on ${ctx.postgres.port} (as ${ctx.postgres.runAs}): ${seconds(Date.now() - startedServices)}`);

		// One user folder per process (each with the package installed, as n8n requires), one shared folder for files to read.
		ctx.workspaces = { main: await createWorkspace('veeva-vault-queue-') };
		for (let index = 1; index <= WORKER_COUNT; index++) ctx.workspaces[`worker${index}`] = await createWorkspace('veeva-vault-queue-');
		ctx.sharedFiles = join(ctx.workspaces.main.root, 'shared-files');
		mkdirSync(ctx.sharedFiles, { recursive: true });

		log('building the package (n8n-node build) and packing it (npm pack)');
		ctx.pack = await buildAndPack(ctx.workspaces.main.files);
		log(`installing ${ctx.pack.tarball.split('/').pop()} as a community package for the main and each worker`);
		for (const workspace of Object.values(ctx.workspaces)) await installCommunityPackage(workspace.userFolder, ctx.pack.tarball);

		ctx.simulator = await startSimulator({ dataDir: ctx.workspaces.main.simulatorData });
		ctx.receiver = await startWebhookReceiver();

		// Queue mode. The binary data mode is left to n8n: in queue mode 2.40.7 defaults to
		// `database` (binary data in PostgreSQL, readable by every worker); the upload test checks it.
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: ctx.redis.host,
			QUEUE_BULL_REDIS_PORT: String(ctx.redis.port),
			...ctx.postgres.n8nEnv(),
			N8N_RESTRICT_FILE_ACCESS_TO: ctx.sharedFiles,
		};
		ctx.main = new N8n(ctx.n8n, ctx.workspaces.main, { env: queueEnv });
		log('importing the credential and workflows (the first command creates n8n\'s tables in PostgreSQL)');
		await ctx.main.importCredentials([vaultCredential({ ...CREDENTIAL, vaultDns: ctx.simulator.url, ...ADMIN })]);
		ctx.localFile = join(ctx.sharedFiles, 'archive.bin');
		await ctx.main.importWorkflows([
			listWebhookWorkflow(),
			uploadWebhookWorkflow(ctx.localFile),
			triggerWorkflow({
				id: WORKFLOWS.trigger.id,
				name: 'Queue: trigger on new upload sessions',
				event: 'uploadSessionCreated',
				parameters: { filters: { pathPrefix: `/u${SEED_ADMIN.id}/queue-trigger/` } },
				receiverUrl: `${ctx.receiver.url}/created`,
				credential: CREDENTIAL,
			}),
			triggerWorkflow({
				id: WORKFLOWS.documentTrigger.id,
				name: 'Queue: trigger on new documents',
				event: 'documentCreated',
				receiverUrl: `${ctx.receiver.url}/documents`,
				credential: CREDENTIAL,
			}),
		]);

		const startedN8n = Date.now();
		log(`starting the main (n8n start) and ${WORKER_COUNT} workers (n8n worker)`);
		const [server, ...workers] = await Promise.all([
			ctx.main.startServer(),
			...Array.from({ length: WORKER_COUNT }, (_, index) =>
				new N8n(ctx.n8n, ctx.workspaces[`worker${index + 1}`], { env: queueEnv }).startWorker({ label: `n8n worker ${index + 1}` }),
			),
		]);
		ctx.server = server;
		ctx.workers = workers;
		log(`main and workers ready: ${seconds(Date.now() - startedN8n)}`);
		for (const workflow of [WORKFLOWS.list, WORKFLOWS.upload]) {
			await activate(workflow.id);
			await waitForWebhook(workflow.path);
		}
		log(`set-up took ${seconds(Date.now() - suiteStarted)}`);
	});

	after(async () => {
		const stopping = Date.now();
		await Promise.allSettled([ctx.server?.stop(), ...ctx.workers.map((worker) => worker.stop())]);
		await Promise.allSettled([ctx.simulator?.stop(), ctx.receiver?.close(), ctx.redis?.stop(), ctx.postgres?.stop()]);
		for (const workspace of Object.values(ctx.workspaces ?? {})) removeTempDir(workspace.root);
		log(`stopped everything in ${seconds(Date.now() - stopping)}; suite wall time ${seconds(Date.now() - suiteStarted)}`);
		await assertNothingLeftBehind();
	});

	it('ten "List upload sessions" executions from a production webhook run on the workers and log in to Vault once in total', async (t) => {
		const listing = await ctx.simulator.listUploadSessions(SEED_ADMIN_TOKEN);
		const baseline = await ctx.simulator.stats();
		// The first one alone (it logs in and stores the session), then nine at once.
		const first = await callWebhook(WORKFLOWS.list.path);
		const rest = await Promise.all(Array.from({ length: 9 }, () => callWebhook(WORKFLOWS.list.path)));
		const runs = [first, ...rest];
		for (const run of runs) assert.equal(run.json.sessions, listing.length, 'each execution listed every upload session');
		const executionIds = runs.map((run) => run.json.executionId);
		assert.equal(new Set(executionIds).size, 10, 'ten executions');
		const split = tally(executionIds.map(workerOf));
		t.diagnostic(`executions per worker: ${split.join(' + ')}; ${seconds(first.finishedAt - first.startedAt)} for the first, ${seconds(Math.max(...rest.map((run) => run.finishedAt)) - rest[0].startedAt)} for nine at once`);
		ctx.split = split;

		const requests = await ctx.simulator.requestsSince(baseline);
		assert.equal(countRoute(requests, 'auth'), 1, 'exactly one Vault login for ten executions on two workers');
		assert.equal(countRoute(requests, 'listUploadSessions'), 10, 'one list per execution');
		assert.deepEqual(requests.filter((request) => request.responseStatus !== 'SUCCESS').map((request) => request.route), [], 'no failed request');
		await rememberStoredSession();
	});

	it('after Vault ends the session: at most one login per worker, then none', async (t) => {
		const { expired } = await ctx.simulator.expireSessions();
		assert.ok(expired >= 1, 'the simulator held the stored session');
		const baseline = await ctx.simulator.stats();
		// One at a time, so that each login can be put down to the worker that made it.
		const perWorker = Array(WORKER_COUNT).fill(0);
		const ran = [];
		for (let run = 0; run < 6; run++) {
			const { json, startedAt, finishedAt } = await callWebhook(WORKFLOWS.list.path);
			const worker = workerOf(json.executionId);
			ran.push(worker);
			const logins = (await ctx.simulator.requestsSince(baseline)).filter((request) => request.route === 'auth' && request.startedAt >= startedAt && request.startedAt <= finishedAt);
			perWorker[worker] += logins.length;
		}
		const renewals = countRoute(await ctx.simulator.requestsSince(baseline), 'auth');
		t.diagnostic(`renewal logins per worker: ${perWorker.join(' + ')} (executions per worker: ${tally(ran).join(' + ')})`);
		assert.ok(renewals >= 1, 'the ended session was renewed');
		assert.equal(perWorker.reduce((sum, count) => sum + count, 0), renewals, 'every login happened during one of the executions');
		for (const [worker, count] of perWorker.entries()) assert.ok(count <= 1, `worker ${worker + 1} logged in ${count} times`);

		const further = await ctx.simulator.stats();
		const runs = await Promise.all(Array.from({ length: 6 }, () => callWebhook(WORKFLOWS.list.path)));
		runs.forEach((run) => workerOf(run.json.executionId));
		assert.equal(countRoute(await ctx.simulator.requestsSince(further), 'auth'), 0, 'further executions (six at once) reuse the renewed session');
		await rememberStoredSession();
	});

	it('Upload File on a worker: a 60 MiB file read from disk into queue mode\'s binary store (database) is staged byte for byte; no part or commit is sent twice', async (t) => {
		const localMd5 = await writeRandomFile(ctx.localFile, UPLOAD_BYTES);
		const baseline = await ctx.simulator.stats();
		const { json, startedAt, finishedAt } = await callWebhook(WORKFLOWS.upload.path);
		const worker = workerOf(json.executionId);
		t.diagnostic(`upload of ${UPLOAD_BYTES} bytes on worker ${worker + 1}: ${seconds(finishedAt - startedAt)}`);

		assert.match(String(json.binaryId), /^database:/, 'the read file went into n8n\'s database binary store (queue mode\'s default)');
		const { upload_session_id: sessionId, job, executionId, binaryId, ...output } = json;
		assertSentInThreeParts(output, { path: UPLOAD_STAGING_PATH, size: UPLOAD_BYTES });
		assert.match(String(sessionId), /--$/);
		assert.equal(job?.status, 'SUCCESS', 'the commit job finished');

		const requests = await ctx.simulator.requestsSince(baseline);
		assertSessionUploadRequests(requests, 'one resume check, one session, three parts (each sent once), one commit, one job poll; no login');
		const commitAt = requests.find((request) => request.route === 'commitUploadSession').startedAt;
		assert.ok(requests.filter((request) => request.route === 'uploadPart').every((request) => request.startedAt < commitAt), 'no part after the commit');

		assert.deepEqual(await ctx.simulator.stagedFileDigest(SEED_ADMIN_TOKEN, UPLOAD_STAGING_PATH), { md5: localMd5, size: UPLOAD_BYTES }, 'the file Vault assembled');
		const onDisk = join(ctx.workspaces.main.simulatorData, 'staging', ...UPLOAD_STAGING_PATH.split('/').filter(Boolean));
		assert.equal(statSync(onDisk).size, UPLOAD_BYTES);
		assert.equal(await md5OfFile(onDisk), localMd5, 'the file in the simulator\'s staging folder');
	});

	it('both workers ran executions', () => {
		const started = ctx.workers.map((worker) => (worker.output().match(/Worker started execution \d+ \(job/g) ?? []).length);
		log(`executions started per worker over the suite: ${started.join(' + ')}`);
		for (const [index, count] of started.entries()) assert.ok(count >= 1, `worker ${index + 1} ran no execution`);
	});

	it('Veeva Vault Trigger activated in queue mode (polls on the main, executions on the workers): each new upload session starts one execution', async (t) => {
		const home = `/u${SEED_ADMIN.id}/queue-trigger`;
		await ctx.simulator.addUploadSession({ path: `${home}/before.bin`, owner: SEED_ADMIN.id, size: 10 * MiB, createdAgoMs: HOUR });
		const baseline = await ctx.simulator.stats();
		await activate(WORKFLOWS.trigger.id);
		// Activation runs a first poll: what is added after it is new to the trigger.
		const firstPoll = Date.now() + 60_000;
		while (countRoute(await ctx.simulator.requestsSince(baseline), 'listUploadSessions') < 1) {
			assert.ok(Date.now() < firstPoll, 'the trigger polled within a minute of activation');
			await new Promise((ok) => setTimeout(ok, 500));
		}
		const added = [];
		for (const name of ['first.bin', 'second.bin']) added.push(await ctx.simulator.addUploadSession({ path: `${home}/${name}`, owner: SEED_ADMIN.id, size: 10 * MiB }));
		const deadline = Date.now() + 75_000;
		const polls = async () => countRoute(await ctx.simulator.requestsSince(baseline), 'listUploadSessions');
		while (Date.now() < deadline && (ctx.receiver.received.length < added.length || (await polls()) < 4)) await new Promise((ok) => setTimeout(ok, 1000));
		await ctx.server.rest('POST', `/workflows/${WORKFLOWS.trigger.id}/deactivate`, {});
		t.diagnostic(`polls: ${await polls()}, alerts: ${ctx.receiver.received.length}`);
		assert.ok((await polls()) >= 4, 'at least four polls');

		const alerts = ctx.receiver.received.filter((post) => post.path === '/created').map((post) => post.json);
		assert.deepEqual(alerts.map((alert) => alert.id).sort(), [...added].sort(), 'each session added after activation started exactly one execution; the one there before none');
		const workers = alerts.map((alert) => workerOf(alert.executionId));
		t.diagnostic(`trigger executions per worker: ${tally(workers).join(' + ')}`);
		assert.equal(countRoute(await ctx.simulator.requestsSince(baseline), 'auth'), 0, 'the polls reuse the stored session');
	});

	it('Spark message → Slack in queue mode: the main verifies and answers the webhook (200 for a signed message, 401 for a tampered one), the execution runs on a worker, once', async (t) => {
		const example = prepareExample(EXAMPLES.sparkToSlack, { id: WORKFLOWS.spark.id, slackUrl: `${ctx.receiver.url}/spark` });
		const trigger = example.nodes.find((node) => node.type === SPARK_TRIGGER_TYPE);
		await ctx.main.importWorkflows([example]);
		const baseline = await ctx.simulator.stats();
		await activate(WORKFLOWS.spark.id);
		const url = `${ctx.server.url}/webhook/${trigger.webhookId}/spark`;
		const message = { items: ['00P000000000201'], attributes: { object: 'product__v' } };
		// The webhook is registered a moment after activation (n8n's outbox): until then n8n answers 404 and nothing runs.
		let good = await ctx.simulator.sendSparkMessage({ url, message });
		for (const deadline = Date.now() + 30_000; good.status === 404 && Date.now() < deadline; ) {
			await new Promise((ok) => setTimeout(ok, 250));
			good = await ctx.simulator.sendSparkMessage({ url, message });
		}
		const tampered = await ctx.simulator.sendSparkMessage({ url, message, tamper: 'body' });
		assert.deepEqual([good.status, tampered.status], [200, 401], 'the signed message is taken, the tampered copy refused');

		const deadline = Date.now() + 60_000;
		const posts = () => ctx.receiver.received.filter((post) => post.path === '/spark');
		while (posts().length === 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 500));
		await ctx.server.rest('POST', `/workflows/${WORKFLOWS.spark.id}/deactivate`, {});
		assert.equal(posts().length, 1, 'one Slack post: the signed message\'s');
		assert.ok(posts()[0].json.text.includes(`(message ${good.messageId})`), posts()[0].json.text);
		const executions = await ctx.server.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOWS.spark.id }))}`);
		assert.equal(executions.count, 1, 'one execution: the tampered message started none');
		t.diagnostic(`the Spark execution ran on worker ${workerOf(executions.results[0].id) + 1}`);
		const requests = await ctx.simulator.requestsSince(baseline);
		assert.equal(countRoute(requests, 'signingCertificate'), 1, 'the main fetched the certificate once');
		assert.equal(countRoute(requests, 'auth'), 0, 'with the session stored in the shared credential');
	});

	it('Veeva Vault Trigger, Document Created, in queue mode: each document created after activation starts exactly one execution, on a worker; one query per poll', async (t) => {
		const createDocument = async (name) => {
			const form = new FormData();
			for (const [field, value] of Object.entries({ name__v: name, type__v: 'General', lifecycle__v: 'General Lifecycle' })) form.set(field, value);
			const response = await fetch(`${ctx.simulator.url}/api/v25.2/objects/documents`, { method: 'POST', headers: { Authorization: SEED_ADMIN_TOKEN, Accept: 'application/json' }, body: form });
			const answer = await response.json();
			assert.equal(answer.responseStatus, 'SUCCESS', JSON.stringify(answer));
			return answer.id;
		};
		await createDocument('Queue: before activation');
		const baseline = await ctx.simulator.stats();
		await activate(WORKFLOWS.documentTrigger.id);
		const queries = async () => countRoute(await ctx.simulator.requestsSince(baseline), 'query');
		const firstPoll = Date.now() + 60_000;
		while ((await queries()) < 1) {
			assert.ok(Date.now() < firstPoll, 'the trigger polled within a minute of activation');
			await new Promise((ok) => setTimeout(ok, 500));
		}
		const added = [await createDocument('Queue: first'), await createDocument('Queue: second')];
		const alertsOf = () => ctx.receiver.received.filter((post) => post.path === '/documents').map((post) => post.json);
		const deadline = Date.now() + 75_000;
		while (Date.now() < deadline && (alertsOf().length < added.length || (await queries()) < 4)) await new Promise((ok) => setTimeout(ok, 1000));
		await ctx.server.rest('POST', `/workflows/${WORKFLOWS.documentTrigger.id}/deactivate`, {});
		const requests = await ctx.simulator.requestsSince(baseline);
		t.diagnostic(`polls: ${countRoute(requests, 'query')}, alerts: ${alertsOf().length}`);
		assert.ok(countRoute(requests, 'query') >= 4, 'at least four polls');
		const alerts = alertsOf();
		assert.deepEqual(alerts.map((alert) => Number(alert.id)).sort(), [...added].sort(), 'each document created after activation started exactly one execution; the one before none');
		t.diagnostic(`trigger executions per worker: ${tally(alerts.map((alert) => workerOf(alert.executionId))).join(' + ')}`);
		assert.equal(countRoute(requests, 'queryPage'), 0, 'each poll is one query');
		// Run alone (--only), no earlier test has stored a session: the first poll signs in, no later one.
		assert.ok(countRoute(requests, 'auth') <= 1, 'the polls reuse the stored session');
	});

	it('no secret (password, Vault session IDs) appears in what any process printed', async () => {
		await rememberStoredSession();
		const printed = [
			...ctx.main.transcript.map((entry) => ({ where: `n8n ${entry.args[0]} (main)`, text: entry.output })),
			...ctx.workers.map((worker) => ({ where: worker.label, text: worker.output() })),
			{ where: 'redis-server', text: ctx.redis.output() },
			{ where: 'postgres', text: ctx.postgres.output() },
			...ctx.receiver.received.map((post) => ({ where: 'webhook receiver', text: post.body })),
		];
		const secrets = { password: ADMIN.password, ...Object.fromEntries([...ctx.sessionTokens].map((token, index) => [`session ID ${index + 1}`, token])) };
		assert.ok(ctx.sessionTokens.size >= 2, 'the first session and the renewed one');
		for (const { where, text } of printed) {
			for (const [name, secret] of Object.entries(secrets)) assert.ok(!text.includes(secret), `the ${name} appears in the output of ${where}`);
		}
	});
});

// ------------------------------------------------------------------------------------ workflows

const webhookNode = (id, path) => ({
	id: `${id}-webhook`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
});

const setNode = (id, assignments, { includeOtherFields = false, executeOnce = false } = {}) => ({
	id: `${id}-result`,
	name: 'Result',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [720, 0],
	...(executeOnce ? { executeOnce: true } : {}),
	parameters: {
		assignments: { assignments: assignments.map(([name, value, type]) => ({ id: `${id}-${name}`, name, value, type })) },
		includeOtherFields,
		options: {},
	},
});

const chain = (...names) => Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));

/** Webhook → Veeva Vault (Get Many upload sessions) → Result {executionId, sessions}. */
function listWebhookWorkflow() {
	const { id, path } = WORKFLOWS.list;
	return {
		id,
		name: 'Queue: list upload sessions (webhook)',
		nodes: [
			webhookNode(id, path),
			{
				id: `${id}-vault`,
				name: LIST_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'uploadSession', operation: 'getAll', returnAll: true },
				credentials: { veevaVaultApi: CREDENTIAL },
			},
			setNode(id, [['executionId', '={{ $execution.id }}', 'string'], ['sessions', `={{ $('${LIST_NODE}').all().length }}`, 'number']], { executeOnce: true }),
		],
		connections: chain('Webhook', LIST_NODE, 'Result'),
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook → Read file (from the shared folder) → Veeva Vault Upload File (wait for the job) → Result. */
function uploadWebhookWorkflow(localFile) {
	const { id, path } = WORKFLOWS.upload;
	return {
		id,
		name: 'Queue: upload a file (webhook)',
		nodes: [
			webhookNode(id, path),
			{ id: `${id}-read`, name: 'Read file', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, position: [240, 0], parameters: { operation: 'read', fileSelector: localFile, options: {} } },
			{
				id: `${id}-upload`,
				name: 'Upload to Vault',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: { resource: 'uploadSession', operation: 'uploadFile', binaryPropertyName: 'data', path: UPLOAD_STAGING_PATH, options: { waitForJob: true } },
				credentials: { veevaVaultApi: CREDENTIAL },
			},
			setNode(id, [['executionId', '={{ $execution.id }}', 'string'], ['binaryId', "={{ $('Read file').item.binary.data.id }}", 'string']], { includeOtherFields: true }),
		],
		connections: chain('Webhook', 'Read file', 'Upload to Vault', 'Result'),
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

