// Upload benchmark (issue #4), `npm run bench`: the Veeva Vault node's "Upload File" in the real n8n
// CLI against curl sending the same parts to the same simulated Vault, in the same run, at two file
// sizes (1 GiB and 2 GiB by default). Prints markdown tables: throughput of each and their ratio, and
// n8n's peak memory against a baseline execution of a tiny file. A benchmark, not a test: it exits 0
// when a target is missed (and says so), non-zero only when it could not measure.
//
//   node bench/upload-bench.mjs [--sizes 1024,2048] [--part-mb 25] [--repeat 1] [--tarball file.tgz]
//   (Node 24 on PATH: `source scripts/node24.sh`)
//
// How it measures:
// - n8n: Manual Trigger → Read/Write Files from Disk → Veeva Vault (Upload Session → Upload File,
//   API-token credential), filesystem binary-data mode, this checkout built, packed and installed
//   as a community package (or the --tarball given), one `n8n execute` per upload. Each round also
//   runs the node with Compute File MD5 off (a second MD5 pass on n8n's main thread saved), shown in
//   its own column; the verdict is on the default.
// - curl: create the session, then all the parts in one curl process on one kept-alive connection
//   (`--next`), each streamed from a part file with its MD5 (cut after the n8n upload, not timed),
//   then commit.
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
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN, startSimulator } from '../simulator/client.mjs';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	N8n,
	buildAndPack,
	createWorkspace,
	ensureN8n,
	installCommunityPackage,
	nodeItems,
	nodeRun,
	vaultCredential,
} from '../tools/n8n.mjs';
import {
	PROJECT_ROOT,
	assertNode24,
	cleanupNow,
	freePort,
	installCleanupHandlers,
	leftoversAfterCleanup,
	log,
	processAlive,
	runProcess,
	setLogPrefix,
} from '../tools/processes.mjs';

const MiB = 1024 * 1024;
const TOKEN = SEED_ADMIN_TOKEN;
const API_VERSION = 'v25.2';
const STAGING_PATH = '/bench/file.bin';
const ENCRYPTION_KEY = 'veeva-vault-bench-fixed-encryption-key';
const WORKFLOW_ID = 'BenchUploadFile01';
const READ_ONLY_WORKFLOW_ID = 'BenchReadFileOnly1';
const NO_FILE_MD5_WORKFLOW_ID = 'BenchUploadNoMd501';
const CREDENTIAL_ID = 'BenchVaultToken01';
const CREDENTIAL_NAME = 'Vault bench token';
const VEEVA_NODE = 'Upload to Vault';
const READ_NODE = 'Read File';
const SAMPLE_MS = 50;
const BASELINE_BYTES = 1024;
const SHM = '/dev/shm';
const SHM_PREFIX = 'veeva-vault-bench-';
const THROUGHPUT_TARGET = 0.8;

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

// ------------------------------------------------------------------------------------ n8n


/** The e2e suite's n8n runner with the bench's environment: filesystem binary-data mode, and
 * Read/Write Files from Disk allowed to read the bench's input folder. */
class BenchN8n extends N8n {
	async command(args, { timeoutMs = 30 * 60_000 } = {}) {
		const ws = this.workspace;
		const env = {};
		for (const key of ['PATH', 'LANG', 'LC_ALL', 'TZ', 'USER']) if (process.env[key] !== undefined) env[key] = process.env[key];
		Object.assign(env, {
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			HOME: ws.home,
			TMPDIR: ws.tmp,
			N8N_USER_FOLDER: ws.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			...(ws.binaryData ? { N8N_BINARY_DATA_STORAGE_PATH: ws.binaryData } : {}),
			N8N_RESTRICT_FILE_ACCESS_TO: ws.input,
			N8N_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		if (process.env.BENCH_N8N_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_N8N_NODE_OPTIONS;
		return await runProcess(process.execPath, [this.n8n.bin, ...args], { node: true, cwd: ws.root, env, label: `n8n ${args[0]}`, timeoutMs });
	}
}

function workflow(inputFile, { upload = true, fileMd5 = true } = {}) {
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
	if (upload && fileMd5) return full;
	if (upload) {
		const vault = full.nodes.find((node) => node.name === VEEVA_NODE);
		vault.parameters.options.fileMd5 = false;
		return { ...full, id: NO_FILE_MD5_WORKFLOW_ID, name: 'Bench: upload a file without its whole-file MD5' };
	}
	readOnly.nodes = full.nodes.filter((node) => node.name !== VEEVA_NODE);
	readOnly.connections = { Start: full.connections.Start };
	return readOnly;
}

// ------------------------------------------------------------------------------------ /proc sampling

let clockTicks = 100;

/** ppid, CPU ticks (utime + stime) and kernel ticks (stime) of a process, or null when it is gone. */
function procStat(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), kernelTicks: Number(fields[12]) };
	} catch {
		return null;
	}
}

