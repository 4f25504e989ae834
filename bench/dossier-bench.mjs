// Dossier benchmark (issue #18), `npm run bench -- dossier [options]`: many small files, the case
// Items in Parallel is for. A generated eCTD-like dossier (1,000 files by default, 4 KiB to 2 MiB,
// log-uniform, nested folders m1/… to m5/…) is uploaded to and downloaded from the simulated Vault
// by the Veeva Vault node in the real n8n CLI at several Items in Parallel settings, and by two
// shell scripts, a sequential loop and the same with `xargs -P N`, every client through the same
// latency proxy (bench/latency-proxy.mjs) at each RTT. Prints a table per RTT and file count. A
// benchmark, not a test: it exits 0 when a target is missed (and says so), non-zero only when it
// could not measure or a byte came back wrong.
//
//   node bench/dossier-bench.mjs [--rtt 0,50] [--files 1000] [--parallel 1,2,5,10] [--seed 18]
//                                [--only upload|download] [--no-scripts] [--tarball file.tgz]
//                                [--vvfst PATH] [--trace [--profile] [--keep DIR]]
//
// With --vvfst, Veeva's CLI uploads the same dossier (`vvfst upload -t 4` and `-t 10`, issue #30).
// With --trace, every node run is traced (bench/n8n-trace.cjs) and summed up by bench/breakdown.mjs:
// where a file's time goes (requests and their phases, connections, reads of the binary store,
// and with --profile a V8 CPU profile's self time by kind of code over the window).
//
// How it measures:
// - Upload, node: Manual Trigger → Read/Write Files from Disk (read, glob over the dossier: one item
//   per file) → Veeva Vault Staging Item → Upload File, Staging Path an expression built from the
//   binary's directory and file name (/dossier/<relative path>), Items in Parallel N. Files of up to
//   50 MB go in one "Create Folder or File" request each (multipart, Content-MD5).
// - Upload, scripts: per file `md5sum`, then `curl -F kind=file -F path=… -F file=@…` with that
//   Content-MD5 and the API token (one process and connection per file, no `Expect: 100-continue`
//   wait); the sequential one in a `while read` loop, the parallel one with `xargs -P N`, N the
//   node's default Items in Parallel. The MD5s run inside the timed window.
// - Download, node: Manual Trigger → Veeva Vault Get Many (/dossier, Include Subfolders, Return
//   All, Files Only) → Download (Items in Parallel N) → Read/Write Files from Disk (write).
//   Download, scripts: `curl -o`, then `md5sum` of the file, per file (the list comes from the
//   local tree; the node lists the folder first, outside its window).
// - Window: the simulator's own log (GET /_sim/stats): first transfer request received (route
//   createItem for uploads, downloadItem for downloads) → last one answered. Also shown: the
//   workflow's wall time (n8n's run data, Read File or listing and Write File included) or the
//   script's, and for downloads to disk the window to the end of Write File.
// - Memory: /proc of the `n8n execute` process every 50 ms; growth = largest RSS from the window's
//   start on − RSS when the window started (the transfer's own cost, Read File's items already in
//   memory). Limit: 64 MiB + N × 25 MiB (a part each).
// - Every byte checked after each run, outside the window: uploads, the listing of /dossier holds
//   exactly the dossier's files and each one's MD5 (downloaded straight from the simulator, not
//   through the proxy) equals the source's; downloads, each written file's MD5 equals the source's.
// - The dossier, n8n's binary data, the simulator's data and the download targets are in RAM
//   (/dev/shm) when there is room; folders of the targets are made before each download run.
import { createHash, randomFillSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { describeBreakdown, readTrace } from './breakdown.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { PROJECT_ROOT, log, md5OfFile, runProcess } from '../tools/processes.mjs';
import {
	API_VERSION,
	MiB,
	cpuLabel,
	cpuUse,
	executeSampled,
	isLatencyProxy,
	isSimulator,
	mapConcurrently,
	mib,
	runBench,
	secs,
	setUpBench,
	signedMib,
	startLatencyProxy,
	startSampler,
	sync,
} from './lib.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const STAGING_ROOT = '/dossier';
const CREDENTIAL_NAME = 'Vault dossier bench token';
const READ_NODE = 'Read Files';
const LIST_NODE = 'List Staged Files';
const VAULT_NODE = 'Veeva Vault';
const WRITE_NODE = 'Write Files';
const PART_BYTES = 25 * MiB;
const MIN_FILE = 4 * 1024;
const MAX_FILE = 2 * MiB;
const N8N_PRELOAD = join(PROJECT_ROOT, 'bench/n8n-preload.cjs');
const N8N_TRACE = join(PROJECT_ROOT, 'bench/n8n-trace.cjs');
const DEFAULT_ITEMS_IN_PARALLEL = Number(/DEFAULT_ITEMS_IN_PARALLEL = (\d+)/.exec(readFileSync(join(PROJECT_ROOT, 'nodes/VeevaVault/actions/runOptions.ts'), 'utf8'))?.[1]);

const USAGE = `Usage: node bench/dossier-bench.mjs [options]   (Node 24 on PATH)
  --rtt MS,MS          round-trip times of the latency proxy (default 0,50)
  --files N,N          dossier sizes in files (default 1000; e.g. 250,1000 to see memory stay flat)
  --parallel N,N       the node's Items in Parallel settings (default 1,2,${DEFAULT_ITEMS_IN_PARALLEL},10)
  --script-parallel N  xargs -P of the parallel script (default ${DEFAULT_ITEMS_IN_PARALLEL}, the node's default)
  --seed N             seed of the dossier's sizes and folders (default 18)
  --only KIND          upload or download only
  --no-scripts         the node only (e.g. to see its memory at several dossier sizes)
  --tarball FILE       benchmark this packed package (npm pack output) instead of building this checkout
  --trace              time every request and binary read of the node's runs (bench/n8n-trace.cjs) and
                       print where a file's time goes
  --profile            with --trace: also a V8 CPU profile of n8n (--cpu-prof), summed up over the window
  --keep DIR           keep the traces and profiles in DIR (else they go with the workspace)
  --vvfst PATH         also upload with Veeva's CLI vvfst at this path (built for plain http, see
                       bench/README.md): \`vvfst upload -t 4\` and \`-t 10\` rows
`;
const { values: argv } = parseArgs({
	options: {
		rtt: { type: 'string', default: '0,50' },
		files: { type: 'string', default: '1000' },
		parallel: { type: 'string', default: `1,2,${DEFAULT_ITEMS_IN_PARALLEL},10` },
		'script-parallel': { type: 'string', default: String(DEFAULT_ITEMS_IN_PARALLEL) },
		seed: { type: 'string', default: '18' },
		only: { type: 'string' },
		scripts: { type: 'boolean', default: true },
		tarball: { type: 'string' },
		trace: { type: 'boolean', default: false },
		profile: { type: 'boolean', default: false },
		keep: { type: 'string' },
		vvfst: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
	allowNegative: true,
});
if (argv.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}
const numbers = (text) => text.split(',').map((value) => Number(value.trim()));
const RTTS = numbers(argv.rtt);
const FILE_COUNTS = numbers(argv.files);
const PARALLEL = [...new Set(numbers(argv.parallel))];
const SCRIPT_PARALLEL = Number(argv['script-parallel']);
const SEED = Number(argv.seed);
const KINDS = argv.only ? [argv.only] : ['upload', 'download'];
if (
	!Number.isInteger(DEFAULT_ITEMS_IN_PARALLEL) ||
	RTTS.some((rtt) => !Number.isFinite(rtt) || rtt < 0) ||
	FILE_COUNTS.some((count) => !Number.isInteger(count) || count < 1 || count > 5000) ||
	PARALLEL.some((n) => !Number.isInteger(n) || n < 1 || n > 10) ||
	!Number.isInteger(SCRIPT_PARALLEL) ||
	SCRIPT_PARALLEL < 1 ||
	!Number.isInteger(SEED) ||
	KINDS.some((kind) => kind !== 'upload' && kind !== 'download')
) {
	process.stderr.write(USAGE);
	process.exit(2);
}

// ------------------------------------------------------------------------------------ the dossier

/** Folders of an eCTD-like sequence (modules 1 to 5, a few levels deep). */
const FOLDERS = [
	'0000/m1/us/11-forms',
	'0000/m1/us/12-cover-letters',
	'0000/m1/us/13-admin-info/131-contacts',
	'0000/m1/us/14-labeling/141-draft',
	'0000/m1/us/16-meetings',
	'0000/m2/23-qos',
	'0000/m2/25-clin-over',
	'0000/m2/26-nonclin-sum/261-pharmacology',
	'0000/m2/26-nonclin-sum/262-pharmacokinetics',
	'0000/m2/27-clin-sum/273-efficacy',
	'0000/m2/27-clin-sum/274-safety',
	'0000/m3/32-body-data/32s-drug-sub/substance-1/32s1-gen-info',
	'0000/m3/32-body-data/32s-drug-sub/substance-1/32s2-manuf',
	'0000/m3/32-body-data/32s-drug-sub/substance-1/32s4-contr-drug-sub',
	'0000/m3/32-body-data/32p-drug-prod/product-1/32p2-pharm-dev',
	'0000/m3/32-body-data/32p-drug-prod/product-1/32p3-manuf',
	'0000/m3/32-body-data/32p-drug-prod/product-1/32p5-contr-drug-prod',
	'0000/m3/32-body-data/32p-drug-prod/product-1/32p8-stab',
	'0000/m3/33-lit-ref',
	'0000/m4/42-stud-rep/421-pharmacol/4211-prim-pd',
	'0000/m4/42-stud-rep/422-pk/4222-absorp',
	'0000/m4/42-stud-rep/423-tox/4232-repeat-dose-tox',
	'0000/m4/42-stud-rep/423-tox/4233-genotox',
	'0000/m5/52-tab-list',
	'0000/m5/53-clin-stud-rep/531-rep-biopharm-stud/5312-compar-ba-be',
	'0000/m5/53-clin-stud-rep/533-rep-human-pk-stud/5331-healthy-subj-pk',
	'0000/m5/53-clin-stud-rep/535-rep-effic-safety-stud/indication-1/5351-contr/study-001',
	'0000/m5/53-clin-stud-rep/535-rep-effic-safety-stud/indication-1/5351-contr/study-002',
	'0000/m5/53-clin-stud-rep/535-rep-effic-safety-stud/indication-1/5353-analys-data',
	'0000/m5/53-clin-stud-rep/537-crf-ipl/study-001',
	'0000/m5/54-lit-ref',
];

/** A small seeded generator (mulberry32): the same dossier for the same seed. */
function seeded(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The dossier's files, the first `count` of the seed's sequence: { rel, bytes }. */
function dossierPlan(count) {
	const random = seeded(SEED);
	const files = [];
	for (let index = 0; index < count; index++) {
		const folder = FOLDERS[Math.floor(random() * FOLDERS.length)];
		const bytes = Math.round(MIN_FILE * (MAX_FILE / MIN_FILE) ** random());
		files.push({ rel: `${folder}/${folder.split('/').pop()}-${String(index + 1).padStart(4, '0')}.pdf`, bytes });
	}
	return files;
}

/** Writes the dossier under `root` (random bytes); returns its files with their MD5. */
async function writeDossier(root, count) {
	const block = Buffer.allocUnsafe(MAX_FILE);
	const files = dossierPlan(count);
	for (const [index, file] of files.entries()) {
		if (index % 50 === 0) await new Promise((ok) => setImmediate(ok));
		const data = block.subarray(0, file.bytes);
		randomFillSync(data);
		const path = join(root, file.rel);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, data);
		file.md5 = createHash('md5').update(data).digest('hex');
	}
	return files;
}

// ------------------------------------------------------------------------------------ workflows

const workflowId = (kind, rtt, count, n) => `dossier-${kind}-r${rtt}-f${count}-p${n}`;

function uploadWorkflow({ id, credentialId, dossierDir, n }) {
	const base = dossierDir.length;
	return {
		id,
		name: `Bench: upload a dossier, Items in Parallel ${n}`,
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'bench-read',
				name: READ_NODE,
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: { operation: 'read', fileSelector: `${dossierDir}/**/*`, options: { dataPropertyName: 'data' } },
			},
			{
				id: 'bench-vault',
				name: VAULT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'stagingItem',
					operation: 'upload',
					binaryPropertyName: 'data',
					// The file's folder below the dossier's root, and its name.
					path: `={{ '${STAGING_ROOT}' + $binary.data.directory.slice(${base}) + '/' + $binary.data.fileName }}`,
					options: { itemsInParallel: n, overwrite: true },
				},
				credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			Start: { main: [[{ node: READ_NODE, type: 'main', index: 0 }]] },
			[READ_NODE]: { main: [[{ node: VAULT_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

function downloadWorkflow({ id, credentialId, targetDir, n }) {
	const credentials = { [CREDENTIAL_TYPE]: { id: credentialId, name: CREDENTIAL_NAME } };
	return {
		id,
		name: `Bench: download a dossier, Items in Parallel ${n}`,
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'bench-list',
				name: LIST_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'stagingItem', operation: 'getAll', path: STAGING_ROOT, recursive: true, returnAll: true, filters: { kind: 'file' } },
				credentials,
			},
			{
				id: 'bench-vault',
				name: VAULT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: { resource: 'stagingItem', operation: 'download', path: '={{ $json.path }}', binaryPropertyName: 'data', options: { itemsInParallel: n } },
				credentials,
			},
			{
				id: 'bench-write',
				name: WRITE_NODE,
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [720, 0],
				parameters: { operation: 'write', fileName: `={{ '${targetDir}' + $json.path }}`, dataPropertyName: 'data', options: {} },
			},
		],
		connections: {
			Start: { main: [[{ node: LIST_NODE, type: 'main', index: 0 }]] },
			[LIST_NODE]: { main: [[{ node: VAULT_NODE, type: 'main', index: 0 }]] },
			[VAULT_NODE]: { main: [[{ node: WRITE_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

// ------------------------------------------------------------------------------------ scripts

const quote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;

/**
 * The scripts' one-file step: upload (md5sum, then curl's multipart "Create Folder or File") or
 * download (curl -o, then md5sum). Its arguments: the file's path relative to the dossier.
 */
function oneFileScript(kind, { baseUrl, dossierDir, targetDir }) {
	const headers = `-H ${quote(`Authorization: ${TOKEN}`)} -H 'Accept: application/json' -H 'X-VaultAPI-ClientID: dossier-bench-curl'`;
	const lines = ['set -euo pipefail', 'rel="$1"'];
	if (kind === 'upload') {
		lines.push(
			`file=${quote(dossierDir)}/"$rel"`,
			'md5=$(md5sum "$file" | cut -d " " -f 1)',
			`curl -sS --fail ${headers} -H 'Expect:' -H "Content-MD5: $md5" -F kind=file -F "path=${STAGING_ROOT}/$rel" -F overwrite=true -F "file=@$file;type=application/octet-stream" ${quote(`${baseUrl}/api/${API_VERSION}/services/file_staging/items`)} | grep -q '"responseStatus" *: *"SUCCESS"'`,
		);
	} else {
		lines.push(
			`target=${quote(targetDir)}/"$rel"`,
			`curl -sS --fail ${headers} -o "$target" ${quote(`${baseUrl}/api/${API_VERSION}/services/file_staging/items/content${STAGING_ROOT}/`)}"$rel"`,
			'md5sum "$target"',
		);
	}
	return `${lines.join('\n')}\n`;
}

/** Runs the sequential (`parallel` 1: a while-read loop) or parallel (`xargs -P`) script. */
async function runScript(context, kind, { parallel, files, targetDir }) {
	const { workspace } = context;
	const one = join(workspace.files, `${kind}-one.sh`);
	writeFileSync(one, oneFileScript(kind, { baseUrl: context.proxy.url, dossierDir: context.dossierDir, targetDir }));
	const list = join(workspace.files, 'files.list');
	writeFileSync(list, files.map((file) => `${file.rel}\0`).join(''));
	const script =
		parallel === 1
			? `set -euo pipefail\nwhile IFS= read -r -d '' rel; do bash ${quote(one)} "$rel"; done < ${quote(list)}\n`
			: `set -euo pipefail\nxargs -0 -P ${parallel} -n 1 bash ${quote(one)} < ${quote(list)}\n`;
	const started = Date.now();
	const result = await runProcess('bash', ['-c', script], { label: `${kind} script`, timeoutMs: 60 * 60_000 });
	const ended = Date.now();
	if (result.code !== 0) throw new Error(`the ${kind} script (-P ${parallel}) exited ${result.signal ?? result.code}: ${result.stderr.slice(-2000)}`.trim());
	if (kind === 'download') {
		// The script's own md5sum lines must agree with the sources too.
		const printed = new Map(result.stdout.trim().split('\n').map((line) => [line.slice(34 + targetDir.length + 1), line.slice(0, 32)]));
		const wrong = files.filter((file) => printed.get(file.rel) !== file.md5);
		if (wrong.length) throw new Error(`the download script's md5sum disagrees for ${wrong.length} file(s), e.g. ${wrong[0].rel}`);
	}
	return { started, ended, wallMs: ended - started };
}

// ------------------------------------------------------------------------------------ runs

/** The transfer requests the simulator saw from `since` on: window, refusals, peak in flight. */
async function transferWindow(simulator, since, route, expected) {
	const stats = await simulator.stats();
	const seen = stats.requests.filter((request) => request.startedAt >= since);
	const transfers = seen.filter((request) => request.route === route);
	const refused = seen.filter((request) => request.route === 'stagingConcurrencyLimit').length;
	const failed = transfers.filter((request) => request.responseStatus !== 'SUCCESS' || request.finishedAt === null);
	// A download's log entry has no envelope status; it counts when it finished.
	const bad = route === 'downloadItem' ? transfers.filter((request) => request.finishedAt === null) : failed;
	if (bad.length) throw new Error(`${bad.length} ${route} request(s) failed: ${bad.slice(0, 3).map((request) => `${request.path} ${request.responseStatus}`).join(', ')}`);
	const succeeded = new Set(transfers.map((request) => request.path + (request.query ?? '')));
	if (transfers.length < expected) throw new Error(`the simulator saw ${transfers.length} ${route} requests, expected ${expected} (${succeeded.size} distinct)`);
	const start = Math.min(...transfers.map((request) => request.startedAt));
	const end = Math.max(...transfers.map((request) => request.finishedAt));
	const serverMs = transfers.map((request) => request.finishedAt - request.startedAt).sort((a, b) => a - b);
	return { start, end, ms: end - start, requests: transfers.length, refused, peakInFlight: stats.peakStagingInFlight, medianServerMs: serverMs[Math.floor(serverMs.length / 2)] };
}

/** Every file of the dossier is staged with the source's MD5, and nothing else is. */
async function verifyStaged(simulator, files) {
	const listed = (await simulator.listStagedItems(TOKEN, STAGING_ROOT, API_VERSION)).filter((item) => item.kind === 'file');
	const expected = new Set(files.map((file) => `${STAGING_ROOT}/${file.rel}`));
	const extra = listed.filter((item) => !expected.has(item.path));
	if (listed.length !== files.length || extra.length) throw new Error(`the simulator holds ${listed.length} files under ${STAGING_ROOT} (${extra.length} unexpected), expected ${files.length}`);
	const digests = await mapConcurrently(files, 6, (file) => simulator.stagedFileDigest(TOKEN, `${STAGING_ROOT}/${file.rel}`, API_VERSION));
	const wrong = files.filter((file, index) => digests[index].md5 !== file.md5 || digests[index].size !== file.bytes);
	if (wrong.length) throw new Error(`${wrong.length} staged file(s) differ from the source, e.g. ${wrong[0].rel}`);
}

/** How many of the dossier's files are staged; each one staged must have the source's MD5. */
async function verifyStagedSubset(simulator, files) {
	const listed = new Set((await simulator.listStagedItems(TOKEN, STAGING_ROOT, API_VERSION)).filter((item) => item.kind === 'file').map((item) => item.path));
	const present = files.filter((file) => listed.has(`${STAGING_ROOT}/${file.rel}`));
	const digests = await mapConcurrently(present, 6, (file) => simulator.stagedFileDigest(TOKEN, `${STAGING_ROOT}/${file.rel}`, API_VERSION));
	const wrong = present.filter((file, index) => digests[index].md5 !== file.md5 || digests[index].size !== file.bytes);
	if (wrong.length) throw new Error(`${wrong.length} staged file(s) differ from the source, e.g. ${wrong[0].rel}`);
	return present.length;
}

async function verifyDownloaded(targetDir, files) {
	const digests = await mapConcurrently(files, 4, (file) => md5OfFile(join(targetDir, file.rel)).catch(() => null));
	const wrong = files.filter((file, index) => digests[index] !== file.md5);
	if (wrong.length) throw new Error(`${wrong.length} downloaded file(s) differ from the source or are missing, e.g. ${wrong[0].rel}`);
}

function emptyDir(dir) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
}

/** Memory from the window's start on: RSS then, the largest after, growth. */
function memoryOver(memory, start) {
	const before = memory.samples.findLast((sample) => sample.t <= start)?.rss ?? memory.samples[0]?.rss ?? NaN;
	const peak = Math.max(0, ...memory.samples.filter((sample) => sample.t >= start).map((sample) => sample.rss));
	return { before, peak, growth: peak - before, hwm: memory.hwm };
}

const runWallMs = (run) => (run?.startedAt && run?.stoppedAt ? Date.parse(run.stoppedAt) - Date.parse(run.startedAt) : NaN);

async function runNode(context, kind, { n, files, targetDir }) {
	const { simulator, workspace } = context;
	const id = workflowId(kind, context.proxy.rttMs, files.length, n);
	const since = Date.now();
	const diagnostics = diagnosticsFor(context, id);
	const proxySampler = startSampler(isLatencyProxy);
	let proxyCpu;
	let sampled;
	try {
		sampled = await executeSampled(context, id, `${kind}, Items in Parallel ${n}`);
	} finally {
		proxyCpu = proxySampler.stop();
		// The next n8n commands (imports) must not overwrite this run's trace.
		context.cli.env = {};
	}
	const { result, memory, simulatorCpu } = sampled;
	const out = nodeItems(result.run, VAULT_NODE);
	if (out.length !== files.length) throw new Error(`"${VAULT_NODE}" gave ${out.length} items, expected ${files.length}`);
	const window = await transferWindow(simulator, since, kind === 'upload' ? 'createItem' : 'downloadItem', files.length);
	const row = {
		window,
		wallMs: runWallMs(result.run),
		executeMs: result.ms,
		memory: memoryOver(memory, window.start),
		cpu: { n8n: cpuUse(memory, window.start, window.end), simulator: cpuUse(simulatorCpu, window.start, window.end), proxy: cpuUse(proxyCpu, window.start, window.end) },
	};
	if (kind === 'download') {
		const write = nodeRun(result.run, WRITE_NODE);
		row.toDiskMs = write.startTime + write.executionTime - window.start;
		await verifyDownloaded(join(targetDir, STAGING_ROOT.slice(1)), files);
	} else {
		await verifyStaged(simulator, files);
	}
	if (diagnostics) {
		row.breakdown = diagnostics.read(window, n, files.length);
		log(`where the time went:\n${row.breakdown}`);
	}
	// n8n's binary data of this execution is not needed any more.
	if (workspace.binaryData) emptyDir(workspace.binaryData);
	return row;
}

/**
 * n8n's environment for a run: stdout made blocking (the run's JSON of 1,000 items was cut off at
 * exit otherwise), and with --trace the trace preload (and with --profile a CPU profile), read
 * after the run by `read`.
 */
function diagnosticsFor(context, id) {
	const { cli, workspace } = context;
	cli.env = { NODE_OPTIONS: `--require ${N8N_PRELOAD}` };
	if (!argv.trace) return undefined;
	const dir = join(argv.keep ?? join(workspace.root, 'diagnostics'), id);
	emptyDir(dir);
	const traceFile = join(dir, 'trace.jsonl');
	cli.env = {
		NODE_OPTIONS: `--require ${N8N_PRELOAD} --require ${N8N_TRACE}${argv.profile ? ` --cpu-prof --cpu-prof-dir=${dir}` : ''}`,
		BENCH_TRACE_FILE: traceFile,
	};
	return {
		read(window, n, files) {
			if (!existsSync(traceFile)) return 'no trace was written';
			const events = readTrace(traceFile);
			// n8n execute starts task runners too: the largest profile is the main process's.
			const profiles = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(dir, name));
			const largest = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
			const profile = largest ? JSON.parse(readFileSync(largest, 'utf8')) : undefined;
			return describeBreakdown({ events, profile, from: window.start, to: window.end, files, lanes: n, binaryDir: workspace.binaryData }).text;
		},
	};
}

async function runPeer(context, kind, { parallel, files, targetDir }) {
	const { simulator } = context;
	const since = Date.now();
	const simulatorSampler = startSampler(isSimulator);
	const proxySampler = startSampler(isLatencyProxy);
	let script;
	let simulatorCpu;
	let proxyCpu;
	try {
		script = await runScript(context, kind, { parallel, files, targetDir });
	} finally {
		simulatorCpu = simulatorSampler.stop();
		proxyCpu = proxySampler.stop();
	}
	const window = await transferWindow(simulator, since, kind === 'upload' ? 'createItem' : 'downloadItem', files.length);
	const row = { window, wallMs: script.wallMs, cpu: { simulator: cpuUse(simulatorCpu, window.start, window.end), proxy: cpuUse(proxyCpu, window.start, window.end) } };
	if (kind === 'download') {
		row.toDiskMs = script.ended - window.start;
		await verifyDownloaded(targetDir, files);
	} else {
		await verifyStaged(simulator, files);
	}
	return row;
}

/** vvfst's threads (`upload -t N`), the rows issue #30 compares the node with. */
const VVFST_THREADS = [4, 10];

/**
 * Veeva's CLI uploading the dossier folder (`vvfst upload -o -t N <dossier> /dossier`): a Go process
 * that keeps its connections alive and sends no Content-MD5. Its configuration (in a HOME of its
 * own) holds the proxy's address and the API token as its session, which it sends as a Bearer
 * token; it makes each folder as it walks the tree. Timed whole, process start to exit.
 */
async function runVvfst(context, { threads, files }) {
	const { simulator, workspace, proxy } = context;
	const home = join(workspace.files, `vvfst-home-${proxy.rttMs}-${threads}`);
	emptyDir(home);
	const config = [`domain_name: ${new URL(proxy.url).host}`, `api_version: ${API_VERSION}`, 'auth_result:', `  session_id: ${TOKEN}`, '  user_id: "1"', '  vault_id: "1"'];
	writeFileSync(join(home, '.vvfst.yaml'), `${config.join('\n')}\n`);
	const since = Date.now();
	const isVvfst = (cmd) => cmd[0] === argv.vvfst;
	const samplers = [startSampler(isVvfst), startSampler(isSimulator), startSampler(isLatencyProxy)];
	let result;
	let sampled;
	const started = Date.now();
	try {
		result = await runProcess(argv.vvfst, ['upload', '-o', '-t', String(threads), context.dossierDir, STAGING_ROOT], { label: `vvfst -t ${threads}`, env: { PATH: process.env.PATH, HOME: home }, timeoutMs: 60 * 60_000 });
	} finally {
		sampled = samplers.map((sampler) => sampler.stop());
	}
	const ended = Date.now();
	if (result.code !== 0) throw new Error(`vvfst -t ${threads} exited ${result.signal ?? result.code}: ${(result.stderr + result.stdout).slice(-2000)}`.trim());
	// vvfst makes the folders with the same call as the files: the window starts at the first of either.
	const window = await transferWindow(simulator, since, 'createItem', files.length);
	const [client, simulatorCpu, proxyCpu] = sampled;
	// vvfst does not send a request again that Vault refused (an 11th File Staging request at once,
	// which its folder-making walk beside N upload threads can be) and still exits 0: its rows count
	// the files it staged, and say how many it lost. A staged file must still be byte-exact.
	const staged = await verifyStagedSubset(simulator, files);
	return { window, wallMs: ended - started, staged, lost: files.length - staged, cpu: { n8n: cpuUse(client, window.start, window.end), simulator: cpuUse(simulatorCpu, window.start, window.end), proxy: cpuUse(proxyCpu, window.start, window.end) } };
}

/** The same folders as the dossier under `targetDir` (n8n's Write File does not make folders). */
function prepareTarget(targetDir, files) {
	emptyDir(targetDir);
	for (const folder of new Set(files.map((file) => dirname(file.rel)))) mkdirSync(join(targetDir, STAGING_ROOT, folder), { recursive: true });
}

/** Every client, uploads then downloads, at one RTT and dossier size. */
async function measure(context, files) {
	const { simulator, workspace } = context;
	const rows = [];
	const clients = PARALLEL.map((n) => ({ label: `node, Items in Parallel ${n}`, node: true, n }));
	if (argv.scripts) clients.push({ label: 'script, sequential', node: false, n: 1 }, { label: `script, xargs -P ${SCRIPT_PARALLEL}`, node: false, n: SCRIPT_PARALLEL });
	const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
	for (const kind of KINDS) {
		const vvfst = argv.vvfst && kind === 'upload' ? VVFST_THREADS.map((n) => ({ label: `vvfst upload -t ${n}`, node: false, vvfst: true, n })) : [];
		for (const client of [...clients, ...vvfst]) {
			const targetDir = join(workspace.output, 'target');
			// A reset before every run: the request log and the peak in flight are the run's own.
			await simulator.reset();
			if (kind === 'download') {
				cpSync(context.dossierDir, join(workspace.simulatorDataDir, 'staging', STAGING_ROOT.slice(1)), { recursive: true });
				prepareTarget(targetDir, files);
			}
			await sync();
			const load = loadavg()[0];
			// The node writes to targetDir + the staging path; the scripts to targetDir/dossier.
			const row = client.node
				? await runNode(context, kind, { n: client.n, files, targetDir })
				: client.vvfst
					? await runVvfst(context, { threads: client.n, files })
					: await runPeer(context, kind, { parallel: client.n, files, targetDir: join(targetDir, STAGING_ROOT.slice(1)) });
			rmSync(targetDir, { recursive: true, force: true });
			rows.push({ kind, ...client, files: row.staged ?? files.length, bytes, load, ...row });
			if (row.lost) rows.at(-1).label += ` (${row.lost} files lost: refused, never sent again)`;
			log(`RTT ${context.proxy.rttMs} ms, ${files.length} files, ${kind}, ${client.label}: ${secs(row.window.ms)}, ${(files.length / (row.window.ms / 1000)).toFixed(1)} files/s${row.memory ? `, growth ${signedMib(row.memory.growth)}` : ''} (load ${load.toFixed(1)})`);
		}
	}
	return rows;
}

// ------------------------------------------------------------------------------------ report

function report({ n8nVersion, packageLabel, inRam, tables, totalMs, loadBefore, loadAfter }) {
	const out = [];
	out.push(
		`Veeva Vault node (${packageLabel}) in n8n ${n8nVersion} (filesystem binary data) vs shell scripts with curl, dossier of 4 KiB–2 MiB files (seed ${SEED}), every client through the same latency proxy, same simulated Vault, same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, data ${inRam ? 'in RAM (tmpfs)' : 'on disk'}; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after. ` +
			`Window: the simulator's first transfer request received → last answered. Ratios are of throughput (files/s). ` +
			`Per file and lane: window × N ÷ files (the time one of the N lanes spends per file, 3 RTT of it the network's: handshakes and the request) / the simulator's median time per request.`,
	);
	const verdicts = [];
	for (const { rtt, count, rows } of tables) {
		for (const kind of KINDS) {
			const of = rows.filter((row) => row.kind === kind);
			if (!of.length) continue;
			const one = of.find((row) => row.node && row.n === 1);
			const par = of.find((row) => !row.node && !row.vvfst && row.n === SCRIPT_PARALLEL);
			const rate = (row) => row.files / (row.window.ms / 1000);
			const ratio = (row, base) => (base ? `${(rate(row) / rate(base)).toFixed(2)}×` : '–');
			out.push('');
			out.push(`**${kind === 'upload' ? 'Upload' : 'Download'}, RTT ${rtt} ms, ${count} files (${mib(of[0].bytes)})**`);
			out.push('');
			out.push(`| client | files | window s | files/s | MiB/s | ÷ node with 1 | ÷ parallel script | ${kind === 'download' ? 'to disk s | ' : ''}wall s | n8n memory growth (limit) | peak in flight | per file and lane: period / simulator | CPU n8n, simulator, proxy | load |`);
			out.push(`|---|---|---|---|---|---|---|${kind === 'download' ? '---|' : ''}---|---|---|---|---|---|`);
			for (const row of of) {
				const limit = 64 * MiB + row.n * PART_BYTES;
				out.push(
					`| ${row.label} | ${row.files} | ${(row.window.ms / 1000).toFixed(1)} | ${rate(row).toFixed(1)} | ${(row.bytes / MiB / (row.window.ms / 1000)).toFixed(1)} | ${ratio(row, one)} | ${ratio(row, par)} | ` +
						`${kind === 'download' ? `${secs(row.toDiskMs)} | ` : ''}${secs(row.wallMs)} | ${row.memory ? `${signedMib(row.memory.growth)} (${mib(limit)}), peak ${mib(row.memory.peak)}` : '–'} | ${row.window.peakInFlight}${row.window.refused ? `, ${row.window.refused} refused` : ''} | ` +
						`${((row.window.ms * row.n) / row.files).toFixed(0)} / ${row.window.medianServerMs} ms | ` +
						`${row.cpu.n8n ? cpuLabel(row.cpu.n8n) : '–'}; ${cpuLabel(row.cpu.simulator)}; ${cpuLabel(row.cpu.proxy)} | ${row.load.toFixed(1)} |`,
				);
			}
			const dflt = of.find((row) => row.node && row.n === DEFAULT_ITEMS_IN_PARALLEL);
			if (dflt && one && par) {
				const speedup = rate(dflt) / rate(one);
				const vsScript = rate(dflt) / rate(par);
				verdicts.push(
					rtt > 0
						? `${kind}, RTT ${rtt} ms, ${count} files: default (${DEFAULT_ITEMS_IN_PARALLEL}) ÷ 1 = ${speedup.toFixed(2)}× (target ≥ 5×: ${speedup >= 5 ? 'MET' : 'MISSED'}), ÷ parallel script = ${vsScript.toFixed(2)}× (target > 1: ${vsScript > 1 ? 'MET' : 'MISSED'})`
						: `${kind}, RTT 0, ${count} files: default ÷ parallel script = ${vsScript.toFixed(2)}× (target ≥ 0.8: ${vsScript >= 0.8 ? 'MET' : 'MISSED'})`,
				);
			}
			const vvfst10 = of.find((row) => row.vvfst && row.n === 10);
			if (dflt && vvfst10) {
				const target = rtt > 0 ? 1.0 : 0.5;
				const vsVvfst = rate(dflt) / rate(vvfst10);
				verdicts.push(`${kind}, RTT ${rtt} ms, ${count} files: default ÷ vvfst -t 10 = ${vsVvfst.toFixed(2)}× (target ≥ ${target.toFixed(1)}: ${vsVvfst >= target ? 'MET' : 'MISSED'})`);
			}
			const over = of.filter((row) => row.memory && row.memory.growth >= 64 * MiB + row.n * PART_BYTES);
			verdicts.push(`${kind}, RTT ${rtt} ms, ${count} files: memory ${over.length ? `MISSED by ${over.map((row) => row.label).join(', ')}` : 'within 64 MiB + N × 25 MiB for every setting'}`);
		}
	}
	for (const { rtt, count, rows } of tables) {
		for (const row of rows.filter((r) => r.breakdown)) {
			out.push('');
			out.push(`Where the time went, ${row.kind}, RTT ${rtt} ms, ${count} files, ${row.label} (load ${row.load.toFixed(1)}):`);
			out.push(row.breakdown);
		}
	}
	out.push('');
	out.push(`Verdicts: ${verdicts.join('; ')}. Bench run ${secs(totalMs)}.`);
	process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------ main

async function main() {
	const started = Date.now();
	const loadBefore = loadavg()[0];
	const biggest = Math.max(...FILE_COUNTS);
	const dossierBytes = dossierPlan(biggest).reduce((sum, file) => sum + file.bytes, 0);
	// At once: the dossier, n8n's copy of it, the simulator's copy and one download target.
	const context = await setUpBench({
		logPrefix: '[bench dossier]',
		ramBytes: 5 * dossierBytes + 512 * MiB,
		diskBytes: 2 * dossierBytes + 512 * MiB,
		diskBytesWithoutRam: 6 * dossierBytes + 512 * MiB,
		tarball: argv.tarball,
		// Thousands of calls per run: no burst-limit delays (they would time the simulator's penalty).
		simulatorArgs: ['--burst-limit', '100000000'],
	});
	const { cli, n8n, simulator, workspace } = context;
	if (context.inRam) {
		// The dossier in RAM too, beside n8n's binary data (Read/Write Files may read there).
		workspace.input = join(dirname(workspace.output), 'input');
		mkdirSync(workspace.input, { recursive: true });
	}
	log(`dossier: up to ${biggest} files, ${mib(dossierBytes)}; node's default Items in Parallel ${DEFAULT_ITEMS_IN_PARALLEL}; RTT ${RTTS.join(', ')} ms`);

	const tables = [];
	for (const count of FILE_COUNTS) {
		context.dossierDir = join(workspace.input, `dossier-${count}`);
		log(`${count} files: writing the dossier`);
		const files = await writeDossier(context.dossierDir, count);
		for (const rtt of RTTS) {
			const proxy = await startLatencyProxy(simulator.url, rtt);
			context.proxy = proxy;
			const credentialId = `dossierBenchRtt${rtt}`;
			await cli.importCredentials([vaultCredential({ id: credentialId, name: CREDENTIAL_NAME, vaultDns: proxy.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
			const targetDir = join(workspace.output, 'target');
			await cli.importWorkflows(
				PARALLEL.flatMap((n) => [
					uploadWorkflow({ id: workflowId('upload', rtt, count, n), credentialId, dossierDir: context.dossierDir, n }),
					downloadWorkflow({ id: workflowId('download', rtt, count, n), credentialId, targetDir, n }),
				]),
			);
			log(`RTT ${rtt} ms through ${proxy.url}`);
			tables.push({ rtt, count, rows: await measure(context, files) });
			await proxy.stop();
		}
		rmSync(context.dossierDir, { recursive: true, force: true });
	}
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel: context.packageLabel, inRam: context.inRam, tables, totalMs: Date.now() - started, loadBefore, loadAfter: loadavg()[0] });
}

await runBench(main, '[bench dossier]');
