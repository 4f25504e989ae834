// Processes and temporary folders for the end-to-end suite, the demo and the benchmark: every
// child runs in its own process group tied to this process, and whatever this process started or
// created is stopped and removed at the end, whatever happens. Also small shared utilities.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------------------------ logging

let logPrefix = '[e2e]';
export function setLogPrefix(prefix) {
	logPrefix = prefix;
}
/** Progress goes to stderr so that stdout stays the test runner's (or the demo's) own output. */
export function log(message) {
	process.stderr.write(`${logPrefix} ${message}\n`);
}

// ------------------------------------------------------------------------------------ clean-up

const processGroups = new Map(); // pid (= process group id) -> label, while running
const tempDirs = new Set();
// Everything ever started or created, for the final check that nothing is left.
const everyProcessGroup = new Map();
const everyTempDir = new Set();
const servers = new Set();
let cleanupHandlersInstalled = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch (error) {
		if (error.code === 'ESRCH') return false;
		throw error;
	}
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** pid -> the signal that stops that process cleanly (PostgreSQL: SIGINT), tried before SIGKILL. */
const stopSignals = new Map();

/** Whether a process has ended (a zombie counts: it only waits to be reaped). */
function processEnded(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return !processAlive(pid);
	}
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Synchronous, idempotent: safe from 'exit' and signal handlers. Everything is killed, except
 * processes with a stop signal (PostgreSQL): they get it, after the others are gone, and up to
 * 5 s to end, so that they leave nothing behind (a killed PostgreSQL leaves a shared memory
 * segment); then they are killed too.
 */
export function cleanupNow() {
	const graceful = [...processGroups.keys()].filter((pid) => stopSignals.has(pid));
	// Their clients (n8n) first.
	for (const pid of processGroups.keys()) if (!stopSignals.has(pid)) killGroup(pid, 'SIGKILL');
	for (const pid of graceful) {
		try {
			process.kill(pid, stopSignals.get(pid));
		} catch {
			// Already gone.
		}
	}
	const deadline = Date.now() + 5000;
	while (graceful.some((pid) => !processEnded(pid)) && Date.now() < deadline) sleepSync(50);
	for (const pid of processGroups.keys()) killGroup(pid, 'SIGKILL');
	processGroups.clear();
	for (const server of servers) {
		server.closeAllConnections?.();
		server.close();
	}
	servers.clear();
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	tempDirs.clear();
}

/** Processes (with their children) and folders this process started or created that still exist. */
export function leftovers() {
	return {
		processes: [...everyProcessGroup.entries()].filter(([pid]) => groupAlive(pid)).map(([pid, label]) => `${label} (pid ${pid})`),
		folders: [...everyTempDir].filter((dir) => existsSync(dir)),
	};
}

/** leftovers(), after giving killed processes a moment to be gone. */
export async function leftoversAfterCleanup(graceMs = 3000) {
	const deadline = Date.now() + graceMs;
	let left = leftovers();
	while (left.processes.length && Date.now() < deadline) {
		await new Promise((ok) => setTimeout(ok, 100));
		left = leftovers();
	}
	return left;
}

/** The end of a suite: cleanupNow(), then fails if a process or temporary folder outlives it. */
export async function assertNothingLeftBehind() {
	cleanupNow();
	const left = await leftoversAfterCleanup();
	assert.deepEqual(left, { processes: [], folders: [] }, 'processes or temporary folders were left behind');
}

function trackGroup(pid, label) {
	if (!pid) return;
	processGroups.set(pid, label);
	everyProcessGroup.set(pid, label);
}

export function installCleanupHandlers() {
	if (cleanupHandlersInstalled) return;
	cleanupHandlersInstalled = true;
	process.on('exit', cleanupNow);
	for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
		process.on(signal, () => {
			log(`${signal}: stopping child processes and removing temporary folders`);
			cleanupNow();
			process.exit(code);
		});
	}
}

/** A temporary folder named after this process (`<prefix><pid>-XXXXXX`), removed at clean-up. */
export function makeTempDir(prefix) {
	removeOrphanedTempDirs(prefix);
	const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
	tempDirs.add(dir);
	everyTempDir.add(dir);
	return dir;
}

/** Folders of an earlier run whose process no longer exists (it was killed before cleaning up). */
function removeOrphanedTempDirs(prefix) {
	let names = [];
	try {
		names = readdirSync(tmpdir());
	} catch {
		return;
	}
	for (const name of names) {
		const match = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
		if (!match || Number(match[1]) === process.pid || processAlive(Number(match[1]))) continue;
		const dir = join(tmpdir(), name);
		if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	}
}

export function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

export function removeTempDir(dir) {
	rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	tempDirs.delete(dir);
}

// ------------------------------------------------------------------------------------ processes

const EXIT_WITH_PARENT = pathToFileURL(join(PROJECT_ROOT, 'tools/exit-with-parent.mjs')).href;

/**
 * A Node.js script in the background, in its own process group, stopped with this process and
 * by cleanupNow(); stop it earlier with stopTied().
 */
export function startTied(args, { cwd = PROJECT_ROOT, env = process.env, label }) {
	const child = spawnNodeTied(args, { cwd, env, stdio: ['pipe', 'pipe'] });
	child.stdin.on('error', () => {});
	trackGroup(child.pid, label);
	return child;
}