function procCmdline(pid) {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

/** Memory in bytes; NaN fields for a zombie. */
function procMemory(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon') };
	} catch {
		return null;
	}
}

function childrenOf(ppid) {
	const pids = [];
	for (const name of readdirSync('/proc')) {
		if (/^\d+$/.test(name) && procStat(name)?.ppid === ppid) pids.push(Number(name));
	}
	return pids;
}

/** A child of this process whose command line passes `match`. */
function findChild(match) {
	return childrenOf(process.pid).find((pid) => match(procCmdline(pid))) ?? null;
}

/**
 * Samples a process (found among this process's children by `match`, as soon as it exists) every
 * 50 ms until stopped: { t, rss, anon, ticks }, VmHWM and, with `descendants`, the peak RSS of
 * each process it starts.
 */
function startSampler(match, { descendants: watchDescendants = false } = {}) {
	const samples = [];
	const descendants = new Map(); // pid -> { cmd, peakRss }
	let pid = null;
	let hwm = 0;
	let count = 0;
	const tick = () => {
		pid ??= findChild(match);
		if (pid === null) return;
		const stat = procStat(pid);
		const memory = procMemory(pid);
		if (!stat || !memory || !Number.isFinite(memory.rss)) return; // gone, or a zombie
		samples.push({ t: Date.now(), rss: memory.rss, anon: memory.anon, ticks: stat.ticks, kernelTicks: stat.kernelTicks });
		hwm = Math.max(hwm, memory.hwm);
		if (!watchDescendants) return;
		if (count++ % 10 === 0) {
			for (const queue = [pid]; queue.length; ) {
				for (const child of childrenOf(queue.shift())) {
					queue.push(child);
					if (!descendants.has(child)) descendants.set(child, { cmd: procCmdline(child).slice(0, 3).join(' '), peakRss: 0 });
				}
			}
		}
		for (const [child, info] of descendants) {
			const rss = procMemory(child)?.rss;
			if (Number.isFinite(rss)) info.peakRss = Math.max(info.peakRss, rss);
		}
	};
	const timer = setInterval(tick, SAMPLE_MS);
	tick();
	return {
		stop() {
			clearInterval(timer);
			tick();
			return { pid, samples, hwm, peakRss: Math.max(0, ...samples.map((sample) => sample.rss)), descendants: [...descendants.values()] };
		},
	};
}

/**
 * CPU used by a sampled process between two instants: `percent` and `kernelPercent` of one core,
 * and `kernelMs`, the kernel time in ms.
 */
function cpuUse(sampled, start, end) {
	const inside = sampled.samples.filter((sample) => sample.t >= start && sample.t <= end);
	if (inside.length < 2) return { percent: NaN, kernelPercent: NaN, kernelMs: NaN };
	const first = inside[0];
	const last = inside.at(-1);
	const ms = (ticks) => (ticks / clockTicks) * 1000;
	const kernelMs = ms(last.kernelTicks - first.kernelTicks);
	return { percent: (ms(last.ticks - first.ticks) * 100) / (last.t - first.t), kernelPercent: (kernelMs * 100) / (last.t - first.t), kernelMs };
}

const isN8nExecute = (n8nBin, workflowId = WORKFLOW_ID) => (cmd) => cmd.includes(n8nBin) && cmd.includes('execute') && cmd.includes(`--id=${workflowId}`);
const isSimulator = (cmd) => cmd.some((arg) => arg.endsWith('simulator/cli.ts'));
const isCurl = (cmd) => /(^|\/)curl$/.test(cmd[0] ?? '') && cmd.includes('--next');

// ------------------------------------------------------------------------------------ files

