// Object Record benchmark (issue #28), `npm run bench -- records [options]`: N items (10,000 by
// default) written to product__v with Create, then Create or Update by external ID over the records
// the Create made, in the real n8n CLI by the node's Object Record operations (Vault's bulk endpoint,
// 500 records per request) and by its own Vault Loader → Load (a CSV, a job, its logs), and in the
// same run against the same simulator by a careful Node script on the same bulk endpoint
// (bench/records-script.mjs). A benchmark, not a test: it prints numbers, and exits non-zero only
// when it could not measure or a record came back wrong.
//
//   node bench/records-bench.mjs [--items 10000] [--fail-percent 1] [--no-loader] [--no-script] [--tarball file.tgz]
//
// How it measures:
// - Data: productRecord(i) of loader-script.mjs; --fail-percent of the records (1 %) have an empty
//   name, which Vault refuses (the node refuses it before sending on Create: Vault requires it).
// - Node: Manual Trigger → Code (makes the N items with Vault's field names; untimed) → Veeva Vault
//   with Map Automatically (mapped expressions cost n8n about 0.7 ms per item and column, measured by
//   the Loader benchmark: the same for every operation, so left out here). Object Record runs with
//   Continue on Fail, so a refused record is an item, as the Loader's are. Wall: n8n's run data of
//   the Vault node.
// - Careful script: its own clock, from the records in memory to the last result paired.
// - From the simulator's request log: "simulator's work" = the sum of its requests' times (the
//   clients send one request at a time); "poll wait" = the Loader's waits between job polls;
//   "beyond the simulator" = wall − simulator's work − poll wait: what the client itself adds.
// - Memory: RSS of `n8n execute` (and of the script) from /proc every 50 ms: growth = peak during
//   the node − RSS when it started (the Code node's items already in memory).
// - Checks, outside the timing: one item per input item, paired with it, written or refused as
//   expected; the simulator holds N × 99 % products after each Create, the same after the upsert.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { PROJECT_ROOT, log, runProcess } from '../tools/processes.mjs';
import { API_VERSION, MiB, cpuLabel, cpuUse, executeSampled, mib, runBench, secs, setUpBench, signedMib, startSampler } from './lib.mjs';
import { FIELD_OF, failingRows, productRecord } from './loader-script.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const CREDENTIAL_ID = 'recordsBenchToken';
const CREDENTIAL_NAME = 'Vault records bench token';
const MAKE_NODE = 'Make Records';
const VAULT_NODE = 'Veeva Vault';
const KEY_FIELD = 'external_id__v';
const ACTIONS = ['create', 'upsert'];
const SCRIPT = join(PROJECT_ROOT, 'bench/records-script.mjs');
// Makes n8n's stdout blocking: the run's JSON of 10,000 items is lost at exit otherwise (see the file).
const N8N_PRELOAD = join(PROJECT_ROOT, 'bench/n8n-preload.cjs');

