// Trigger benchmark, `npm run bench -- trigger`: what one poll of the Veeva Vault Trigger costs on a
// large staging tree (20,000 files by default), per event and scenario: requests to Vault (the
// simulator's request log), milliseconds, and the size of the static data n8n stores afterwards.
// Scenarios: the first poll (takes note), a poll with nothing new, a poll with 100 new files. Beside
// them, in the same run: a careful script (fetch, no n8n) listing the same tree, the floor for any
// client, and the state the trigger kept before issue #29 (one key per file), computed from the listing.
// Prints markdown tables. A benchmark, not a test: it exits non-zero only when it could not measure.
//
//   node bench/trigger-bench.mjs [--files 20000] [--new 100] [--folders 20] [--repeat 3]
//
// How it runs the trigger: n8n-core's PollContext, as the engine tests do (test/harness/engine.ts,
// compiled with tsc into a temporary folder): the workflow's static data goes through JSON between
// polls, as n8n saves it. The simulator runs as its own process; the files are written into its
// staging folder on disk (modified over the 28 days before the bench, one every 2 minutes), the new
// ones as Vault would show them (modified now). To add an event: one entry in EVENTS.
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { SEED_ADMIN, SEED_ADMIN_TOKEN, startSimulator } from '../simulator/client.mjs';
import { PROJECT_ROOT, installCleanupHandlers, log, makeTempDir, runProcess, setLogPrefix } from '../tools/processes.mjs';
import { API_VERSION, checkoutLabel, median, runBench } from './lib.mjs';

const { values: argv } = parseArgs({
	options: {
		files: { type: 'string', default: '20000' },
		new: { type: 'string', default: '100' },
		folders: { type: 'string', default: '20' },
		repeat: { type: 'string', default: '3' },
	},
});
const FILES = Number(argv.files);
const NEW_FILES = Number(argv.new);
const FOLDERS = Number(argv.folders);
const REPEAT = Number(argv.repeat);
const ROOT = `/u${SEED_ADMIN.id}/bench`;
const MINUTE = 60_000;

/** One row group per event: its parameters, and how a scenario adds something new for it. */
const EVENTS = [
	{
		name: 'File Added or Changed',
		parameters: { event: 'fileAdded', path: ROOT, recursive: true, awaitWriteFinish: false },
		/** Adds `count` new files (modified now) in the tree; `round` keeps their names apart. */
		addNew: (staging, count, round) => writeFiles(staging, Array.from({ length: count }, (_, index) => ({ path: `${ROOT}/f${index % FOLDERS}/new-${round}-${index}.pdf`, modifiedMs: Date.now() }))),
	},
];

/** Writes files straight into the simulator's staging folder, with the given modified dates. */
function writeFiles(staging, files) {
	for (const file of files) {
		const target = join(staging, ...file.path.split('/').filter(Boolean));
		mkdirSync(join(target, '..'), { recursive: true });
		writeFileSync(target, 'x');
		utimesSync(target, new Date(file.modifiedMs), new Date(file.modifiedMs));
	}
}