/** Writes `bytes` of random data to `file`; returns its MD5. */
async function generateInput(file, bytes) {
	const block = Buffer.allocUnsafe(16 * MiB);
	randomFillSync(block);
	const whole = createHash('md5');
	const fd = openSync(file, 'w');
	try {
		for (let written = 0, blockNumber = 0; written < bytes; blockNumber++) {
			// Let the event loop run: a kept-alive connection to the simulator that it closes
			// meanwhile must be seen as closed, not reused (undici's "fetch failed").
			await new Promise((ok) => setImmediate(ok));
			block.writeBigUInt64LE(BigInt(blockNumber), 0); // no two blocks alike
			const chunk = block.subarray(0, Math.min(block.length, bytes - written));
			writeSync(fd, chunk);
			whole.update(chunk);
			written += chunk.length;
		}
	} finally {
		closeSync(fd);
	}
	return whole.digest('hex');
}

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

/** Removes every file of exactly `bytes` under `dir` (n8n's copy of the input in its binary-data store). */
function removeFilesOfSize(dir, bytes) {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		const path = join(entry.parentPath, entry.name);
		if (entry.isFile() && statSync(path, { throwIfNoEntry: false })?.size === bytes) rmSync(path, { force: true });
	}
}

let shmDir = null;

/** /dev/shm/veeva-vault-bench-<pid>-XXXXXX when /dev/shm has room for the simulator's data, else null. */
/** n8n's copies of the input in its binary-data store, wherever that is. */
function removeBinaryCopies(workspace, bytes) {
	for (const dir of [workspace.userFolder, workspace.tmp, workspace.binaryData]) if (dir) removeFilesOfSize(dir, bytes);
}

function makeShmDir(needed) {
	try {
		for (const name of readdirSync(SHM)) {
			const pid = Number(new RegExp(`^${SHM_PREFIX}(\\d+)-`).exec(name)?.[1]);
			if (pid && pid !== process.pid && !processAlive(pid)) rmSync(join(SHM, name), { recursive: true, force: true });
		}
		const { bavail, bsize } = statfsSync(SHM);
		if (bavail * bsize < needed) return null;
		shmDir = mkdtempSync(join(SHM, `${SHM_PREFIX}${process.pid}-`));
		process.on('exit', removeShmDir);
		return shmDir;
	} catch {
		return null;
	}
}

function removeShmDir() {
	if (shmDir) rmSync(shmDir, { recursive: true, force: true });
	shmDir = null;
}

async function sync() {
	await runProcess('sync', [], { label: 'sync', timeoutMs: 600_000 });
}

// ------------------------------------------------------------------------------------ uploads

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/** The upload session the simulator saw from `since` on. */
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
	};
}

/** Runs a workflow in `n8n execute` while sampling n8n's memory and CPU, and the simulator's CPU. */
async function executeSampled({ cli, n8n }, workflowId, label) {
	const n8nSampler = startSampler(isN8nExecute(n8n.bin, workflowId), { descendants: true });
	const simulatorSampler = startSampler(isSimulator);
	let result;
	let memory;
	let simulatorCpu;
	try {
		result = await cli.execute(workflowId);
	} finally {
		memory = n8nSampler.stop();
		simulatorCpu = simulatorSampler.stop();
	}
	if (!result.ok) {
		throw new Error(`n8n execute (${label}) failed (${result.signal ?? result.code}): ${result.errorMessage ?? ''} ${result.errorDescription ?? ''}\n${result.stdout.split('\n').slice(-25).join('\n')}`);
	}
	if (memory.pid === null || !memory.samples.length) throw new Error('could not find the n8n process to sample its memory');
	return { result, memory, simulatorCpu };
}