const USAGE = `Usage: node bench/records-bench.mjs [options]   (Node 24 on PATH)
  --items N,N          input items per run (default 10000)
  --fail-percent P     records with an empty name, which Vault refuses (default 1)
  --no-loader          skip the node's Vault Loader → Load runs
  --no-script          skip the careful script
  --tarball FILE       benchmark this packed package (npm pack output) instead of building this checkout
`;
const { values: argv } = parseArgs({
	options: {
		items: { type: 'string', default: '10000' },
		'fail-percent': { type: 'string', default: '1' },
		loader: { type: 'boolean', default: true },
		script: { type: 'boolean', default: true },
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
if (ITEM_COUNTS.some((count) => !Number.isInteger(count) || count < 1 || count > 1_000_000) || !(FAIL_PERCENT >= 0 && FAIL_PERCENT <= 100)) {
	process.stderr.write(USAGE);
	process.exit(2);
}

const CLIENTS = {
	records: 'node, Object Record (bulk endpoint)',
	loader: 'node, Vault Loader → Load',
	script: 'careful script (Node, fetch, bulk endpoint)',
};

// ------------------------------------------------------------------------------------ workflows

const workflowId = (count, operation, action) => `records-${operation}-${action}-${count}`;

/** Code node source making `count` items named as Vault's fields, from productRecord's own source. */
function makeRecordsCode(count) {
	return [
		productRecord.toString(),
		`const fieldOf = ${JSON.stringify(FIELD_OF)};`,
		'const items = [];',
		`for (let i = 0; i < ${count}; i++) { const record = productRecord(i, ${FAIL_PERCENT}); const json = {}; for (const [field, property] of Object.entries(fieldOf)) json[field] = record[property]; items.push({ json }); }`,
		'return items;',
	].join('\n');
}

function writeWorkflow(count, operation, action) {
	const columns = { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] };
	const object = { __rl: true, mode: 'name', value: 'product__v' };
	const keyField = action === 'create' ? {} : { keyField: KEY_FIELD };
	const parameters =
		operation === 'records'
			? { resource: 'objectRecord', operation: action, object, ...keyField, columns, options: {} }
			: { resource: 'loader', operation: 'load', objectType: 'vobjects__v', object, loadAction: action, ...keyField, dataSource: 'items', columns, waitForJob: true, options: {} };
	return {
		id: workflowId(count, operation, action),
		name: `Bench: ${CLIENTS[operation]} ${action}, ${count} items`,
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'bench-make', name: MAKE_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, position: [240, 0], parameters: { jsCode: makeRecordsCode(count) } },
			{
				id: 'bench-vault',
				name: VAULT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters,
				...(operation === 'records' ? { onError: 'continueRegularOutput' } : {}),
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

// ------------------------------------------------------------------------------------ measures

/** The client's requests between `start` and `end`: how many, the simulator's time on them, the
 * Loader's waits between job polls, and what is left of the wall time. */
function phasesOf(requests, start, end) {
	const sorted = requests.filter((request) => request.startedAt >= start - 50 && request.startedAt <= end).sort((a, b) => a.startedAt - b.startedAt);
	const unfinished = sorted.filter((request) => request.finishedAt === null);
	if (unfinished.length) throw new Error(`${unfinished.length} request(s) unanswered, e.g. ${unfinished[0].method} ${unfinished[0].path}`);
	const failed = sorted.filter((request) => request.responseStatus !== 'SUCCESS');
	if (failed.length) throw new Error(`${failed.length} request(s) did not succeed, e.g. ${failed[0].method} ${failed[0].path}: ${failed[0].responseStatus}`);
	const simulatorMs = sorted.reduce((sum, request) => sum + (request.finishedAt - request.startedAt), 0);
	const polls = sorted.filter((request) => request.route === 'jobStatus');
	let pollWaitMs = 0;
	for (let index = 1; index < polls.length; index++) pollWaitMs += polls[index].startedAt - polls[index - 1].finishedAt;
	const wallMs = end - start;
	return { wallMs, requests: sorted.length, writes: sorted.filter((request) => request.route === 'createObjectRecords').length, simulatorMs, pollWaitMs, beyondMs: wallMs - simulatorMs - pollWaitMs };
}

async function requestsSince(simulator, since) {
	return (await simulator.stats()).requests.filter((request) => request.startedAt >= since && request.route !== 'unknown');
}

function rssOver(samples, start, end) {
	const before = samples.findLast((sample) => sample.t <= start)?.rss ?? samples[0]?.rss ?? NaN;
	const inside = samples.filter((sample) => sample.t >= start && sample.t <= end + 100);
	const peak = Math.max(before, ...inside.map((sample) => sample.rss));
	return { before, peak, growth: peak - before };
}

/** Each item paired with its own input item, written (an id) or refused (about name__v) as expected. */
function checkItems(items, count, failing, operation) {
	let ok = 0;
	const wrong = [];
	for (const [index, item] of items.entries()) {
		const json = item.json ?? {};
		const refused = failing.has(index + 1);
		const written = operation === 'loader' ? json.loaded === true : !json.error;
		const right = index < count && item.pairedItem?.item === index && written === !refused && (written ? Boolean(json.id) : String(json.error).includes('name__v'));
		if (right) ok++;
		else if (wrong.length < 3) wrong.push({ index, pairedItem: item.pairedItem, json });
	}
	if (ok !== count || items.length !== count) throw new Error(`${operation}: ${ok} of ${count} items right (${items.length} items), e.g. ${JSON.stringify(wrong)}`);
}

async function runNode(context, { count, operation, action, failing }) {
	const since = Date.now();
	const { result, memory, simulatorCpu } = await executeSampled(context, workflowId(count, operation, action), `${operation} ${action} ${count}`);
	const run = nodeRun(result.run, VAULT_NODE);
	if (!run) throw new Error(`"${VAULT_NODE}" did not run`);
	const start = run.startTime;
	const end = run.startTime + run.executionTime;
	checkItems(nodeItems(result.run, VAULT_NODE), count, failing, operation);
	return {
		client: CLIENTS[operation],
		phases: phasesOf(await requestsSince(context.simulator, since), start, end),
		rss: rssOver(memory.samples, start, end),
		cpu: { client: cpuUse(memory, start, end), simulator: cpuUse(simulatorCpu, start, end) },
		executeMs: result.ms,
	};
}

async function runScript(context, { count, action, failing, recordsFile }) {
	const since = Date.now();
	const sampler = startSampler((cmd) => cmd.some((arg) => arg.endsWith('bench/records-script.mjs')));
	let result;
	let memory;
	try {
		const args = [SCRIPT, '--base', context.simulator.url, '--token', TOKEN, '--records', recordsFile, '--action', action, '--key-field', KEY_FIELD, '--api-version', API_VERSION];
		result = await runProcess(process.execPath, args, { node: true, label: `careful script ${action}`, timeoutMs: 60 * 60_000 });
	} finally {
		memory = sampler.stop();
	}
	if (result.code !== 0) throw new Error(`the careful script (${action}) exited ${result.signal ?? result.code}: ${result.stderr}`);
	const out = JSON.parse(result.stdout.trim().split('\n').at(-1));
	const failedOk = out.failedRows.length === failing.size && out.failedRows.every((row) => failing.has(row));
	if (out.paired !== count || !failedOk) throw new Error(`the careful script (${action}) paired ${out.paired} of ${count} records, failed records ${failedOk ? 'as expected' : 'not as expected'}`);
	return {
		client: CLIENTS.script,
		phases: phasesOf(await requestsSince(context.simulator, since), out.t.start, out.t.end),
		rss: rssOver(memory.samples, out.t.start, out.t.end),
		cpu: { client: cpuUse(memory, out.t.start, out.t.end) },
	};
}

// ------------------------------------------------------------------------------------ report

const s = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');

function report({ n8nVersion, packageLabel, tables, totalMs, loadBefore, loadAfter }) {
	const out = [
		`Object records: the Veeva Vault node (${packageLabel}) in n8n ${n8nVersion}, Object Record (Vault's bulk endpoint, 500 per request) and Vault Loader → Load (a CSV, one job), vs a careful Node script on the bulk endpoint; same simulated Vault (product__v), same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after. ` +
			`${FAIL_PERCENT} % of the records have an empty name (refused). Map Automatically. Seconds. "Beyond the simulator" = wall − the simulator's time on the client's requests − the Loader's poll wait.`,
	];
	for (const { count, rows } of tables) {
		out.push('', `**${count.toLocaleString('en-US')} items**`, '');
		out.push('| client | action | wall | requests (bulk writes) | simulator\'s work | poll wait | beyond the simulator | ÷ careful script | RSS before | RSS growth | CPU client; simulator | load |');
		out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
		for (const row of rows) {
			const p = row.phases;
			const careful = rows.find((other) => other.action === row.action && other.client === CLIENTS.script);
			out.push(
				`| ${row.client} | ${row.action} | ${s(p.wallMs)} | ${p.requests} (${p.writes}) | ${s(p.simulatorMs)} | ${s(p.pollWaitMs)} | **${s(p.beyondMs)}** | ${careful ? ratio(p.beyondMs, careful.phases.beyondMs) : '–'} | ` +
					`${mib(row.rss.before)} | ${signedMib(row.rss.growth)} | ${cpuLabel(row.cpu.client)}${row.cpu.simulator ? `; ${cpuLabel(row.cpu.simulator)}` : ''} | ${row.load.toFixed(1)} |`,
			);
		}
		const nodeRows = rows.filter((row) => row.executeMs);
		out.push('', `\`n8n execute\` as a whole (start-up, Code node, the Vault node, printing the run): ${nodeRows.map((row) => `${row.client} ${row.action} ${secs(row.executeMs)}`).join(', ')}.`);
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
		logPrefix: '[bench records]',
		ramBytes: 256 * MiB + biggest * 2000,
		diskBytes: 256 * MiB,
		diskBytesWithoutRam: 256 * MiB + biggest * 2000,
		tarball: argv.tarball,
		simulatorArgs: ['--burst-limit', '100000000', '--job-duration-ms', '0'],
	});
	const { cli, n8n, simulator, workspace } = context;
	cli.env = { NODE_OPTIONS: `--require ${N8N_PRELOAD}` };
	await cli.importCredentials([vaultCredential({ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, vaultDns: simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	const operations = ['records', ...(argv.loader ? ['loader'] : [])];
	await cli.importWorkflows(ITEM_COUNTS.flatMap((count) => operations.flatMap((operation) => ACTIONS.map((action) => writeWorkflow(count, operation, action)))));
	log(`n8n ${n8n.version}; items ${ITEM_COUNTS.join(', ')}; clients ${[...operations, ...(argv.script ? ['script'] : [])].join(', ')}`);

	const tables = [];
	for (const count of ITEM_COUNTS) {
		const failing = new Set(failingRows(count, FAIL_PERCENT));
		const recordsFile = join(workspace.input, `records-${count}.json`);
		mkdirSync(workspace.input, { recursive: true });
		writeFileSync(recordsFile, JSON.stringify(Array.from({ length: count }, (_, index) => productRecord(index, FAIL_PERCENT))));
		const rows = [];
		for (const operation of [...operations, ...(argv.script ? ['script'] : [])]) {
			// Each client starts from an empty Vault: its create makes the records its upsert updates.
			await simulator.reset();
			for (const action of ACTIONS) {
				const load = loadavg()[0];
				const args = { count, operation, action, failing, recordsFile };
				const row = operation === 'script' ? await runScript(context, args) : await runNode(context, args);
				const held = (await simulator.records('product__v')).length;
				if (held !== count - failing.size) throw new Error(`${row.client} ${action}: the simulator holds ${held} products, expected ${count - failing.size}`);
				rows.push({ ...row, action, load });
				const p = row.phases;
				log(`${count} items, ${row.client}, ${action}: wall ${secs(p.wallMs)}, ${p.requests} requests, simulator ${secs(p.simulatorMs)}, beyond the simulator ${secs(p.beyondMs)}, RSS ${signedMib(row.rss.growth)} (load ${load.toFixed(1)})`);
			}
		}
		tables.push({ count, rows });
		rmSync(recordsFile, { force: true });
	}
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel: context.packageLabel, tables, totalMs: Date.now() - started, loadBefore, loadAfter: loadavg()[0] });
}

await runBench(main, '[bench records]');
