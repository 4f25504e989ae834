// Upload benchmark, `npm run bench` (or `npm run bench -- upload`): the Veeva Vault node's "Upload
// File" in the real n8n CLI against curl sending the same parts to the same simulated Vault, in the
// same run, at two file sizes (1 GiB and 2 GiB by default). Prints markdown tables: throughput of
// each and their ratios, and n8n's peak memory against the same workflow without the upload. A
// benchmark, not a test: it exits 0 when a target is missed (and says so), non-zero only when it
// could not measure.
//
//   node bench/upload-bench.mjs [--sizes 1024,2048] [--part-mb 25] [--repeat 1] [--tarball file.tgz]
//   (Node 24 on PATH: `source scripts/node24.sh`)
//
// How it measures:
// - n8n: Manual Trigger → Read/Write Files from Disk → Veeva Vault (Upload Session → Upload File,
//   default options but the part size, API-token credential), filesystem binary-data mode, this
//   checkout built, packed and installed as a community package (or the --tarball given), one
//   `n8n execute` per upload. Each round also runs the node with Compute File MD5 on (a second
//   MD5 pass over the file on n8n's main thread), in its own column; the verdict is on the default.
// - bare curl, the wire limit: create the session, then all the parts in one curl process on one
//   kept-alive connection (`--next`), each streamed from a part file with its MD5 (files and MD5s
//   prepared beforehand, not timed), then commit.
// - careful script: what a careful person writes by hand, part after part: `md5sum` of the part
//   file, then one `curl` with that Content-MD5 (part files cut beforehand, not timed; the md5sum
//   runs are timed).
// - Throughput: from the simulator's request log, createUploadSession received → last part answered.
//   This leaves out n8n's boot and its Read File step, and the commit: a real Vault answers a commit
//   at once and assembles the file in a job, while the simulator assembles it before answering:
//   work that does not depend on who sent the parts (its time is shown in the details). "Parts
//   only" (first part received → last part answered) is shown too.
// - The simulated Vault keeps its parts and files in RAM (/dev/shm) when there is room, so that its
//   disk writes (a real Vault's disk is elsewhere) do not compete with n8n's binary-data store; so
//   does n8n's binary-data store (N8N_BINARY_DATA_STORAGE_PATH), because otherwise the kernel
//   writes back n8n's fresh copy of the input (made by Read File in the same execution) during
//   the node's upload, while curl's part files were synced before its upload: with 2 GiB that
//   write-back cost the node up to a third of its throughput. `sync` runs before each timed upload.
// - Memory: /proc/<pid>/status of the `n8n execute` process (the workflow runs there; n8n's task
//   runner is a child process, reported apart) every 50 ms: largest VmRSS, and VmHWM. Growth = peak
//   of the upload's execution − peak of an execution of the same workflow without the Veeva Vault
//   node (Read File of the same file only): what adding the upload costs. Also shown: "node's own
//   growth" = largest RSS during the upload window − RSS when the upload started, and the peak of a
//   1 KiB file through the whole workflow (direct upload), n8n's floor.
// - CPU: utime+stime of n8n, the simulator and curl over each upload window, in % of one core, with
//   the kernel's share (stime) apart, and the simulator's kernel time per MiB received.
// Every process, temporary folder and big file goes away at the end, whatever happens.
//
// Diagnostics: BENCH_N8N_NODE_OPTIONS is passed to n8n as NODE_OPTIONS (e.g.
// '--cpu-prof --cpu-prof-dir=/tmp/prof'); --tarball compares a patched or older build.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { log, runProcess } from '../tools/processes.mjs';
import {
	API_VERSION,
	MiB,
	cpuLabel,
	cpuUse,
	curl,
	executeSampled,
	generateInput,
	isSimulator,
	kernelPerMib,
	median,
	mib,
	mibps,
	pct,
	removeBinaryCopies,
	runBench,
	secs,
	setUpBench,
	signedMib,
	sizeLabel,
	startSampler,
	sync,
	vaultAnswer,
} from './lib.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const STAGING_PATH = '/bench/file.bin';
const WORKFLOW_ID = 'BenchUploadFile01';
const READ_ONLY_WORKFLOW_ID = 'BenchReadFileOnly1';
const FILE_MD5_WORKFLOW_ID = 'BenchUploadFileMd5';
const CREDENTIAL_ID = 'BenchVaultToken01';
const CREDENTIAL_NAME = 'Vault bench token';
const VEEVA_NODE = 'Upload to Vault';
const READ_NODE = 'Read File';
const BASELINE_BYTES = 1024;
/** Upload File with its default options against bare curl, and against the careful script. */
const THROUGHPUT_TARGET = 0.85;
const CAREFUL_TARGET = 1.15;
const CURL_HEADERS = ['-H', `Authorization: ${TOKEN}`, '-H', 'Accept: application/json', '-H', 'X-VaultAPI-ClientID: upload-bench-curl'];