/** `fileMd5`: whether Upload File computes the whole file's MD5 (its option Compute File MD5). */
async function runN8n(context, { bytes, md5, expectMethod, fileMd5 = true }) {
	const since = Date.now();
	const { result, memory, simulatorCpu } = await executeSampled(context, fileMd5 ? WORKFLOW_ID : NO_FILE_MD5_WORKFLOW_ID, fileMd5 ? 'upload' : 'upload without the file MD5');
	const output = nodeItems(result.run, VEEVA_NODE)[0]?.json ?? {};
	if (output.size !== bytes || output.md5 !== (fileMd5 ? md5 : undefined) || output.method !== expectMethod) {
		throw new Error(`unexpected output of "${VEEVA_NODE}": ${JSON.stringify(output)} (expected size ${bytes}, MD5 ${fileMd5 ? md5 : 'none'}, method ${expectMethod})`);
	}
	const run = {
		memory,
		ms: result.ms,
		uploadNodeMs: nodeRun(result.run, VEEVA_NODE)?.executionTime ?? NaN,
		readNodeMs: nodeRun(result.run, READ_NODE)?.executionTime ?? NaN,
	};
	if (expectMethod !== 'uploadSession') return run;
	const window = await uploadWindow(context.simulator, since);
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

const curlHeaders = ['-H', `Authorization: ${TOKEN}`, '-H', 'Accept: application/json', '-H', 'X-VaultAPI-ClientID: upload-bench-curl'];

function vaultAnswer(text, label) {
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		body = null;
	}
	if (body?.responseStatus !== 'SUCCESS') throw new Error(`${label}: Vault answered ${text}`);
	return body;
}

async function curl(args, label) {
	const result = await runProcess('curl', ['-sS', ...args], { label, timeoutMs: 30 * 60_000 });
	if (result.code !== 0) throw new Error(`${label}: curl exited ${result.signal ?? result.code}: ${result.stderr}`.trim());
	return result.stdout;
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
		await curl([...curlHeaders, '-X', 'POST', '--data-urlencode', `path=${STAGING_PATH}`, '--data-urlencode', `size=${bytes}`, '--data-urlencode', 'overwrite=true', base], 'curl create session'),
		'curl create session',
	);
	const url = `${base}/${encodeURIComponent(created.data.id)}`;
	const partArgs = parts.flatMap((part, index) => [
		...(index ? ['--next'] : []),
		...curlHeaders,
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
		vaultAnswer(await curl([...curlHeaders, '-X', 'POST', url], 'curl commit'), 'curl commit');
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

/** The simulator's control calls (idempotent) tried once more when the connection failed. */
function withRetriedControl(simulator) {
	for (const name of ['reset', 'stats']) {
		const call = simulator[name];
		simulator[name] = async () => {
			try {
				return await call();
			} catch (error) {
				if (!/fetch failed/.test(error?.message ?? '')) throw error;
				return await call();
			}
		};
	}
	return simulator;
}

function checkStaged(workspace, bytes, who) {
	const size = statSync(join(workspace.simulatorDataDir, 'staging', ...STAGING_PATH.split('/').filter(Boolean)), { throwIfNoEntry: false })?.size ?? null;
	if (size !== bytes) throw new Error(`after the ${who} upload the simulator holds ${size} bytes at ${STAGING_PATH}, expected ${bytes}`);
}

// ------------------------------------------------------------------------------------ report

const mibps = (bytes, ms) => (bytes / MiB / (ms / 1000)).toFixed(1);
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : '?');
const signedMib = (bytes) => `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`;
const sizeLabel = (bytes) => (bytes >= 1024 ** 3 && bytes % (1024 ** 3 / 4) === 0 ? `${bytes / 1024 ** 3} GiB` : mib(bytes));
const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '?');
const pct = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '?');
const cpuLabel = (use) => (Number.isFinite(use.percent) ? `${use.percent.toFixed(0)} % (kernel ${use.kernelPercent.toFixed(0)} %)` : '?');
const kernelPerMib = (use, bytes) => (Number.isFinite(use.kernelMs) ? (use.kernelMs / (bytes / MiB)).toFixed(1) : '?');

