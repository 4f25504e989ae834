// Vault Loader benchmark (issue #20), `npm run bench -- loader [options]`: N JSON records (10,000
// by default) loaded into product__v with Vault Loader → Load (Create, then Create or Update by
// external ID over the records the Create made) in the real n8n CLI, and in the same run against
// the same simulator by the two clients a user would otherwise pick: bare curl with a ready-made
// CSV (the floor) and a careful Node script that builds the CSV, stages it, loads, polls, reads
// both logs and pairs every row back by rowId (bench/loader-script.mjs). A benchmark, not a test:
// it prints numbers, and exits non-zero only when it could not measure or a row came back wrong.
//
//   node bench/loader-bench.mjs [--items 10000] [--fail-percent 1] [--job-ms 0] [--actions create,upsert]
//                               [--no-automap] [--no-reference] [--no-peers] [--expression-engine legacy|vm|quickjs]
//                               [--tarball file.tgz]
//
// How it measures:
// - Data: productRecord(i) of loader-script.mjs (SKU, a name with a comma, generic name, picklist,
//   date, boolean); --fail-percent of the rows (1 %, spread evenly) have an empty name, which Vault
//   refuses: the failure log has rows. The Create makes N × 99 % records; the upsert then updates
//   them (its failed rows try to create and fail the same way).
// - Node: Manual Trigger → Code (makes the N items; before the node, untimed) → Veeva Vault Load,
//   Columns mapped with an expression each (`={{ $json.sku }}` …); "Map Automatically" as a third run
//   (the Code node then names the fields as Vault does). Wall: n8n's run data of the Vault node.
// - Careful script: its own clock, from the records in memory (parsed from JSON) to its CSV deleted.
// - curl: a bash script; the CSV prepared before, untimed (the careful script's builder): upload
//   (multipart Create File), POST /services/loader/load, poll, both logs to files. No pairing.
// - Every client polls the job at once and then every 10 s (Vault's rule, api/jobs.ts). The
//   simulator runs the job's rows when the first request after its end arrives: with --job-ms 0
//   (default) that is the first poll, so that poll's time is the simulator's job (its rows loaded
//   and both logs written), and nobody waits 10 s. With --job-ms N every client waits for the poll
//   after N ms as it would against a Vault whose job took N ms.
// - From the simulator's request log (GET /_sim/stats): the staging upload, the load call, the polls
//   (count, the wait between them, the job's time), the logs; "beyond the job" = wall − poll wait −
//   the simulator's job: what the client itself adds.
// - Memory: RSS of `n8n execute` (and of the script) from /proc every 50 ms: growth = peak during
//   the node − RSS when it started (the Code node's items already in memory). n8n's V8 heap from
//   bench/n8n-preload.cjs (preloaded with NODE_OPTIONS), sampled when n8n's event loop runs.
// - Checks, outside the timing: every row comes back paired with its own input item (row number,
//   loaded or not as expected, an ID or Vault's reason), the simulator holds the records; the
//   script's pairing the same; curl's logs hold every row.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { PROJECT_ROOT, log, runProcess } from '../tools/processes.mjs';
import { API_VERSION, MiB, cpuLabel, cpuUse, executeSampled, mib, runBench, secs, setUpBench, signedMib, startSampler } from './lib.mjs';
import { FIELD_OF, buildCsv, failingRows, parseCsv, productRecord } from './loader-script.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const CREDENTIAL_ID = 'loaderBenchToken';
const CREDENTIAL_NAME = 'Vault loader bench token';
const MAKE_NODE = 'Make Records';
const VAULT_NODE = 'Veeva Vault';
const SET_NODE = 'Edit Fields';
const KEY_FIELD = 'external_id__v';
const POLL_MS = Number(/JOB_POLL_INTERVAL_MS = ([\d_]+)/.exec(readFileSync(join(PROJECT_ROOT, 'nodes/VeevaVault/api/jobs.ts'), 'utf8'))?.[1].replaceAll('_', ''));
const SCRIPT = join(PROJECT_ROOT, 'bench/loader-script.mjs');
const N8N_PRELOAD = join(PROJECT_ROOT, 'bench/n8n-preload.cjs');