const USAGE = `Usage: node bench/upload-bench.mjs [options]   (Node 24 on PATH)
  --sizes MiB,MiB   file sizes (default 1024,2048)
  --part-mb N       part size in MiB of the node and of curl, 5 to 50 (default 25)
  --repeat N        uploads of each size by each side; the run with the median ratio is shown (default 1)
  --tarball FILE    benchmark this packed package (npm pack output) instead of building this checkout
`;
const { values: argv } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1024,2048' },
		'part-mb': { type: 'string', default: '25' },
		repeat: { type: 'string', default: '1' },
		tarball: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});
if (argv.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}
const SIZES_MIB = argv.sizes.split(',').map((value) => Number(value.trim()));
const PART_MIB = Number(argv['part-mb']);
const REPEAT = Number(argv.repeat);
if (SIZES_MIB.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(PART_MIB) || PART_MIB < 5 || PART_MIB > 50 || !Number.isInteger(REPEAT) || REPEAT < 1) {
	process.stderr.write(USAGE);
	process.exit(2);
}
const PART_BYTES = PART_MIB * MiB;
const LIMIT_BYTES = 2 * PART_BYTES + 64 * MiB;

function workflow(inputFile, { upload = true, fileMd5 = false } = {}) {
	const readOnly = {
		id: READ_ONLY_WORKFLOW_ID,
		name: 'Bench: read the file only (memory baseline)',
		nodes: [],
		connections: {},
		active: false,
		settings: { executionOrder: 'v1' },
	};
	const full = {
		id: WORKFLOW_ID,
		name: 'Bench: upload a file',
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'bench-read',
				name: READ_NODE,
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: { operation: 'read', fileSelector: inputFile, options: { dataPropertyName: 'data' } },
			},
			{
				id: 'bench-vault',
				name: VEEVA_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: { resource: 'uploadSession', operation: 'uploadFile', binaryPropertyName: 'data', path: STAGING_PATH, options: { partSize: PART_MIB, overwrite: true } },
				credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			Start: { main: [[{ node: READ_NODE, type: 'main', index: 0 }]] },
			[READ_NODE]: { main: [[{ node: VEEVA_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
	if (upload && !fileMd5) return full;
	if (upload) {
		const vault = full.nodes.find((node) => node.name === VEEVA_NODE);
		vault.parameters.options.fileMd5 = true;
		return { ...full, id: FILE_MD5_WORKFLOW_ID, name: 'Bench: upload a file with Compute File MD5 on' };
	}
	readOnly.nodes = full.nodes.filter((node) => node.name !== VEEVA_NODE);
	readOnly.connections = { Start: full.connections.Start };
	return readOnly;
}

// ------------------------------------------------------------------------------------ uploads

/** Cuts `file` into part files in `partsDir` for curl; returns the parts with their MD5. */
async function splitIntoParts(file, partsDir) {
	mkdirSync(partsDir, { recursive: true });
	const buffer = Buffer.allocUnsafe(PART_BYTES);
	const parts = [];
	const fd = openSync(file, 'r');
	try {
		for (;;) {
			await new Promise((ok) => setImmediate(ok));
			let filled = 0;
			for (let read = -1; read !== 0 && filled < PART_BYTES; filled += read) read = readSync(fd, buffer, filled, PART_BYTES - filled, null);
			if (filled === 0) break;
			const part = { number: parts.length + 1, file: join(partsDir, `${parts.length + 1}.part`), size: filled, md5: createHash('md5').update(buffer.subarray(0, filled)).digest('hex') };
			writeFileSync(part.file, buffer.subarray(0, filled));
			parts.push(part);
		}
	} finally {
		closeSync(fd);
	}
	return parts;
}

/** The upload session the simulator saw from `since` on, with its part requests. */
async function uploadWindow(simulator, since) {
	const { requests } = await simulator.stats();
	const seen = requests.filter((request) => request.startedAt >= since);
	const create = seen.find((request) => request.route === 'createUploadSession');
	const commit = seen.findLast((request) => request.route === 'commitUploadSession');
	const parts = seen.filter((request) => request.route === 'uploadPart');
	if (!create || !commit || !parts.length) throw new Error(`the simulator did not see a whole upload session (routes: ${seen.map((request) => request.route).join(', ')})`);
	const failed = seen.filter((request) => request.responseStatus !== 'SUCCESS');
	if (failed.length) throw new Error(`the simulator answered ${failed.map((request) => `${request.route}: ${request.responseStatus}`).join(', ')}`);
	// The commit is left out: a real Vault answers it at once and assembles the file in a job,
	// the simulator assembles it before answering (same work whoever sent the parts).
	return {
		start: create.startedAt,
		end: parts.at(-1).finishedAt,
		ms: parts.at(-1).finishedAt - create.startedAt,
		partsMs: parts.at(-1).finishedAt - parts[0].startedAt,
		commitMs: commit.finishedAt - commit.startedAt,
		medianPartMs: median(parts.map((request) => request.finishedAt - request.startedAt)),
		medianGapMs: median(parts.slice(1).map((request, index) => request.startedAt - parts[index].finishedAt)),
		parts: parts.length,
		partRequests: parts,
	};
}

/** `fileMd5`: whether Upload File computes the whole file's MD5 (its option Compute File MD5, off by default). */
async function runN8n(context, { bytes, md5, expectMethod, fileMd5 = false }) {
	const since = Date.now();
	const { result, memory, simulatorCpu } = await executeSampled(context, fileMd5 ? FILE_MD5_WORKFLOW_ID : WORKFLOW_ID, fileMd5 ? 'upload with the file MD5' : 'upload');
	const output = nodeItems(result.run, VEEVA_NODE)[0]?.json ?? {};
	const expected = { size: bytes, md5: fileMd5 || expectMethod === 'direct' ? md5 : undefined, method: expectMethod, md5_checked_by_vault: expectMethod === 'direct' ? 'file' : 'each_part' };
	if (Object.entries(expected).some(([name, value]) => output[name] !== value)) {
		throw new Error(`unexpected output of "${VEEVA_NODE}": ${JSON.stringify(output)} (expected ${JSON.stringify(expected)})`);
	}
	const run = {
		memory,
		ms: result.ms,
		uploadNodeMs: nodeRun(result.run, VEEVA_NODE)?.executionTime ?? NaN,
		readNodeMs: nodeRun(result.run, READ_NODE)?.executionTime ?? NaN,
	};
	if (expectMethod !== 'uploadSession') return run;
	const window = await uploadWindow(context.simulator, since);
	const unchecked = window.partRequests.filter((request) => !request.contentMd5);
	if (unchecked.length) throw new Error(`the node sent ${unchecked.length} part(s) without Content-MD5`);
	const atStart = memory.samples.findLast((sample) => sample.t <= window.start)?.rss ?? NaN;
	const during = Math.max(0, ...memory.samples.filter((sample) => sample.t >= window.start && sample.t <= window.end).map((sample) => sample.rss));
	return {
		...run,
		window,
		rssAtUploadStart: atStart,
		rssMaxDuringUpload: during,
		cpu: { client: cpuUse(memory, window.start, window.end), simulator: cpuUse(simulatorCpu, window.start, window.end) },
	};
}

/** The memory baseline of a size: the same workflow without the upload (Read File only). */
async function runReadOnly(context, bytes) {
	const { result, memory } = await executeSampled(context, READ_ONLY_WORKFLOW_ID, 'Read File only');
	const binary = nodeItems(result.run, READ_NODE)[0]?.binary?.data;
	if (!binary?.id) throw new Error(`Read File (only) gave no binary data in filesystem mode: ${JSON.stringify(binary ?? null)}`);
	return { memory, ms: result.ms, bytes };
}

/** The bare curl process (its parts go in one process). */
const isCurl = (cmd) => /(^|\/)curl$/.test(cmd[0] ?? '') && cmd.includes('--next');

/**
 * The careful script: for each part, `md5sum`, then one curl with that Content-MD5 (a new process
 * and connection per part), as a shell script would.
 */
async function runCarefulScript({ simulator, workspace }, { bytes, parts }) {
	const base = `${simulator.url}/api/${API_VERSION}/services/file_staging/upload`;
	const script = join(workspace.files, 'careful-upload.sh');
	const quote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;
	const headers = CURL_HEADERS.map(quote).join(' ');
	writeFileSync(
		script,
		[
			'set -euo pipefail',
			`session=$(curl -sS ${headers} -X POST --data-urlencode ${quote(`path=${STAGING_PATH}`)} --data-urlencode ${quote(`size=${bytes}`)} --data-urlencode overwrite=true ${quote(base)} | sed -n 's/.*"id" *: *"\\([^"]*\\)".*/\\1/p')`,
			'test -n "$session"',
			'number=0',
			`for part in ${parts.map((part) => quote(part.file)).join(' ')}; do`,
			'  number=$((number + 1))',
			'  md5=$(md5sum "$part" | cut -d " " -f 1)',
			`  curl -sS --fail ${headers} -H 'Content-Type: application/octet-stream' -H "X-VaultAPI-FilePartNumber: $number" -H "Content-MD5: $md5" -T "$part" -X PUT ${quote(base)}/"$session" | grep -q '"responseStatus" *: *"SUCCESS"'`,
			'done',
			`curl -sS ${headers} -X POST ${quote(base)}/"$session" | grep -q '"responseStatus" *: *"SUCCESS"'`,
			'',
		].join('\n'),
	);
	const since = Date.now();
	const result = await runProcess('bash', [script], { label: 'careful script', timeoutMs: 30 * 60_000 });
	if (result.code !== 0) throw new Error(`the careful script exited ${result.signal ?? result.code}: ${result.stderr}`.trim());
	return { window: await uploadWindow(simulator, since) };
}

/**
 * curl at its best: the parts in one process on one kept-alive connection (`--next`), each streamed
 * from its file (`-T`), without waiting for `100 Continue`.
 */
async function runCurl({ simulator, workspace }, { bytes, parts }) {
	const base = `${simulator.url}/api/${API_VERSION}/services/file_staging/upload`;
	const answersDir = join(workspace.files, 'curl-answers');
	mkdirSync(answersDir, { recursive: true });
	const since = Date.now();
	const created = vaultAnswer(
		await curl([...CURL_HEADERS, '-X', 'POST', '--data-urlencode', `path=${STAGING_PATH}`, '--data-urlencode', `size=${bytes}`, '--data-urlencode', 'overwrite=true', base], 'curl create session'),
		'curl create session',
	);
	const url = `${base}/${encodeURIComponent(created.data.id)}`;
	const partArgs = parts.flatMap((part, index) => [
		...(index ? ['--next'] : []),
		...CURL_HEADERS,
		...['-H', 'Content-Type: application/octet-stream', '-H', 'Expect:'],
		...['-H', `X-VaultAPI-FilePartNumber: ${part.number}`, '-H', `Content-MD5: ${part.md5}`],
		...['-T', part.file, '-X', 'PUT', '-o', join(answersDir, `${part.number}.json`), url],
	]);
	const curlSampler = startSampler(isCurl);
	const simulatorSampler = startSampler(isSimulator);
	let curlCpu;
	let simulatorCpu;
	try {
		await curl(partArgs, 'curl parts');
		vaultAnswer(await curl([...CURL_HEADERS, '-X', 'POST', url], 'curl commit'), 'curl commit');
	} finally {
		curlCpu = curlSampler.stop();
		simulatorCpu = simulatorSampler.stop();
	}
	for (const part of parts) {
		const answer = vaultAnswer(readFileSync(join(answersDir, `${part.number}.json`), 'utf8'), `curl part ${part.number}`);
		if (answer.data?.part_content_md5 !== part.md5) throw new Error(`curl part ${part.number}: Vault stored MD5 ${answer.data?.part_content_md5}, expected ${part.md5}`);
	}
	rmSync(answersDir, { recursive: true, force: true });
	const window = await uploadWindow(simulator, since);
	return { window, cpu: { client: cpuUse(curlCpu, window.start, window.end), simulator: cpuUse(simulatorCpu, window.start, window.end) } };
}

function checkStaged(workspace, bytes, who) {
	const size = statSync(join(workspace.simulatorDataDir, 'staging', ...STAGING_PATH.split('/').filter(Boolean)), { throwIfNoEntry: false })?.size ?? null;
	if (size !== bytes) throw new Error(`after the ${who} upload the simulator holds ${size} bytes at ${STAGING_PATH}, expected ${bytes}`);
}

// ------------------------------------------------------------------------------------ report

function report({ n8nVersion, packageLabel, simulatorInRam, baseline, rows, totalMs }) {
	const out = [];
	out.push(
		`Veeva Vault node "Upload File" (${packageLabel}) in n8n ${n8nVersion} (filesystem binary data, ${PART_MIB} MiB parts, every part with its Content-MD5) vs bare curl and a careful script, same simulated Vault, same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, simulator data and n8n's binary data ${simulatorInRam ? 'in RAM (tmpfs)' : 'on disk'}` +
			`${REPEAT > 1 ? `, median of ${REPEAT} uploads per size and side (memory: the largest)` : ''}.`,
	);
	out.push('');
	out.push(`| file | node (default options) MiB/s | bare curl MiB/s | careful script MiB/s | node ÷ bare curl | node ÷ careful script | with Compute File MD5: MiB/s, ÷ bare curl | n8n peak RSS | peak without the upload | growth | limit (2 parts + 64 MiB) | result |`);
	out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) {
		out.push(
			`| ${sizeLabel(row.bytes)} | ${mibps(row.bytes, row.node.window.ms)} | ${mibps(row.bytes, row.curl.window.ms)} | ${mibps(row.bytes, row.careful.window.ms)} | ${pct(row.ratio * 100)} | ${row.carefulRatio.toFixed(2)}× | ` +
				`${mibps(row.bytes, row.fileMd5.window.ms)}, ${pct(row.fileMd5Ratio * 100)} | ${mib(row.peakRss)} | ${mib(row.readOnly.memory.peakRss)} | ${signedMib(row.growth)} | ${mib(LIMIT_BYTES)} | ` +
				`${row.ratio >= THROUGHPUT_TARGET ? 'throughput ok' : '**throughput missed**'}, ${row.carefulRatio >= CAREFUL_TARGET ? 'ahead of the script' : '**not ahead of the script**'}, ${row.growth <= LIMIT_BYTES ? 'memory ok' : '**memory missed**'} |`,
		);
	}
	out.push('');
	out.push('Details. Window: session created → last part answered; parts only: first part received → last part answered (simulator\'s log); commit: the simulator assembling the file. CPU: % of one core over the window, kernel share in brackets; simulator kernel time: CPU-ms the simulator spent in the kernel per MiB received.');
	out.push('');
	out.push('| file | parts | window node / curl | parts only node / curl | ratio parts only | median part request node / curl | median gap between parts node / curl | commit node / curl | CPU n8n, simulator (node run) | CPU curl, simulator (curl run) | simulator kernel time per MiB node / curl | n8n execute (Read File, Upload File) | node\'s own growth (RSS at upload start → max) | growth vs the 1 KiB run | VmHWM |');
	out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const { bytes, node, curl, peakRss } of rows) {
		out.push(
			`| ${sizeLabel(bytes)} | ${node.window.parts} | ${secs(node.window.ms)} / ${secs(curl.window.ms)} | ${mibps(bytes, node.window.partsMs)} / ${mibps(bytes, curl.window.partsMs)} MiB/s | ${pct((curl.window.partsMs / node.window.partsMs) * 100)} | ` +
				`${node.window.medianPartMs} / ${curl.window.medianPartMs} ms | ${node.window.medianGapMs} / ${curl.window.medianGapMs} ms | ${secs(node.window.commitMs)} / ${secs(curl.window.commitMs)} | ` +
				`${cpuLabel(node.cpu.client)}, ${cpuLabel(node.cpu.simulator)} | ${cpuLabel(curl.cpu.client)}, ${cpuLabel(curl.cpu.simulator)} | ` +
				`${kernelPerMib(node.cpu.simulator, bytes)} / ${kernelPerMib(curl.cpu.simulator, bytes)} ms | ${secs(node.ms)} (${secs(node.readNodeMs)}, ${secs(node.uploadNodeMs)}) | ` +
				`${signedMib(node.rssMaxDuringUpload - node.rssAtUploadStart)} (${mib(node.rssAtUploadStart)} → ${mib(node.rssMaxDuringUpload)}) | ${signedMib(peakRss - baseline.memory.peakRss)} | ${mib(node.memory.hwm)} |`,
		);
	}
	// n8n's task runner is a node process; the shells it starts to look for Python are left out.
	const runners = [baseline, ...rows.flatMap((row) => [row.node, row.readOnly])].flatMap((run) => run.memory.descendants).filter((child) => /^\S*node\b/.test(child.cmd));
	out.push('');
	out.push(
		`Without the upload: the same workflow minus the Veeva Vault node, run once per size: ${rows.map((row) => `${sizeLabel(row.bytes)} peak RSS ${mib(row.readOnly.memory.peakRss)}, execute ${secs(row.readOnly.ms)}`).join('; ')}. ` +
			`n8n's floor: a ${BASELINE_BYTES} B file through the whole workflow (direct upload): n8n peak RSS ${mib(baseline.memory.peakRss)} (VmHWM ${mib(baseline.memory.hwm)}), execute ${secs(baseline.ms)}. ` +
			(runners.length ? `n8n's task runner, a child process not counted above, peaked at ${mib(Math.max(...runners.map((child) => child.peakRss)))} RSS.` : 'n8n started no task-runner process.'),
	);
	const throughputOk = rows.every((row) => row.ratio >= THROUGHPUT_TARGET);
	const carefulOk = rows.every((row) => row.carefulRatio >= CAREFUL_TARGET);
	const memoryOk = rows.every((row) => row.growth <= LIMIT_BYTES);
	const spread = rows.length > 1 ? rows.at(-1).peakRss - rows[0].peakRss : null;
	out.push('');
	out.push(
		`Verdict: throughput target (default options ≥ ${THROUGHPUT_TARGET * 100} % of bare curl) ${throughputOk ? 'MET' : 'MISSED'}: ${rows.map((row) => pct(row.ratio * 100)).join(', ')} ` +
			`(with Compute File MD5 on: ${rows.map((row) => pct(row.fileMd5Ratio * 100)).join(', ')}); ` +
			`ahead of the careful script (≥ ${CAREFUL_TARGET}×) ${carefulOk ? 'MET' : 'MISSED'}: ${rows.map((row) => `${row.carefulRatio.toFixed(2)}×`).join(', ')}. ` +
			`Memory target (growth ≤ ${mib(LIMIT_BYTES)}) ${memoryOk ? 'MET' : 'MISSED'}: ${rows.map((row) => signedMib(row.growth)).join(', ')}` +
			`${spread === null ? '' : `; from ${sizeLabel(rows[0].bytes)} to ${sizeLabel(rows.at(-1).bytes)} the peak ${Math.abs(spread) <= PART_BYTES ? 'does not grow' : 'GROWS'} (${signedMib(spread)})`}; ` +
			`the node's own growth during the upload: ${rows.map((row) => signedMib(row.node.rssMaxDuringUpload - row.node.rssAtUploadStart)).join(', ')}. ` +
			`Bench run ${secs(totalMs)}.`,
	);
	process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------ main

/** The round whose `key` is the median of the rounds. */
function medianRound(runs, key) {
	return [...runs].sort((a, b) => a[key] - b[key])[Math.floor((runs.length - 1) / 2)];
}

async function main() {
	const started = Date.now();
	const biggest = Math.max(...SIZES_MIB) * MiB;
	// On disk at once: the input file and n8n's copy of it or curl's part files (+ the simulator's parts and file).
	const context = await setUpBench({ logPrefix: '[bench upload]', ramBytes: 3 * biggest + 1024 * MiB, diskBytes: 2 * biggest + 1024 * MiB, diskBytesWithoutRam: 4 * biggest + 1024 * MiB, tarball: argv.tarball });
	const { cli, n8n, simulator, workspace } = context;

	const inputFile = join(workspace.input, 'input.bin');
	await cli.importCredentials([vaultCredential({ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, vaultDns: simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	await cli.importWorkflows([workflow(inputFile), workflow(inputFile, { fileMd5: true }), workflow(inputFile, { upload: false })]);

	log(`baseline: a ${BASELINE_BYTES} B file through the same workflow`);
	const tinyMd5 = await generateInput(inputFile, BASELINE_BYTES);
	await simulator.reset();
	const baseline = await runN8n(context, { bytes: BASELINE_BYTES, md5: tinyMd5, expectMethod: 'direct' });
	log(`baseline: peak RSS ${mib(baseline.memory.peakRss)}, execute ${secs(baseline.ms)}`);

	const rows = [];
	for (const sizeMib of SIZES_MIB) {
		const bytes = sizeMib * MiB;
		const partsDir = join(workspace.input, 'parts');
		log(`${sizeLabel(bytes)}: writing the input file`);
		const md5 = await generateInput(inputFile, bytes);
		await sync();
		const readOnly = await runReadOnly(context, bytes);
		removeBinaryCopies(workspace, bytes);
		log(`${sizeLabel(bytes)}: Read File only (memory baseline): peak RSS ${mib(readOnly.memory.peakRss)}, execute ${secs(readOnly.ms)}`);
		const runs = [];
		const sides = ['node', 'curl', 'careful script', 'node with the file MD5'];
		for (let round = 1; round <= REPEAT; round++) {
			const label = `${sizeLabel(bytes)}${REPEAT > 1 ? ` #${round}` : ''}`;
			// Each round starts with another side, so that the order favours none.
			const shift = (round - 1) % sides.length;
			const run = {};
			for (const side of [...sides.slice(shift), ...sides.slice(0, shift)]) {
				await simulator.reset();
				if (side.startsWith('node')) {
					await sync();
					const fileMd5 = side !== 'node';
					const result = await runN8n(context, { bytes, md5, expectMethod: 'uploadSession', fileMd5 });
					checkStaged(workspace, bytes, 'n8n');
					log(`${label}: n8n${fileMd5 ? ' with the file MD5' : ''} ${mibps(bytes, result.window.ms)} MiB/s, peak RSS ${mib(result.memory.peakRss)}, execute ${secs(result.ms)}`);
					run[fileMd5 ? 'fileMd5' : 'node'] = result;
					// n8n's copy of the input goes before curl's part files come, so that both
					// uploads run with the same amount of data in the page cache.
					removeBinaryCopies(workspace, bytes);
				} else {
					const parts = await splitIntoParts(inputFile, partsDir);
					await sync();
					const result = side === 'curl' ? await runCurl(context, { bytes, parts }) : await runCarefulScript(context, { bytes, parts });
					checkStaged(workspace, bytes, side);
					log(`${label}: ${side} ${mibps(bytes, result.window.ms)} MiB/s`);
					run[side === 'curl' ? 'curl' : 'careful'] = result;
					rmSync(partsDir, { recursive: true, force: true });
				}
			}
			runs.push({ ...run, ratio: run.curl.window.ms / run.node.window.ms, carefulRatio: run.careful.window.ms / run.node.window.ms, fileMd5Ratio: run.curl.window.ms / run.fileMd5.window.ms });
		}
		await simulator.reset();
		rmSync(inputFile, { force: true });
		const shown = medianRound(runs, 'ratio');
		const carefulShown = medianRound(runs, 'carefulRatio');
		const fileMd5Shown = medianRound(runs, 'fileMd5Ratio');
		const peakRss = Math.max(...runs.map((run) => run.node.memory.peakRss));
		rows.push({
			bytes,
			...shown,
			careful: carefulShown.careful,
			carefulRatio: carefulShown.carefulRatio,
			fileMd5: fileMd5Shown.fileMd5,
			fileMd5Ratio: fileMd5Shown.fileMd5Ratio,
			peakRss,
			readOnly,
			growth: peakRss - readOnly.memory.peakRss,
		});
	}
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel: context.packageLabel, simulatorInRam: context.inRam, baseline, rows, totalMs: Date.now() - started });
}

await runBench(main, '[bench upload]');