function report({ n8nVersion, packageLabel, simulatorInRam, baseline, rows, totalMs }) {
	const out = [];
	out.push(
		`Veeva Vault node "Upload File" (${packageLabel}) in n8n ${n8nVersion} (filesystem binary data, ${PART_MIB} MiB parts) vs curl, same simulated Vault, same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, simulator data and n8n's binary data ${simulatorInRam ? 'in RAM (tmpfs)' : 'on disk'}` +
			`${REPEAT > 1 ? `, median of ${REPEAT} uploads per size and side (memory: the largest)` : ''}.`,
	);
	out.push('');
	out.push(`| file | node MiB/s | curl MiB/s | ratio | node without the file MD5: MiB/s, ratio | n8n peak RSS | peak without the upload (Read File only) | growth | limit (2 parts + 64 MiB) | result |`);
	out.push('|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) {
		out.push(
			`| ${sizeLabel(row.bytes)} | ${mibps(row.bytes, row.node.window.ms)} | ${mibps(row.bytes, row.curl.window.ms)} | ${pct(row.ratio * 100)} | ` +
				`${mibps(row.bytes, row.noFileMd5.window.ms)}, ${pct(row.noFileMd5Ratio * 100)} | ${mib(row.peakRss)} | ${mib(row.readOnly.memory.peakRss)} | ${signedMib(row.growth)} | ${mib(LIMIT_BYTES)} | ` +
				`${row.ratio >= THROUGHPUT_TARGET ? 'throughput ok' : '**throughput missed**'}, ${row.growth <= LIMIT_BYTES ? 'memory ok' : '**memory missed**'} |`,
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
	const memoryOk = rows.every((row) => row.growth <= LIMIT_BYTES);
	const spread = rows.length > 1 ? rows.at(-1).peakRss - rows[0].peakRss : null;
	out.push('');
	out.push(
		`Verdict: throughput target (≥ ${THROUGHPUT_TARGET * 100} % of curl) ${throughputOk ? 'MET' : 'MISSED'}: ${rows.map((row) => pct(row.ratio * 100)).join(', ')} ` +
			`(with Compute File MD5 off: ${rows.map((row) => pct(row.noFileMd5Ratio * 100)).join(', ')}). ` +
			`Memory target (growth ≤ ${mib(LIMIT_BYTES)}) ${memoryOk ? 'MET' : 'MISSED'}: ${rows.map((row) => signedMib(row.growth)).join(', ')}` +
			`${spread === null ? '' : `; from ${sizeLabel(rows[0].bytes)} to ${sizeLabel(rows.at(-1).bytes)} the peak ${Math.abs(spread) <= PART_BYTES ? 'does not grow' : 'GROWS'} (${signedMib(spread)})`}; ` +
			`the node's own growth during the upload: ${rows.map((row) => signedMib(row.node.rssMaxDuringUpload - row.node.rssAtUploadStart)).join(', ')}. ` +
			`Bench run ${secs(totalMs)}.`,
	);
	process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------ main

/** "commit abc1234", plus "with uncommitted changes" when the package's sources differ from it. */
async function checkoutLabel() {
	const git = (args) => runProcess('git', args, { label: 'git', cwd: PROJECT_ROOT }).catch(() => ({ code: -1, stdout: '' }));
	const head = await git(['rev-parse', '--short', 'HEAD']);
	if (head.code !== 0) return 'this checkout';
	const changes = await git(['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json', 'tsconfig.json']);
	return `commit ${head.stdout.trim()}${changes.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

async function main() {
	const started = Date.now();
	setLogPrefix('[bench]');
	installCleanupHandlers();
	assertNode24();
	const curlVersion = await runProcess('curl', ['--version'], { label: 'curl --version' }).catch(() => ({ code: -1 }));
	if (curlVersion.code !== 0) throw new Error('the benchmark needs curl on PATH');
	clockTicks = Number((await runProcess('getconf', ['CLK_TCK'], { label: 'getconf' }).catch(() => ({ stdout: '' }))).stdout.trim()) || 100;

	const workspace = await createWorkspace('veeva-vault-bench-');
	workspace.input = join(workspace.root, 'input');
	mkdirSync(workspace.input, { recursive: true });
	const biggest = Math.max(...SIZES_MIB) * MiB;
	const inRam = makeShmDir(3 * biggest + 1024 * MiB);
	workspace.simulatorDataDir = inRam ? join(inRam, 'vault') : workspace.simulatorData;
	const simulatorInRam = Boolean(inRam);
	if (inRam) {
		workspace.binaryData = join(inRam, 'n8n-binary-data');
		for (const dir of [workspace.simulatorDataDir, workspace.binaryData]) mkdirSync(dir, { recursive: true });
	}
	// On disk at once: the input file and n8n's copy of it or curl's part files (+ the simulator's parts and file).
	const needed = (simulatorInRam ? 2 : 4) * biggest + 1024 * MiB;
	const { bavail, bsize } = statfsSync(workspace.root);
	if (bavail * bsize < needed) throw new Error(`${workspace.root} has ${mib(bavail * bsize)} free; the benchmark needs about ${mib(needed)}`);
	log(`workspace ${workspace.root} (${mib(bavail * bsize)} free, needs about ${mib(needed)}); simulator data in ${workspace.simulatorDataDir}, n8n's binary data in ${workspace.binaryData ?? 'its user folder'}`);

	const n8n = await ensureN8n();
	let tarball = argv.tarball ? resolve(argv.tarball) : null;
	const packageLabel = tarball ? basename(tarball) : await checkoutLabel();
	if (tarball) log(`n8n ${n8n.version}; the package from ${tarball}`);
	else {
		log(`n8n ${n8n.version}; building and packing ${PROJECT_ROOT} (${packageLabel})`);
		({ tarball } = await buildAndPack(workspace.files));
	}
	await installCommunityPackage(workspace.userFolder, tarball);
	const simulator = withRetriedControl(await startSimulator({ dataDir: workspace.simulatorDataDir }));
	log(`simulated Vault on ${simulator.url}`);

	const inputFile = join(workspace.input, 'input.bin');
	const cli = new BenchN8n(n8n, workspace);
	await cli.importCredentials([vaultCredential({ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, vaultDns: simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	await cli.importWorkflows([workflow(inputFile), workflow(inputFile, { fileMd5: false }), workflow(inputFile, { upload: false })]);
	const context = { cli, n8n, simulator, workspace };

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
		for (let round = 1; round <= REPEAT; round++) {
			const label = `${sizeLabel(bytes)}${REPEAT > 1 ? ` #${round}` : ''}`;
			// Each round starts with another side, so that the order favours none.
			const sides = ['node', 'curl', 'node without the file MD5'];
			let node;
			let curl;
			let noFileMd5;
			for (const side of [...sides.slice((round - 1) % 3), ...sides.slice(0, (round - 1) % 3)]) {
				await simulator.reset();
				if (side !== 'curl') {
					await sync();
					const fileMd5 = side === 'node';
					const run = await runN8n(context, { bytes, md5, expectMethod: 'uploadSession', fileMd5 });
					checkStaged(workspace, bytes, 'n8n');
					log(`${label}: n8n${fileMd5 ? '' : ' without the file MD5'} ${mibps(bytes, run.window.ms)} MiB/s, peak RSS ${mib(run.memory.peakRss)}, execute ${secs(run.ms)}`);
					if (fileMd5) node = run;
					else noFileMd5 = run;
					// n8n's copy of the input goes before curl's part files come, so that both
					// uploads run with the same amount of data in the page cache.
					removeBinaryCopies(workspace, bytes);
				} else {
					const parts = await splitIntoParts(inputFile, partsDir);
					await sync();
					curl = await runCurl(context, { bytes, parts });
					checkStaged(workspace, bytes, 'curl');
					log(`${label}: curl ${mibps(bytes, curl.window.ms)} MiB/s`);
					rmSync(partsDir, { recursive: true, force: true });
				}
			}
			runs.push({ node, curl, noFileMd5, ratio: curl.window.ms / node.window.ms, noFileMd5Ratio: curl.window.ms / noFileMd5.window.ms });
		}
		await simulator.reset();
		rmSync(inputFile, { force: true });
		const shown = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor((runs.length - 1) / 2)];
		const peakRss = Math.max(...runs.map((run) => run.node.memory.peakRss));
		const noFileMd5Shown = [...runs].sort((a, b) => a.noFileMd5Ratio - b.noFileMd5Ratio)[Math.floor((runs.length - 1) / 2)];
		rows.push({ bytes, ...shown, noFileMd5: noFileMd5Shown.noFileMd5, noFileMd5Ratio: noFileMd5Shown.noFileMd5Ratio, peakRss, readOnly, growth: peakRss - readOnly.memory.peakRss });
	}
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel, simulatorInRam, baseline, rows, totalMs: Date.now() - started });
}

let exitCode = 0;
try {
	await main();
} catch (error) {
	process.stderr.write(`[bench] could not complete the benchmark: ${error?.stack ?? error}\n`);
	exitCode = 1;
} finally {
	cleanupNow();
	removeShmDir();
	const left = await leftoversAfterCleanup();
	if (left.processes.length || left.folders.length) {
		process.stderr.write(`[bench] left behind: ${[...left.processes, ...left.folders].join(', ')}\n`);
		exitCode ||= 1;
	}
}
process.exit(exitCode);