const USAGE = `Usage: node bench/loader-bench.mjs [options]   (Node 24 on PATH)
  --items N,N          input items (rows) per load (default 10000; e.g. 10000,100000)
  --fail-percent P     rows with an empty name, which Vault refuses (default 1)
  --job-ms MS          how long the simulator's Loader job stays RUNNING (default 0: the first poll finds it ended)
  --actions A,A        create and/or upsert (default create,upsert; upsert runs over the records create made)
  --no-automap         skip the node's third run with Map Automatically
  --no-reference       skip n8n's Edit Fields with the same expressions (what n8n's expressions cost alone)
  --no-peers           the node only
  --expression-engine E  n8n's N8N_EXPRESSION_ENGINE (legacy, vm, quickjs; default: n8n's own, vm in n8n 2.40)
  --tarball FILE       benchmark this packed package (npm pack output) instead of building this checkout
`;
const { values: argv } = parseArgs({
	options: {
		items: { type: 'string', default: '10000' },
		'fail-percent': { type: 'string', default: '1' },
		'job-ms': { type: 'string', default: '0' },
		actions: { type: 'string', default: 'create,upsert' },
		automap: { type: 'boolean', default: true },
		reference: { type: 'boolean', default: true },
		'expression-engine': { type: 'string' },
		peers: { type: 'boolean', default: true },
		tarball: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
	allowNegative: true,
});
if (argv.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}
const ITEM_COUNTS = argv.items.split(',').map((value) => Number(value.trim()));
const FAIL_PERCENT = Number(argv['fail-percent']);
const JOB_MS = Number(argv['job-ms']);
const ACTIONS = argv.actions.split(',').map((value) => value.trim());
if (
	!Number.isFinite(POLL_MS) ||
	ITEM_COUNTS.some((count) => !Number.isInteger(count) || count < 1 || count > 1_000_000) ||
	!(FAIL_PERCENT >= 0 && FAIL_PERCENT <= 100) ||
	!(JOB_MS >= 0) ||
	ACTIONS.some((action) => action !== 'create' && action !== 'upsert') ||
	!ACTIONS.includes('create')
) {
	process.stderr.write(`${USAGE}(--actions must include create: the upsert runs over the records it made)\n`);
	process.exit(2);
}

// ------------------------------------------------------------------------------------ workflows

const workflowId = (count, action, mapping) => `loader-${action}-${mapping}-${count}`;

/** Code node source making `count` items: productRecord's own source, so every client loads the same rows. */
function makeRecordsCode(count, mapping) {
	const lines = [productRecord.toString(), 'const items = [];'];
	if (mapping === 'auto') {
		lines.push(`const fieldOf = ${JSON.stringify(FIELD_OF)};`);
		lines.push(`for (let i = 0; i < ${count}; i++) { const record = productRecord(i, ${FAIL_PERCENT}); const json = {}; for (const [field, property] of Object.entries(fieldOf)) json[field] = record[property]; items.push({ json }); }`);
	} else {
		lines.push(`for (let i = 0; i < ${count}; i++) items.push({ json: productRecord(i, ${FAIL_PERCENT}) });`);
	}
	lines.push('return items;');
	return lines.join('\n');
}

function loadWorkflow(count, action, mapping) {
	const columns =
		mapping === 'auto'
			? { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] }
			: { mappingMode: 'defineBelow', value: Object.fromEntries(Object.entries(FIELD_OF).map(([field, property]) => [field, `={{ $json.${property} }}`])), matchingColumns: [], schema: [] };
	return {
		id: workflowId(count, action, mapping),
		name: `Bench: Vault Loader ${action}, ${count} items, ${mapping === 'auto' ? 'Map Automatically' : 'columns mapped'}`,
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'bench-make', name: MAKE_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, position: [240, 0], parameters: { jsCode: makeRecordsCode(count, mapping) } },
			{
				id: 'bench-vault',
				name: VAULT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'loader',
					operation: 'load',
					objectType: 'vobjects__v',
					object: { __rl: true, mode: 'name', value: 'product__v' },
					loadAction: action,
					...(action === 'create' ? {} : { keyField: KEY_FIELD }),
					dataSource: 'items',
					columns,
					waitForJob: true,
					options: {},
				},
				credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			Start: { main: [[{ node: MAKE_NODE, type: 'main', index: 0 }]] },
			[MAKE_NODE]: { main: [[{ node: VAULT_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** n8n's own cost of the same six expressions per item, without Vault: Code → Edit Fields (Set). */
function setWorkflow(count) {
	const assignments = Object.entries(FIELD_OF).map(([field, property]) => ({ id: `bench-${field}`, name: field, value: `={{ $json.${property} }}`, type: property === 'active' ? 'boolean' : 'string' }));
	return {
		id: workflowId(count, 'set', 'mapped'),
		name: `Bench: Edit Fields with the Loader's six expressions, ${count} items`,
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'bench-make', name: MAKE_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, position: [240, 0], parameters: { jsCode: makeRecordsCode(count, 'mapped') } },
			{ id: 'bench-set', name: SET_NODE, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [480, 0], parameters: { mode: 'manual', assignments: { assignments }, options: {} } },
		],
		connections: {
			Start: { main: [[{ node: MAKE_NODE, type: 'main', index: 0 }]] },
			[MAKE_NODE]: { main: [[{ node: SET_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

// ------------------------------------------------------------------------------------ curl

const quote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;

/** The floor: the ready-made CSV uploaded, one load call, polls every 10 s, both logs to files. */
function curlScript({ baseUrl, csvFile, tasksFile, outDir, stagingPath }) {
	const api = `${baseUrl}/api/${API_VERSION}`;
	return `set -euo pipefail
api=${quote(api)}
auth=(-H ${quote(`Authorization: ${TOKEN}`)} -H 'X-VaultAPI-ClientID: loader-bench-curl')
curl -sS --fail "\${auth[@]}" -H 'Accept: application/json' -H 'Expect:' -F kind=file -F ${quote(`path=${stagingPath}`)} -F overwrite=true -F ${quote(`file=@${csvFile};type=text/csv`)} "$api/services/file_staging/items" | grep -q '"responseStatus" *: *"SUCCESS"'
started=$(curl -sS --fail "\${auth[@]}" -H 'Accept: application/json' -H 'Content-Type: application/json' --data-binary @${quote(tasksFile)} "$api/services/loader/load")
job=$(grep -o '"job_id" *: *[0-9]*' <<<"$started" | grep -o '[0-9]*$')
while :; do
  status=$(curl -sS --fail "\${auth[@]}" -H 'Accept: application/json' "$api/services/jobs/$job" | grep -o '"status" *: *"[A-Z_]*"' | grep -o '[A-Z_]*"$' | tr -d '"')
  case "$status" in RUNNING | QUEUED | SCHEDULED) sleep ${POLL_MS / 1000} ;; *) break ;; esac
done
curl -sS --fail "\${auth[@]}" -H 'Accept: text/csv' -o ${quote(join(outDir, 'success.csv'))} "$api/services/loader/$job/tasks/1/successlog"
curl -sS --fail "\${auth[@]}" -H 'Accept: text/csv' -o ${quote(join(outDir, 'failure.csv'))} "$api/services/loader/$job/tasks/1/failurelog"
echo "$job $status"
`;
}

// ------------------------------------------------------------------------------------ measures

/**
 * The client's requests (from `since`) as phases: staging upload, load call, polls (how many, the
 * wait between them, the longest: the one that ran the simulator's job), logs; and the client's own
 * time before the upload and after the logs.
 */
function phasesOf(requests, start, end) {
	const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
	const unfinished = sorted.filter((request) => request.finishedAt === null);
	if (unfinished.length) throw new Error(`${unfinished.length} request(s) unanswered, e.g. ${unfinished[0].method} ${unfinished[0].path}`);
	const failed = sorted.filter((request) => request.responseStatus !== 'SUCCESS');
	if (failed.length) throw new Error(`${failed.length} request(s) did not succeed, e.g. ${failed[0].method} ${failed[0].path}: ${failed[0].responseStatus}`);
	const stage = sorted.filter((request) => ['createItem', 'createUploadSession', 'uploadPart', 'commitUploadSession'].includes(request.route));
	const load = sorted.find((request) => request.route === 'loaderLoad');
	const polls = sorted.filter((request) => request.route === 'jobStatus' && load && request.startedAt >= load.finishedAt);
	const logs = sorted.filter((request) => request.route === 'loaderTaskOutput');
	if (!stage.length || !load || !polls.length || logs.length < 2) throw new Error(`the request log lacks a phase: ${sorted.map((request) => request.route).join(', ')}`);
	const ms = (request) => request.finishedAt - request.startedAt;
	let pollWaitMs = 0;
	for (let index = 1; index < polls.length; index++) pollWaitMs += polls[index].startedAt - polls[index - 1].finishedAt;
	const jobMs = Math.max(...polls.map(ms));
	const wallMs = end - start;
	return {
		wallMs,
		beforeStageMs: stage[0].startedAt - start,
		stageMs: stage.at(-1).finishedAt - stage[0].startedAt,
		loadMs: ms(load),
		polls: polls.length,
		pollWaitMs,
		jobMs,
		logsMs: logs.at(-1).finishedAt - logs[0].startedAt,
		afterLogsMs: end - logs.at(-1).finishedAt,
		requests: sorted.length,
		routes: [...new Set(sorted.map((request) => request.route))],
		beyondJobMs: wallMs - pollWaitMs - jobMs,
	};
}

async function requestsSince(simulator, since) {
	return (await simulator.stats()).requests.filter((request) => request.startedAt >= since && request.route !== 'unknown');
}

/** RSS when `start`, the largest from then to `end`, and the growth. */
function rssOver(samples, start, end) {
	const before = samples.findLast((sample) => sample.t <= start)?.rss ?? samples[0]?.rss ?? NaN;
	const inside = samples.filter((sample) => sample.t >= start && sample.t <= end + 100);
	const peak = Math.max(before, ...inside.map((sample) => sample.rss));
	return { before, peak, growth: peak - before };
}

/** n8n's heap samples (bench/n8n-preload.cjs) of process `pid`: heapUsed when `start`, its peak to `end`. */
function heapOver(dir, pid, start, end) {
	const file = join(dir, `heap-${pid}.tsv`);
	if (!existsSync(file)) return null;
	const samples = readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.map((line) => line.split('\t').map(Number))
		.map(([t, used, total, external, arrayBuffers]) => ({ t, used, total, external, arrayBuffers }));
	const before = samples.findLast((sample) => sample.t <= start) ?? samples[0];
	const inside = samples.filter((sample) => sample.t >= start && sample.t <= end + 100);
	const peakOf = (key) => Math.max(before[key], ...inside.map((sample) => sample[key]));
	return { before: before.used, peak: peakOf('used'), growth: peakOf('used') - before.used, arrayBuffersGrowth: peakOf('arrayBuffers') - before.arrayBuffers, samples: inside.length };
}

/** The node's output, item by item: paired with its own input item, its row, loaded as expected. */
function checkNodeRows(items, count, failing) {
	let paired = 0;
	let loaded = 0;
	const wrong = [];
	for (const [index, item] of items.entries()) {
		const json = item.json ?? {};
		const ok =
			index < count &&
			item.pairedItem?.item === index &&
			json.row === index + 1 &&
			json.loaded === !failing.has(index + 1) &&
			(json.loaded ? Boolean(json.id) : typeof json.error === 'string' && json.error.includes('name__v'));
		if (ok) paired++;
		else if (wrong.length < 3) wrong.push({ index, pairedItem: item.pairedItem, json: { ...json, values: undefined } });
		if (json.loaded === true) loaded++;
	}
	return { paired, loaded, wrong, extra: Math.max(0, items.length - count) };
}

async function runNode(context, { count, action, mapping, failing }) {
	const { simulator, heapDir } = context;
	const since = Date.now();
	const { result, memory, simulatorCpu } = await executeSampled(context, workflowId(count, action, mapping), `${action} ${count}`);
	const run = nodeRun(result.run, VAULT_NODE);
	if (!run) throw new Error(`"${VAULT_NODE}" did not run`);
	const start = run.startTime;
	const end = run.startTime + run.executionTime;
	const phases = phasesOf(await requestsSince(simulator, since), start, end);
	const rows = checkNodeRows(nodeItems(result.run, VAULT_NODE), count, failing);
	if (rows.paired !== count || rows.extra) throw new Error(`${action}: ${rows.paired} of ${count} rows came back paired with their item (${rows.extra} extra), e.g. ${JSON.stringify(rows.wrong)}`);
	const heap = heapOver(heapDir, memory.pid, start, end);
	for (const name of readdirSync(heapDir)) rmSync(join(heapDir, name), { force: true });
	return {
		client: mapping === 'auto' ? 'node, Map Automatically' : 'node',
		phases,
		rows,
		rss: rssOver(memory.samples, start, end),
		heap,
		cpu: { client: cpuUse(memory, start, end), simulator: cpuUse(simulatorCpu, start, end) },
		executeMs: result.ms,
	};
}

/** n8n's Edit Fields with the same six expressions: what n8n's expressions cost, with no Vault node. */
async function runSet(context, { count }) {
	const { heapDir } = context;
	const { result, memory } = await executeSampled(context, workflowId(count, 'set', 'mapped'), `Edit Fields ${count}`);
	const run = nodeRun(result.run, SET_NODE);
	const items = nodeItems(result.run, SET_NODE);
	if (!run || items.length !== count) throw new Error(`"${SET_NODE}" gave ${items.length} items, expected ${count}`);
	const start = run.startTime;
	const end = run.startTime + run.executionTime;
	const heap = heapOver(heapDir, memory.pid, start, end);
	for (const name of readdirSync(heapDir)) rmSync(join(heapDir, name), { force: true });
	return {
		client: 'n8n Edit Fields (Set), the same 6 expressions, no Vault',
		phases: { wallMs: end - start, beyondJobMs: end - start },
		rows: {},
		rss: rssOver(memory.samples, start, end),
		heap,
		cpu: { client: cpuUse(memory, start, end) },
		executeMs: result.ms,
	};
}

async function runScript(context, { count, action, failing, recordsFile }) {
	const { simulator } = context;
	const since = Date.now();
	const sampler = startSampler((cmd) => cmd.some((arg) => arg.endsWith('bench/loader-script.mjs')));
	let result;
	let memory;
	try {
		result = await runProcess(
			process.execPath,
			[SCRIPT, '--base', simulator.url, '--token', TOKEN, '--records', recordsFile, '--action', action, '--key-field', KEY_FIELD, '--poll-ms', String(POLL_MS), '--api-version', API_VERSION],
			{ node: true, label: `careful script ${action}`, timeoutMs: 60 * 60_000 },
		);
	} finally {
		memory = sampler.stop();
	}
	if (result.code !== 0) throw new Error(`the careful script (${action}) exited ${result.signal ?? result.code}: ${result.stderr}`);
	const out = JSON.parse(result.stdout.trim().split('\n').at(-1));
	const phases = phasesOf(await requestsSince(simulator, since), out.t.start, out.t.end);
	const failedOk = out.failedRows.length === failing.size && out.failedRows.every((row) => failing.has(row));
	if (out.paired !== count || out.unmatched || !failedOk) throw new Error(`the careful script (${action}) paired ${out.paired} of ${count} rows (${out.unmatched} unmatched), failed rows ${failedOk ? 'as expected' : 'not as expected'}`);
	return {
		client: 'careful script (Node, fetch)',
		phases: { ...phases, csvBuildMs: out.t.csvBuilt - out.t.start, pairMs: out.t.paired - out.t.logsRead },
		rows: { paired: out.paired, loaded: out.loaded },
		rss: rssOver(memory.samples, out.t.start, out.t.end),
		heap: { before: out.heap.before, peak: out.heap.peak, growth: out.heap.peak - out.heap.before },
		cpu: { client: cpuUse(memory, out.t.start, out.t.end) },
		csvBytes: out.csvBytes,
	};
}

async function runCurl(context, { count, action, failing, csvFile }) {
	const { simulator, workspace } = context;
	const outDir = join(workspace.output, `curl-${action}`);
	mkdirSync(outDir, { recursive: true });
	const stagingPath = '/bench-curl/load.csv';
	const tasksFile = join(workspace.files, `curl-tasks-${action}.json`);
	writeFileSync(tasksFile, JSON.stringify([{ object_type: 'vobjects__v', object: 'product__v', action, file: stagingPath, order: 1, ...(action === 'create' ? {} : { idparam: KEY_FIELD }) }]));
	const scriptFile = join(workspace.files, `curl-${action}.sh`);
	writeFileSync(scriptFile, curlScript({ baseUrl: simulator.url, csvFile, tasksFile, outDir, stagingPath }));
	const since = Date.now();
	const start = Date.now();
	const result = await runProcess('bash', [scriptFile], { label: `curl ${action}`, timeoutMs: 60 * 60_000 });
	const end = Date.now();
	if (result.code !== 0) throw new Error(`the curl script (${action}) exited ${result.signal ?? result.code}: ${result.stderr}`);
	const phases = phasesOf(await requestsSince(simulator, since), start, end);
	// Untimed: the logs hold every row (curl's user would pair them next).
	const logged = new Set();
	let failed = 0;
	for (const name of ['success.csv', 'failure.csv']) {
		const [header, ...rows] = parseCsv(readFileSync(join(outDir, name), 'utf8'));
		const rowAt = header.indexOf('rowId');
		for (const row of rows) logged.add(Number(row[rowAt]));
		if (name === 'failure.csv') failed = rows.length;
	}
	rmSync(outDir, { recursive: true, force: true });
	if (logged.size !== count || failed !== failing.size) throw new Error(`curl (${action}): the logs hold ${logged.size} of ${count} rows, ${failed} failed (expected ${failing.size})`);
	return { client: 'bare curl, CSV ready-made', phases, rows: { logged: logged.size, loaded: count - failed } };
}

// ------------------------------------------------------------------------------------ report

const s = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');

function report({ n8nVersion, packageLabel, inRam, tables, totalMs, loadBefore, loadAfter }) {
	const out = [];
	out.push(
		`Vault Loader → Load: the Veeva Vault node (${packageLabel}) in n8n ${n8nVersion} (expression engine ${argv['expression-engine'] ?? "n8n's default"}) vs a careful Node script and bare curl, same simulated Vault (product__v), same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, data ${inRam ? 'in RAM (tmpfs)' : 'on disk'}; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after. ` +
			`${FAIL_PERCENT} % of the rows have an empty name (Vault refuses them: the failure log). Simulator's job: RUNNING for ${JOB_MS} ms, its rows run by the first request after that; every client polls at once, then every ${POLL_MS / 1000} s. ` +
			`Seconds. "Simulator's job" = the poll that ran the job's rows (load + both logs written); "beyond the job" = wall − poll wait − simulator's job.`,
	);
	for (const { count, rows } of tables) {
		out.push('');
		out.push(`**Time, ${count.toLocaleString('en-US')} rows**`);
		out.push('');
		out.push('| client | action | wall | polls | poll wait | wall without poll wait | simulator\'s job | beyond the job | before staging (CSV built) | staging upload | load call | logs read | after logs (pairing, cleanup) | ÷ careful script (beyond the job) | rows paired | load |');
		out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
		for (const row of rows) {
			const p = row.phases;
			const careful = rows.find((other) => other.action === row.action && other.client.startsWith('careful'));
			const pairedLabel =
				row.rows.paired !== undefined ? `${((row.rows.paired * 100) / count).toFixed(1)} % (${row.rows.loaded} loaded)` : row.rows.logged !== undefined ? `– (logs hold ${row.rows.logged}; not paired)` : '–';
			out.push(
				`| ${row.client} | ${row.action} | ${s(p.wallMs)} | ${p.polls ?? '–'} | ${s(p.pollWaitMs)} | ${s(p.wallMs - p.pollWaitMs)} | ${s(p.jobMs)} | **${s(p.beyondJobMs)}** | ${s(p.beforeStageMs)}${p.csvBuildMs !== undefined ? ` (${s(p.csvBuildMs)})` : ''} | ${s(p.stageMs)} | ${s(p.loadMs)} | ${s(p.logsMs)} | ${s(p.afterLogsMs)}${p.pairMs !== undefined ? ` (pairing ${s(p.pairMs)})` : ''} | ${careful ? ratio(p.beyondJobMs, careful.phases.beyondJobMs) : '–'} | ${pairedLabel} | ${row.load.toFixed(1)} |`,
			);
		}
		const csvBytes = rows.find((row) => row.csvBytes)?.csvBytes ?? rows[0].csvBytes;
		out.push('');
		out.push(`**Memory, ${count.toLocaleString('en-US')} rows (CSV ${(csvBytes / MiB).toFixed(1)} MiB, ${csvBytes.toLocaleString('en-US')} bytes)**`);
		out.push('');
		out.push('| client | action | RSS before | RSS peak | RSS growth | RSS growth ÷ CSV | heap before | heap peak | heap growth | heap growth ÷ CSV | CPU client; simulator |');
		out.push('|---|---|---|---|---|---|---|---|---|---|---|');
		for (const row of rows.filter((candidate) => candidate.rss)) {
			out.push(
				`| ${row.client} | ${row.action} | ${mib(row.rss.before)} | ${mib(row.rss.peak)} | ${signedMib(row.rss.growth)} | ${ratio(row.rss.growth, csvBytes)} | ` +
					`${row.heap ? `${mib(row.heap.before)} | ${mib(row.heap.peak)} | ${signedMib(row.heap.growth)} | ${ratio(row.heap.growth, csvBytes)}` : '– | – | – | –'} | ` +
					`${cpuLabel(row.cpu.client)}${row.cpu.simulator ? `; ${cpuLabel(row.cpu.simulator)}` : ''} |`,
			);
		}
		const nodeRows = rows.filter((row) => row.executeMs);
		if (nodeRows.length) out.push('', `\`n8n execute\` as a whole (start-up, Code node, the Vault node, printing the run): ${nodeRows.map((row) => `${row.client} ${row.action} ${secs(row.executeMs)}`).join(', ')}.`);
	}
	out.push('', `Bench run ${secs(totalMs)}.`);
	process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------ main

async function main() {
	const started = Date.now();
	const loadBefore = loadavg()[0];
	const biggest = Math.max(...ITEM_COUNTS);
	const context = await setUpBench({
		logPrefix: '[bench loader]',
		ramBytes: 512 * MiB + biggest * 2000,
		diskBytes: 512 * MiB,
		diskBytesWithoutRam: 512 * MiB + biggest * 2000,
		tarball: argv.tarball,
		simulatorArgs: ['--burst-limit', '100000000', '--job-duration-ms', String(JOB_MS)],
	});
	const { cli, n8n, simulator, workspace } = context;
	context.heapDir = join(workspace.output, 'heap');
	mkdirSync(context.heapDir, { recursive: true });
	cli.env = { NODE_OPTIONS: `--require ${N8N_PRELOAD}`, BENCH_HEAP_SAMPLES_DIR: context.heapDir, ...(argv['expression-engine'] ? { N8N_EXPRESSION_ENGINE: argv['expression-engine'] } : {}) };
	await cli.importCredentials([vaultCredential({ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, vaultDns: simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	const mappings = argv.automap ? ['mapped', 'auto'] : ['mapped'];
	await cli.importWorkflows(ITEM_COUNTS.flatMap((count) => [...ACTIONS.map((action) => loadWorkflow(count, action, 'mapped')), ...(argv.automap ? [loadWorkflow(count, 'create', 'auto')] : []), setWorkflow(count)]));
	log(`n8n ${n8n.version}; items ${ITEM_COUNTS.join(', ')}; actions ${ACTIONS.join(', ')}${argv.automap ? ' (+ create with Map Automatically)' : ''}; job ${JOB_MS} ms; poll every ${POLL_MS} ms`);

	const tables = [];
	for (const count of ITEM_COUNTS) {
		const failing = new Set(failingRows(count, FAIL_PERCENT));
		const records = Array.from({ length: count }, (_, index) => productRecord(index, FAIL_PERCENT));
		const recordsFile = join(workspace.input, `records-${count}.json`);
		writeFileSync(recordsFile, JSON.stringify(records));
		const csvFile = join(workspace.input, `records-${count}.csv`);
		writeFileSync(csvFile, buildCsv(records));
		const rows = [];
		const clients = [{ kind: 'node', mapping: 'mapped' }];
		if (argv.peers) clients.push({ kind: 'script' }, { kind: 'curl' });
		if (mappings.includes('auto')) clients.push({ kind: 'node', mapping: 'auto', actions: ['create'] });
		if (argv.reference) clients.push({ kind: 'set', actions: ['–'] });
		for (const client of clients) {
			// Each client starts from an empty Vault: its create makes the records its upsert updates.
			await simulator.reset();
			for (const action of client.actions ?? ACTIONS) {
				const load = loadavg()[0];
				const args = { count, action, failing, recordsFile, csvFile, mapping: client.mapping };
				const run = { node: runNode, script: runScript, curl: runCurl, set: runSet }[client.kind];
				const row = await run(context, args);
				if (action === 'create') {
					const made = (await simulator.records('product__v')).length;
					if (made !== count - failing.size) throw new Error(`${row.client}: the simulator holds ${made} products after the create, expected ${count - failing.size}`);
				}
				row.csvBytes ??= readFileSync(csvFile).length;
				rows.push({ ...row, action, load });
				const p = row.phases;
				log(`${count} rows, ${row.client}, ${action}: wall ${secs(p.wallMs)}${p.polls ? ` (${p.polls} polls, wait ${secs(p.pollWaitMs)}), simulator's job ${secs(p.jobMs)}` : ''}, beyond the job ${secs(p.beyondJobMs)}${row.rss ? `, RSS ${signedMib(row.rss.growth)}` : ''}${row.heap ? `, heap ${signedMib(row.heap.growth)}` : ''} (load ${load.toFixed(1)})`);
			}
		}
		tables.push({ count, rows });
		rmSync(recordsFile, { force: true });
		rmSync(csvFile, { force: true });
	}
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel: context.packageLabel, inRam: context.inRam, tables, totalMs: Date.now() - started, loadBefore, loadAfter: loadavg()[0] });
}

await runBench(main, '[bench loader]');
