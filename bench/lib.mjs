// What the benchmarks share: the real n8n CLI with the bench's environment, a workspace whose
// simulator data and n8n binary data live in RAM when there is room, sampling of processes through
// /proc (memory, CPU), curl against the simulator, generated files and the report's number formats.
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { startSimulator } from '../simulator/client.mjs';
import { N8n, buildAndPack, createWorkspace, ensureN8n, installCommunityPackage } from '../tools/n8n.mjs';
import { PROJECT_ROOT, assertNode24, cleanupNow, freePort, installCleanupHandlers, leftoversAfterCleanup, log, processAlive, runProcess, setLogPrefix, startTied, stopTied } from '../tools/processes.mjs';

export const MiB = 1024 * 1024;
export const API_VERSION = 'v25.2';
const ENCRYPTION_KEY = 'veeva-vault-bench-fixed-encryption-key';
const SAMPLE_MS = 50;
const SHM = '/dev/shm';
const SHM_PREFIX = 'veeva-vault-bench-';

// ------------------------------------------------------------------------------------ n8n

/** The e2e suite's n8n runner with the bench's environment: filesystem binary-data mode, and
 * Read/Write Files from Disk allowed to use the bench's input and output folders. */
export class BenchN8n extends N8n {
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
			N8N_RESTRICT_FILE_ACCESS_TO: [ws.input, ws.output].filter(Boolean).join(';'),
			N8N_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		if (process.env.BENCH_N8N_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_N8N_NODE_OPTIONS;
		// A benchmark's own variables (`new BenchN8n(n8n, workspace, { env })`); NODE_OPTIONS adds to the above.
		for (const [key, value] of Object.entries(this.env ?? {})) env[key] = key === 'NODE_OPTIONS' && env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${value}` : value;
		return await runProcess(process.execPath, [this.n8n.bin, ...args], { node: true, cwd: ws.root, env, label: `n8n ${args[0]}`, timeoutMs });
	}
}

// ------------------------------------------------------------------------------------ /proc sampling

let clockTicks = 100;

/** ppid, CPU ticks (utime + stime) and kernel ticks (stime) of a process, or null when it is gone. */
export function procStat(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), kernelTicks: Number(fields[12]) };
	} catch {
		return null;
	}
}

export function procCmdline(pid) {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

/** Memory in bytes; NaN fields for a zombie. */
export function procMemory(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon') };
	} catch {
		return null;
	}
}

export function childrenOf(ppid) {
	const pids = [];
	for (const name of readdirSync('/proc')) {
		if (/^\d+$/.test(name) && procStat(name)?.ppid === ppid) pids.push(Number(name));
	}
	return pids;
}

/** A child of this process whose command line passes `match`. */
export function findChild(match) {
	return childrenOf(process.pid).find((pid) => match(procCmdline(pid))) ?? null;
}

/**
 * Samples a process (found among this process's children by `match`, as soon as it exists) every
 * 50 ms until stopped: { t, rss, anon, ticks }, VmHWM and, with `descendants`, the peak RSS of
 * each process it starts.
 */
export function startSampler(match, { descendants: watchDescendants = false } = {}) {
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
export function cpuUse(sampled, start, end) {
	const inside = sampled.samples.filter((sample) => sample.t >= start && sample.t <= end);
	if (inside.length < 2) return { percent: NaN, kernelPercent: NaN, kernelMs: NaN };
	const first = inside[0];
	const last = inside.at(-1);
	const ms = (ticks) => (ticks / clockTicks) * 1000;
	const kernelMs = ms(last.kernelTicks - first.kernelTicks);
	return { percent: (ms(last.ticks - first.ticks) * 100) / (last.t - first.t), kernelPercent: (kernelMs * 100) / (last.t - first.t), kernelMs };
}


export const isN8nExecute = (n8nBin, workflowId) => (cmd) => cmd.includes(n8nBin) && cmd.includes('execute') && cmd.includes(`--id=${workflowId}`);
export const isSimulator = (cmd) => cmd.some((arg) => arg.endsWith('simulator/cli.ts'));
export const isLatencyProxy = (cmd) => cmd.some((arg) => arg.endsWith('bench/latency-proxy.mjs'));

// ------------------------------------------------------------------------------------ latency

/**
 * bench/latency-proxy.mjs in a process of its own in front of `targetUrl` (http://127.0.0.1:PORT):
 * RTT/2 each way, a new connection's first byte held 2 × RTT. Resolves to { url, rttMs, stop() }.
 */
export async function startLatencyProxy(targetUrl, rttMs) {
	const target = new URL(targetUrl);
	const child = startTied([join(PROJECT_ROOT, 'bench/latency-proxy.mjs'), '--target-host', target.hostname, '--target-port', target.port, '--rtt', String(rttMs)], { label: `latency proxy ${rttMs} ms` });
	let output = '';
	const url = await new Promise((ok, reject) => {
		const timer = setTimeout(() => reject(new Error(`the latency proxy did not start within 30 s:\n${output}`)), 30_000);
		child.stdout.setEncoding('utf8').on('data', (chunk) => {
			output += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				ok(match[1]);
			}
		});
		child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`the latency proxy exited (${signal ?? code}) before listening:\n${output}`));
		});
	});
	child.stdout.resume();
	return { url, rttMs, stop: () => stopTied(child) };
}

/** Calls `fn` on every item, at most `limit` at once; resolves to the results in order. */
export async function mapConcurrently(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

// ------------------------------------------------------------------------------------ files

/** Writes `bytes` of random data to `file`; returns its MD5. */
export async function generateInput(file, bytes) {
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


/** Removes every file of exactly `bytes` under `dir` (n8n's copy of the input in its binary-data store). */
export function removeFilesOfSize(dir, bytes) {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		const path = join(entry.parentPath, entry.name);
		if (entry.isFile() && statSync(path, { throwIfNoEntry: false })?.size === bytes) rmSync(path, { force: true });
	}
}

let shmDir = null;

/** n8n's copies of the input in its binary-data store, wherever that is. */
export function removeBinaryCopies(workspace, bytes) {
	for (const dir of [workspace.userFolder, workspace.tmp, workspace.binaryData]) if (dir) removeFilesOfSize(dir, bytes);
}

/** /dev/shm/veeva-vault-bench-<pid>-XXXXXX when /dev/shm has room for the simulator's data, else null. */
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

export async function sync() {
	await runProcess('sync', [], { label: 'sync', timeoutMs: 600_000 });
}

// ------------------------------------------------------------------------------------ runs

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}


/** Runs a workflow in `n8n execute` while sampling n8n's memory and CPU, and the simulator's CPU. */
export async function executeSampled({ cli, n8n }, workflowId, label) {
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


// ------------------------------------------------------------------------------------ curl

export function vaultAnswer(text, label) {
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		body = null;
	}
	if (body?.responseStatus !== 'SUCCESS') throw new Error(`${label}: Vault answered ${text}`);
	return body;
}

export async function curl(args, label) {
	const result = await runProcess('curl', ['-sS', ...args], { label, timeoutMs: 30 * 60_000 });
	if (result.code !== 0) throw new Error(`${label}: curl exited ${result.signal ?? result.code}: ${result.stderr}`.trim());
	return result.stdout;
}

/** The simulator's control calls (idempotent) tried once more when the connection failed. */
export function withRetriedControl(simulator) {
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

// ------------------------------------------------------------------------------------ report

export const mibps = (bytes, ms) => (bytes / MiB / (ms / 1000)).toFixed(1);
export const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : '?');
export const signedMib = (bytes) => `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`;
export const sizeLabel = (bytes) => (bytes >= 1024 ** 3 && bytes % (1024 ** 3 / 4) === 0 ? `${bytes / 1024 ** 3} GiB` : mib(bytes));
export const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '?');
export const pct = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '?');
export const cpuLabel = (use) => (Number.isFinite(use.percent) ? `${use.percent.toFixed(0)} % (kernel ${use.kernelPercent.toFixed(0)} %)` : '?');
export const kernelPerMib = (use, bytes) => (Number.isFinite(use.kernelMs) ? (use.kernelMs / (bytes / MiB)).toFixed(1) : '?');

/** "commit abc1234", plus "with uncommitted changes" when the package's sources differ from it. */
export async function checkoutLabel() {
	const git = (args) => runProcess('git', args, { label: 'git', cwd: PROJECT_ROOT }).catch(() => ({ code: -1, stdout: '' }));
	const head = await git(['rev-parse', '--short', 'HEAD']);
	if (head.code !== 0) return 'this checkout';
	const changes = await git(['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json', 'tsconfig.json']);
	return `commit ${head.stdout.trim()}${changes.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

// ------------------------------------------------------------------------------------ set-up

/**
 * Everything a benchmark run needs: a workspace (with `input` and `output` folders), the simulator's
 * data and n8n's binary data in RAM when /dev/shm has room for `ramBytes`, enough disk for
 * `diskBytes` (else an error), the pinned n8n with this checkout built and installed as a
 * community package (or `tarball`), and the simulator (started with `simulatorArgs`). Returns { workspace, simulator, n8n, cli,
 * packageLabel, inRam }.
 */
export async function setUpBench({ logPrefix, ramBytes, diskBytes, diskBytesWithoutRam, tarball, simulatorArgs = [] }) {
	setLogPrefix(logPrefix);
	installCleanupHandlers();
	assertNode24();
	const curlVersion = await runProcess('curl', ['--version'], { label: 'curl --version' }).catch(() => ({ code: -1 }));
	if (curlVersion.code !== 0) throw new Error('the benchmark needs curl on PATH');
	clockTicks = Number((await runProcess('getconf', ['CLK_TCK'], { label: 'getconf' }).catch(() => ({ stdout: '' }))).stdout.trim()) || 100;

	const workspace = await createWorkspace('veeva-vault-bench-');
	workspace.input = join(workspace.root, 'input');
	workspace.output = join(workspace.root, 'output');
	const inRam = makeShmDir(ramBytes);
	workspace.simulatorDataDir = inRam ? join(inRam, 'vault') : workspace.simulatorData;
	if (inRam) {
		workspace.binaryData = join(inRam, 'n8n-binary-data');
		workspace.output = join(inRam, 'output');
	}
	for (const dir of [workspace.input, workspace.output, workspace.simulatorDataDir, workspace.binaryData]) if (dir) mkdirSync(dir, { recursive: true });
	const needed = inRam ? diskBytes : diskBytesWithoutRam;
	const { bavail, bsize } = statfsSync(workspace.root);
	if (bavail * bsize < needed) throw new Error(`${workspace.root} has ${mib(bavail * bsize)} free; the benchmark needs about ${mib(needed)}`);
	log(`workspace ${workspace.root} (${mib(bavail * bsize)} free, needs about ${mib(needed)}); simulator data in ${workspace.simulatorDataDir}, n8n's binary data in ${workspace.binaryData ?? 'its user folder'}`);

	const n8n = await ensureN8n();
	let packed = tarball ? resolve(tarball) : null;
	const packageLabel = packed ? basename(packed) : await checkoutLabel();
	if (packed) log(`n8n ${n8n.version}; the package from ${packed}`);
	else {
		log(`n8n ${n8n.version}; building and packing ${PROJECT_ROOT} (${packageLabel})`);
		({ tarball: packed } = await buildAndPack(workspace.files));
	}
	await installCommunityPackage(workspace.userFolder, packed);
	const simulator = withRetriedControl(await startSimulator({ dataDir: workspace.simulatorDataDir, args: simulatorArgs }));
	log(`simulated Vault on ${simulator.url}`);
	return { workspace, simulator, n8n, cli: new BenchN8n(n8n, workspace), packageLabel, inRam: Boolean(inRam) };
}

/** Runs a benchmark's main; exits 1 when it could not measure or left anything behind. */
export async function runBench(main, logPrefix) {
	let exitCode = 0;
	try {
		await main();
	} catch (error) {
		process.stderr.write(`${logPrefix} could not complete the benchmark: ${error?.stack ?? error}\n`);
		exitCode = 1;
	} finally {
		cleanupNow();
		removeShmDir();
		const left = await leftoversAfterCleanup();
		if (left.processes.length || left.folders.length) {
			process.stderr.write(`${logPrefix} left behind: ${[...left.processes, ...left.folders].join(', ')}\n`);
			exitCode ||= 1;
		}
	}
	process.exit(exitCode);
}