/** The engine harness and the trigger, compiled (CommonJS) into `dir`, which sees this checkout's node_modules. */
async function compileHarness(dir) {
	symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
	const args = ['tsc', 'test/harness/engine.ts', 'nodes/VeevaVaultTrigger/VeevaVaultTrigger.node.ts', '--outDir', dir, '--rootDir', '.', '--module', 'commonjs', '--target', 'es2022'];
	const flags = ['--strict', '--useUnknownInCatchVariables', 'false', '--lib', 'es2022', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--resolveJsonModule', '--types', 'node'];
	const result = await runProcess('npx', [...args, ...flags], { label: 'tsc (bench harness)' });
	if (result.code !== 0) throw new Error(`tsc failed:\n${result.stdout}\n${result.stderr}`);
	// n8n-core keeps its settings in a user folder: a temporary one, as the engine tests do (test/harness/env.ts).
	process.env.N8N_USER_FOLDER = join(dir, 'n8n-user');
	process.env.N8N_ENCRYPTION_KEY = 'trigger-bench-encryption-key';
	mkdirSync(process.env.N8N_USER_FOLDER);
	const require = createRequire(join(dir, 'index.js'));
	const load = (file) => require(join(dir, file));
	return { engine: load('test/harness/engine.js'), trigger: load('nodes/VeevaVaultTrigger/VeevaVaultTrigger.node.js'), rules: load('nodes/VeevaVaultTrigger/events.js') };
}

/** The simulator's time answering `requests` (one at a time: each from its arrival to its answer). */
const vaultTime = (requests) => requests.reduce((sum, request) => sum + (request.finishedAt - request.startedAt), 0);

/** Lists the whole tree as a careful script would: fetch, 1,000 items a page, next_page to the end. */
async function scriptListing(simulator) {
	const before = await simulator.stats();
	const started = performance.now();
	const headers = { Authorization: SEED_ADMIN_TOKEN, Accept: 'application/json', 'X-VaultAPI-ClientID': 'trigger-bench' };
	let next = `${simulator.url}/api/${API_VERSION}/services/file_staging/items${ROOT}?recursive=true&limit=1000`;
	const items = [];
	while (next) {
		const body = await (await fetch(next, { headers })).json();
		if (body.responseStatus !== 'SUCCESS') throw new Error(`listing failed: ${JSON.stringify(body)}`);
		items.push(...body.data);
		next = body.responseDetails?.next_page;
	}
	const ms = performance.now() - started;
	const requests = await simulator.requestsSince(before);
	return { items, ms, requests: requests.length, vaultMs: vaultTime(requests) };
}

async function main() {
	setLogPrefix('[trigger-bench]');
	installCleanupHandlers();
	const root = makeTempDir('veeva-vault-trigger-bench-');
	const dataDir = join(root, 'vault');
	const staging = join(dataDir, 'staging');
	log(`compiling the engine harness into ${root}/build`);
	mkdirSync(join(root, 'build'));
	const { engine, trigger, rules } = await compileHarness(join(root, 'build'));
	const simulator = await startSimulator({ dataDir });
	log(`simulated Vault on ${simulator.url}; writing ${FILES} files in ${FOLDERS} folders`);
	const now = Date.now();
	writeFiles(staging, Array.from({ length: FILES }, (_, index) => ({ path: `${ROOT}/f${index % FOLDERS}/file-${index}.pdf`, modifiedMs: now - 2 * 60 * MINUTE - index * 2 * MINUTE })));

	const credentials = engine.newCredentialStore();
	credentials.set(engine.CREDENTIAL_ID, { vaultDns: simulator.url, apiVersion: API_VERSION, authMethod: 'token', accessToken: SEED_ADMIN_TOKEN });
	const node = new trigger.VeevaVaultTrigger();

	/** One poll: its events, requests, ms, and the static data's JSON size after it. */
	const poll = async (parameters, staticData) => {
		const before = await simulator.stats();
		const started = performance.now();
		const result = await engine.runPollNode(node, credentials, { parameters, staticData });
		const ms = performance.now() - started;
		const requests = await simulator.requestsSince(before);
		return { events: result?.[0]?.length ?? 0, requests: requests.length, ms, vaultMs: vaultTime(requests), stateBytes: JSON.stringify(staticData).length };
	};

	const rows = [];
	for (const event of EVENTS) {
		const runs = { first: [], nothing: [], added: [] };
		for (let round = 0; round < REPEAT; round++) {
			const staticData = {};
			runs.first.push(await poll(event.parameters, staticData));
			runs.nothing.push(await poll(event.parameters, staticData));
			event.addNew(staging, NEW_FILES, round);
			runs.added.push(await poll(event.parameters, staticData));
		}
		// Counts and state from the first round (the tree as filled); times the median of all rounds.
		const row = (scenario, list) => ({ event: event.name, scenario, events: list[0].events, requests: list[0].requests, ms: median(list.map((run) => run.ms)), vaultMs: median(list.map((run) => run.vaultMs)), stateBytes: list[0].stateBytes });
		rows.push(row('first poll (takes note)', runs.first), row('nothing new', runs.nothing), row(`${NEW_FILES} new files`, runs.added));
	}

	const script = [];
	for (let round = 0; round < REPEAT; round++) script.push(await scriptListing(simulator));
	const listed = script.at(-1).items;
	const perFileKeys = JSON.stringify({ watching: `fileAdded ${ROOT} true`, seen: listed.filter((item) => item.kind === 'file').map((file) => `${file.path}|${file.size}|${file.modified_date}`) }).length;

	// The trigger's own rules alone (no HTTP, no n8n) on this listing: a poll with nothing new.
	const settings = { ...EVENTS[0].parameters, idleForMoreThanHours: 1, expiringWithinHours: 24, filters: {} };
	const noted = rules.fileEvents(listed, {}, settings).state;
	const rulesMs = median(Array.from({ length: 5 }, () => {
		const started = performance.now();
		rules.fileEvents(listed, JSON.parse(JSON.stringify(noted)), settings);
		return performance.now() - started;
	}));

	console.log(`\n### Veeva Vault Trigger, ${FILES.toLocaleString('en')} files in ${FOLDERS} folders (${listed.length.toLocaleString('en')} items), ${await checkoutLabel()}, median of ${REPEAT}\n`);
	console.log('| event | scenario | events | requests to Vault | ms | of which the simulator | beyond the simulator | static data (JSON bytes) |');
	console.log('|---|---|---|---|---|---|---|---|');
	const msCells = (ms, vaultMs) => `${ms.toFixed(0)} | ${vaultMs.toFixed(0)} | ${(ms - vaultMs).toFixed(0)}`;
	for (const r of rows) console.log(`| ${r.event} | ${r.scenario} | ${r.events} | ${r.requests} | ${msCells(r.ms, r.vaultMs)} | ${r.stateBytes.toLocaleString('en')} |`);
	const scriptMs = median(script.map((run) => run.ms));
	const scriptVaultMs = median(script.map((run) => run.vaultMs));
	console.log(`| careful script (fetch, listing only, no state) | any poll | – | ${script.at(-1).requests} | ${msCells(scriptMs, scriptVaultMs)} | – |`);
	console.log(`| File Added or Changed, its rules alone (events.ts, sketch included) | nothing new | 0 | – | ${rulesMs.toFixed(0)} | – | – | – |`);
	console.log(`| one key per file (the trigger's state before #29) | after any poll | – | – | – | – | – | ${perFileKeys.toLocaleString('en')} |`);
}

await runBench(main, '[trigger-bench]');