/**
 * Any program (not only Node.js) in the background, in its own process group, stopped with this
 * process and by cleanupNow(); stop it earlier with stopTied(). Where util-linux's setpriv is
 * available the program also gets `stopSignal` (default SIGKILL) when this process dies, even by
 * SIGKILL (it cannot watch a pipe like the Node.js children). `setprivArgs` (e.g. `--reuid=101`)
 * run it as another user; `stopSignal` is also what cleanupNow() sends it first, to let it end cleanly.
 */
export function startTiedCommand(command, args, { cwd = PROJECT_ROOT, env = process.env, label = command, setprivArgs = [], stopSignal } = {}) {
	const deathSignal = (stopSignal ?? 'SIGKILL').replace(/^SIG/, '');
	const wrapped = SETPRIV ? [SETPRIV, ['--pdeathsig', deathSignal, ...setprivArgs, '--', command, ...args]] : [command, args];
	if (!SETPRIV && setprivArgs.length) throw new Error(`${label}: setpriv (util-linux) is needed to run it as another user`);
	const child = spawn(wrapped[0], wrapped[1], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	trackGroup(child.pid, label);
	if (stopSignal && child.pid) stopSignals.set(child.pid, stopSignal);
	child.once('error', () => processGroups.delete(child.pid));
	return child;
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

/**
 * Stops a child of startTied() or startTiedCommand(): `signal` (SIGTERM; PostgreSQL wants SIGINT
 * for a fast shutdown) to its group, SIGKILL after `graceMs`, and whatever it left in its group.
 */
export async function stopTied(child, graceMs = 5000, signal = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroup(child.pid, 'SIGKILL');
		processGroups.delete(child.pid);
		stopSignals.delete(child.pid);
		return;
	}
	const exited = new Promise((ok) => child.once('exit', ok));
	killGroup(child.pid, signal);
	const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	killGroup(child.pid, 'SIGKILL');
	processGroups.delete(child.pid);
	stopSignals.delete(child.pid);
}

/** A server of this process (e.g. a webhook receiver), closed by cleanupNow(). */
export function trackServer(server) {
	servers.add(server);
	return () => servers.delete(server);
}

/** Spawns a Node.js script in its own process group, made to stop itself if this process dies. */
function spawnNodeTied(args, { cwd, env, stdio }) {
	return spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...args], {
		cwd,
		env: { ...env, VEEVA_E2E_EXIT_WITH_PARENT: '1' },
		detached: true,
		stdio: ['pipe', ...stdio],
	});
}

/**
 * Runs a command in its own process group (so that its own children, such as n8n's task
 * runner, can be stopped with it), collecting its output. Never rejects for a non-zero exit.
 * With `node: true`, `command` is ignored and `args` run in this Node.js, tied to this process.
 */
export function runProcess(command, args, { cwd = PROJECT_ROOT, env = process.env, timeoutMs = 600_000, label = command, inheritStderr = false, node = false } = {}) {
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		const stdio = ['pipe', inheritStderr ? 'inherit' : 'pipe'];
		const child = node
			? spawnNodeTied(args, { cwd, env, stdio })
			: spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', ...stdio] });
		child.stdin?.on('error', () => {});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		trackGroup(child.pid, label);
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			processGroups.delete(child.pid);
			reject(new Error(`${label}: could not start ${command}: ${error.message}`));
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			// Whatever the command left behind in its group goes with it.
			if (child.pid) {
				killGroup(child.pid, 'SIGKILL');
				processGroups.delete(child.pid);
			}
			resolvePromise({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
		});
	});
}

export function describeExit(result) {
	if (result.timedOut) return 'timed out';
	return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
}

export function tail(text, lines = 40) {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Environment for npm: the Node 24 PATH, without npm's `nodedir` (only native builds need it). */
export function npmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
	return env;
}

export function assertNode24() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		throw new Error(
			`n8n 2.x needs Node 24 or newer, this is Node ${process.versions.node}. Run through npm (npm run test:e2e / npm run demo), which takes Node 24 from scripts/node24.sh.`,
		);
	}
}

export async function freePort() {
	const server = createServer();
	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address();
	await new Promise((ok) => server.close(ok));
	return port;
}

// ------------------------------------------------------------------------------------ files

/** Writes `bytes` random bytes to `path` (folders created), 1 MiB at a time; returns their MD5. */
export async function writeRandomFile(path, bytes) {
	mkdirSync(dirname(path), { recursive: true });
	const hash = createHash('md5');
	const file = await open(path, 'w');
	try {
		for (let written = 0; written < bytes; ) {
			const chunk = randomBytes(Math.min(1024 * 1024, bytes - written));
			hash.update(chunk);
			await file.write(chunk);
			written += chunk.length;
		}
	} finally {
		await file.close();
	}
	return hash.digest('hex');
}

/** MD5 (hex) of a file, read as a stream. */
export async function md5OfFile(path) {
	const hash = createHash('md5');
	for await (const chunk of createReadStream(path)) hash.update(chunk);
	return hash.digest('hex');
}

// ------------------------------------------------------------------------------------ formatting

export function formatBytes(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Resolves once `pattern` appears in what `child` printed; rejects if it exits first or after `timeoutMs`. */
export function waitForOutput(child, pattern, { label, timeoutMs = 60_000, output }) {
	return new Promise((ready, reject) => {
		const timer = setTimeout(() => reject(new Error(`${label} was not ready within ${timeoutMs / 1000} s:\n${tail(output.text)}`)), timeoutMs);
		const check = () => {
			if (pattern.test(output.text)) {
				clearTimeout(timer);
				ready();
			}
		};
		child.stdout.on('data', check);
		child.stderr.on('data', check);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${label} exited (${signal ?? code}) before it was ready:\n${tail(output.text)}`));
		});
		check();
	});
}
