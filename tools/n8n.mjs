// The real n8n CLI for the end-to-end suite, the demo and the benchmark: the pinned n8n from the
// cache, the package built, packed and installed the way n8n installs a community package, a
// local Slack incoming-webhook receiver, headless runs (`n8n execute`) and `n8n start` with its
// REST API, and the example workflows.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';

import {
	PROJECT_ROOT,
	assertNode24,
	describeExit,
	freePort,
	installCleanupHandlers,
	log,
	makeTempDir,
	npmEnv,
	runProcess,
	startTied,
	stopTied,
	tail,
	trackServer,
	waitForOutput,
} from './processes.mjs';

const projectPackage = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
export const PACKAGE_NAME = projectPackage.name;
export const NODE_TYPE = `${PACKAGE_NAME}.veevaVault`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.veevaVaultTrigger`;
export const SPARK_TRIGGER_TYPE = `${PACKAGE_NAME}.veevaVaultSparkTrigger`;
export const CREDENTIAL_TYPE = 'veevaVaultApi';
/** The credential name the example workflows refer to; importing a credential with this name
 * is all a user (or this suite) needs for the examples to pick it up. */
export const EXAMPLE_CREDENTIAL_NAME = 'Veeva Vault account';
export const EXAMPLES_DIR = join(PROJECT_ROOT, 'examples');
export const EXAMPLES = {
	staleToSlack: join(EXAMPLES_DIR, 'stale-upload-sessions-to-slack.json'),
	dailyReport: join(EXAMPLES_DIR, 'daily-upload-sessions-report.json'),
	abortIdle: join(EXAMPLES_DIR, 'abort-idle-upload-sessions.json'),
	uploadFile: join(EXAMPLES_DIR, 'upload-file-to-vault.json'),
	uploadSubmission: join(EXAMPLES_DIR, 'upload-submission-folder.json'),
	nightlyDownload: join(EXAMPLES_DIR, 'nightly-download-staged-files.json'),
	deleteOldFiles: join(EXAMPLES_DIR, 'delete-old-staged-files.json'),
	stalledTrigger: join(EXAMPLES_DIR, 'upload-stalled-trigger-to-slack.json'),
	vqlToSlack: join(EXAMPLES_DIR, 'vql-documents-this-week-to-slack.json'),
	fileToDocument: join(EXAMPLES_DIR, 'file-lands-create-document.json'),
	upsertProducts: join(EXAMPLES_DIR, 'nightly-upsert-products.json'),
	extractDocuments: join(EXAMPLES_DIR, 'extract-approved-documents-download.json'),
	crmAccounts: join(EXAMPLES_DIR, 'crm-accounts-to-vault-records.json'),
	sparkToSlack: join(EXAMPLES_DIR, 'spark-message-to-slack.json'),
	fileInDocument: join(EXAMPLES_DIR, 'file-in-vault-document-submit-for-review.json'),
	approvedToDisk: join(EXAMPLES_DIR, 'approved-this-week-to-disk.json'),
	approvedTrigger: join(EXAMPLES_DIR, 'document-approved-pdf-to-slack.json'),
};
export const SLACK_PLACEHOLDER = 'https://hooks.slack.com/services/REPLACE/ME';
export const ENCRYPTION_KEY = 'veeva-vault-e2e-fixed-encryption-key';

// ------------------------------------------------------------------------------------ n8n install

/**
 * The pinned n8n CLI from the cache folder, installed on first use by scripts/install-n8n.sh
 * (which shows its progress on stderr). Returns { bin, dir, version }.
 */
export async function ensureN8n() {
	const result = await runProcess('bash', [join(PROJECT_ROOT, 'scripts/install-n8n.sh')], {
		label: 'install-n8n',
		inheritStderr: true,
		timeoutMs: 30 * 60_000,
	});
	if (result.code !== 0) throw new Error(`scripts/install-n8n.sh ${describeExit(result)}`);
	const binLink = result.stdout.trim().split('\n').pop();
	const dir = resolve(dirname(binLink), '../..');
	const bin = join(dir, 'node_modules/n8n/bin/n8n');
	if (!existsSync(bin)) throw new Error(`scripts/install-n8n.sh reported ${binLink}, but ${bin} does not exist`);
	const { version } = JSON.parse(readFileSync(join(dir, 'node_modules/n8n/package.json'), 'utf8'));
	return { bin, dir, version };
}

/** The start of a suite that runs n8n: cleanup on exit or on a signal, Node 24, and ensureN8n(). */
export async function n8nForSuite() {
	installCleanupHandlers();
	assertNode24();
	const n8n = await ensureN8n();
	log(`n8n ${n8n.version} from ${n8n.dir}`);
	return n8n;
}

// ------------------------------------------------------------------------------------ package

/** `n8n-node build`, then `npm pack` into `destination`. Returns the tarball's path. */
export async function buildAndPack(destination) {
	const build = await runProcess(join(PROJECT_ROOT, 'node_modules/.bin/n8n-node'), ['build'], { label: 'n8n-node build', env: npmEnv(), timeoutMs: 300_000 });
	if (build.code !== 0) {
		throw new Error(`n8n-node build ${describeExit(build)}:\n${tail(stripAnsi(build.stdout + build.stderr))}`);
	}
	const pack = await runProcess('npm', ['pack', '--json', '--pack-destination', destination], { label: 'npm pack', env: npmEnv(), timeoutMs: 120_000 });
	if (pack.code !== 0) throw new Error(`npm pack ${describeExit(pack)}:\n${tail(pack.stdout + pack.stderr)}`);
	const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
	return { tarball: join(destination, filename), files: files.map((file) => file.path) };
}

/** Build output without terminal escapes and spinner frames. */
function stripAnsi(text) {
	return (
		text
			.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
			.replace(/\r/g, '')
			.replace(/[◐◓◑◒]\s+[^◐◓◑◒│■◇└\n]*/g, '')
	);
}

/**
 * Installs a packed tarball into `<userFolder>/.n8n/nodes` exactly as n8n 2.x's
 * CommunityPackagesService.downloadPackage does: extract into node_modules/<name>, drop dev,
 * peer and optional dependencies from its package.json, `npm install` what remains (with
 * n8n's flags), and list the package in `.n8n/nodes/package.json`.
 */
export async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	const untar = await runProcess('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { label: 'tar' });
	if (untar.code !== 0) throw new Error(`tar ${describeExit(untar)}: ${untar.stderr}`);
	const packageJsonPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	const install = await runProcess(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageDir, env: npmEnv(), label: 'npm install (community package)', timeoutMs: 300_000 },
	);
	if (install.code !== 0) throw new Error(`npm install in ${packageDir} ${describeExit(install)}:\n${tail(install.stdout + install.stderr)}`);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: packageJson.version } }, null, 2),
	);
	return { packageDir, packageJson };
}

/**
 * Loads the installed package with n8n's own loader (n8n-core's PackageDirectoryLoader, from the
 * n8n install), in a child process with the module paths n8n itself sets. Returns the node and
 * credential descriptions as n8n sees them (icon paths resolved), or throws n8n's error.
 */
export async function loadWithN8nLoader(n8n, packageDir) {
	const script = `
const { createRequire } = require('node:module');
const n8nRequire = createRequire(${JSON.stringify(join(n8n.dir, 'node_modules/n8n/package.json'))});
process.env.NODE_PATH = ${JSON.stringify(join(n8n.dir, 'node_modules'))};
require('node:module')._initPaths();
(async () => {
	const { PackageDirectoryLoader } = n8nRequire('n8n-core');
	const { checkNodesApiVersion } = n8nRequire('n8n-workflow');
	const loader = new PackageDirectoryLoader(${JSON.stringify(packageDir)});
	await loader.loadAll();
	const pick = (d) => ({ name: d.name, displayName: d.displayName, icon: d.icon, iconUrl: d.iconUrl, version: d.version });
	process.stdout.write(JSON.stringify({
		apiVersion: typeof checkNodesApiVersion === 'function' ? checkNodesApiVersion(loader.packageJson) : null,
		nodes: loader.types.nodes.map(pick),
		credentials: loader.types.credentials.map(pick),
		known: loader.known,
	}));
})().catch((error) => { process.stderr.write(String(error && error.stack || error) + (error && error.extra ? ' ' + JSON.stringify(error.extra) : '')); process.exit(1); });
`;
	const result = await runProcess(process.execPath, ['-e', script], { cwd: packageDir, label: 'n8n loader', timeoutMs: 120_000, env: { PATH: process.env.PATH, HOME: packageDir } });
	if (result.code !== 0) {
		const hint = /is not a constructor|Class could not be found/.test(result.stderr)
			? ' (n8n expects each file in package.json "n8n" to export a class named like the file: Foo.node.js exports Foo)'
			: '';
		throw new Error(`n8n could not load the package${hint}: ${tail(result.stderr, 15)}`);
	}
	return JSON.parse(result.stdout);
}

// ------------------------------------------------------------------------------------ Slack stand-in

/** A local stand-in for Slack's incoming webhooks: records every POST and answers "ok" like Slack. */
export async function startWebhookReceiver() {
	const received = [];
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			let json = null;
			try {
				json = JSON.parse(body);
			} catch {
				json = null;
			}
			received.push({ method: req.method, path: req.url, contentType: req.headers['content-type'] ?? '', body, json });
			res.writeHead(200, { 'Content-Type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	const untrack = trackServer(server);
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		received,
		async close() {
			untrack();
			server.closeAllConnections?.();
			await new Promise((ok) => server.close(ok));
		},
	};
}

// ------------------------------------------------------------------------------------ n8n runs

/**
 * Environment for headless n8n: nothing from the caller's N8N_* / DB_* settings leaks in;
 * `extra` (e.g. N8N_DEFAULT_BINARY_DATA_MODE) is added last.
 */
async function n8nEnv(workspace, extra = {}) {
	const env = {};
	for (const key of ['PATH', 'LANG', 'LC_ALL', 'TZ', 'USER', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) {
		if (process.env[key] !== undefined) env[key] = process.env[key];
	}
	const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
	return {
		...env,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		HOME: workspace.home,
		TMPDIR: workspace.tmp,
		N8N_USER_FOLDER: workspace.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...extra,
	};
}

/**
 * A throw-away n8n instance: a temporary folder with the user folder (the package installed in
 * .n8n/nodes), HOME and TMPDIR of every n8n command, and the simulator's data.
 */
export async function createWorkspace(prefix = 'veeva-vault-e2e-') {
	const root = makeTempDir(prefix);
	const workspace = {
		root,
		userFolder: join(root, 'n8n-user'),
		home: join(root, 'home'),
		tmp: join(root, 'tmp'),
		files: join(root, 'files'),
		simulatorData: join(root, 'simulator-data'),
	};
	for (const dir of [workspace.userFolder, workspace.home, workspace.tmp, workspace.files, workspace.simulatorData]) mkdirSync(dir, { recursive: true });
	return workspace;
}

export class N8n {
	/** `env`: extra environment variables for every n8n command of this instance. */
	constructor(n8n, workspace, { env = {} } = {}) {
		this.n8n = n8n;
		this.workspace = workspace;
		this.env = env;
		/** Everything every n8n command printed, for secret checks. */
		this.transcript = [];
		this.fileCounter = 0;
		/** Whether an earlier `n8n start` of this instance set up the owner (later ones log in). */
		this.ownerSetUp = false;
	}

	async command(args, { timeoutMs = 300_000, record = true } = {}) {
		const result = await runProcess(process.execPath, [this.n8n.bin, ...args], {
			node: true,
			cwd: this.workspace.root,
			env: await n8nEnv(this.workspace, this.env),
			label: `n8n ${args[0]}`,
			timeoutMs,
		});
		if (record) this.transcript.push({ args, output: result.stdout + result.stderr });
		return result;
	}

	async importOrFail(kind, data) {
		const file = join(this.workspace.files, `${kind}-${++this.fileCounter}.json`);
		writeFileSync(file, JSON.stringify(data, null, 2));
		const result = await this.command([`import:${kind}`, `--input=${file}`]);
		rmSync(file, { force: true });
		const output = result.stdout + result.stderr;
		if (result.code !== 0 || !/Successfully imported/.test(output)) {
			throw new Error(`n8n import:${kind} ${describeExit(result)}:\n${tail(output)}`);
		}
		return result;
	}

	importCredentials(credentials) {
		return this.importOrFail('credentials', credentials);
	}

	importWorkflows(workflows) {
		return this.importOrFail('workflow', workflows);
	}

	/** Activates a stored workflow for the next `n8n start`: n8n 2.x publishes it, 1.x sets it active. */
	async activateWorkflow(workflowId) {
		const args = Number(this.n8n.version.split('.')[0]) >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.command(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} ${describeExit(result)}:\n${tail(result.stdout + result.stderr)}`);
	}

	/** `n8n execute --id`: returns { ok, run, errorMessage, code, signal, ms, stdout }. */
	async execute(workflowId) {
		const result = await this.command(['execute', `--id=${workflowId}`]);
		return { ...parseExecuteOutput(result.stdout), code: result.code, signal: result.signal, timedOut: result.timedOut, ms: result.ms, stdout: result.stdout + result.stderr };
	}

	/**
	 * `n8n start` in the background, with an owner set up for the REST API (what the editor
	 * calls). Resolves once the editor is reachable; `stop()` ends it with SIGTERM.
	 */
	async startServer({ timeoutMs = 180_000 } = {}) {
		const env = await n8nEnv(this.workspace, this.env);
		const child = startTied([this.n8n.bin, 'start'], { cwd: this.workspace.root, env, label: 'n8n start' });
		const output = { text: '' };
		const transcriptEntry = { args: ['start'], output: '' };
		this.transcript.push(transcriptEntry);
		for (const stream of [child.stdout, child.stderr]) {
			stream.setEncoding('utf8').on('data', (chunk) => {
				output.text += chunk;
				transcriptEntry.output = output.text;
			});
		}
		await waitForOutput(child, /Editor is now accessible via/, { label: 'n8n start', timeoutMs, output });
		const url = `http://127.0.0.1:${env.N8N_PORT}`;
		const browserId = 'veeva-vault-e2e-browser';
		let cookie = '';
		const rest = async (method, path, body) => {
			const response = await fetch(`${url}/rest${path}`, {
				method,
				headers: { 'Content-Type': 'application/json', 'browser-id': browserId, ...(cookie ? { Cookie: cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const setCookie = response.headers.get('set-cookie');
			if (setCookie) cookie = setCookie.split(';')[0];
			const text = await response.text();
			if (!response.ok) throw new Error(`n8n ${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
			return JSON.parse(text).data;
		};
		const owner = { email: 'owner@e2e.example', password: 'E2e-owner-password-1' };
		if (this.ownerSetUp) await rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		else await rest('POST', '/owner/setup', { ...owner, firstName: 'E2E', lastName: 'Owner' });
		this.ownerSetUp = true;
		return {
			url,
			rest,
			output: () => output.text,
			async stop() {
				await stopTied(child, 15_000);
			},
		};
	}

	/**
	 * `n8n worker` in the background (queue mode: EXECUTIONS_MODE=queue and the Redis and
	 * database settings must be in this instance's env), with its health endpoint on a port of its
	 * own. Resolves once /healthz/readiness answers 200; `stop()` ends it with SIGTERM.
	 */
	async startWorker({ label = 'n8n worker', concurrency = 5, timeoutMs = 180_000 } = {}) {
		const healthPort = await freePort();
		const env = await n8nEnv(this.workspace, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', ...this.env });
		const child = startTied([this.n8n.bin, 'worker', `--concurrency=${concurrency}`], { cwd: this.workspace.root, env, label });
		let output = '';
		const transcriptEntry = { args: ['worker'], output: '' };
		this.transcript.push(transcriptEntry);
		for (const stream of [child.stdout, child.stderr]) {
			stream.setEncoding('utf8').on('data', (chunk) => {
				output += chunk;
				transcriptEntry.output = output;
			});
		}
		let exited = null;
		child.once('exit', (code, signal) => (exited = signal ?? code));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (exited !== null) throw new Error(`${label} exited (${exited}) before it was ready:\n${tail(output)}`);
			if (Date.now() > deadline) throw new Error(`${label} was not ready within ${timeoutMs / 1000} s:\n${tail(output)}`);
			const ready = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).then((response) => response.ok, () => false);
			if (ready) break;
			await new Promise((ok) => setTimeout(ok, 500));
		}
		return {
			label,
			healthPort,
			output: () => output,
			async stop() {
				await stopTied(child, 15_000);
			},
		};
	}

	/** The credentials as n8n stores them, decrypted (for checks only; never printed). */
	async exportCredentialsDecrypted() {
		const file = join(this.workspace.files, `export-${++this.fileCounter}.json`);
		const result = await this.command(['export:credentials', '--all', '--decrypted', `--output=${file}`], { record: false });
		if (result.code !== 0 || !existsSync(file)) throw new Error(`n8n export:credentials ${describeExit(result)}:\n${tail(result.stdout + result.stderr)}`);
		const credentials = JSON.parse(readFileSync(file, 'utf8'));
		rmSync(file, { force: true });
		return credentials;
	}
}

/**
 * Reads what `n8n execute` printed. Success prints "Execution was successful:", a line of "=",
 * then the run as pretty JSON; a failed run (with N8N_LOG_LEVEL=info) prints "Execution was NOT
 * successful", "Execution error:", "=" and the run. A run counts as successful only when the
 * complete JSON was printed and says so (n8n rarely segfaults on shutdown after that).
 */
export function parseExecuteOutput(stdout) {
	const successAt = stdout.indexOf('Execution was successful:');
	const failureAt = stdout.indexOf('Execution was NOT successful');
	const markerAt = successAt !== -1 ? successAt : failureAt;
	if (markerAt === -1) return { ok: false, run: null, errorMessage: null };
	const start = stdout.indexOf('\n{', markerAt);
	let run = null;
	if (start !== -1) {
		// Pretty-printed JSON: only its last line is a "}" at column 0.
		const end = stdout.indexOf('\n}', start + 1);
		if (end !== -1) {
			try {
				run = JSON.parse(stdout.slice(start + 1, end + 2));
			} catch {
				run = null;
			}
		}
	}
	const resultError = run?.data?.resultData?.error;
	const ok = successAt !== -1 && run !== null && run.status === 'success' && run.finished === true && !resultError;
	return { ok, run, errorMessage: resultError?.message ?? null, errorDescription: resultError?.description ?? null };
}

/** The task data of one node's first run, or undefined when the node did not run. */
export function nodeRun(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0];
}

/** Items (with json and pairedItem) a node put on one of its outputs. */
export function nodeItems(run, nodeName, output = 0) {
	return nodeRun(run, nodeName)?.data?.main?.[output] ?? [];
}

// ------------------------------------------------------------------------------------ examples

export function readExample(path) {
	return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * A copy of an example workflow ready for a headless run: the given workflow id, the values of
 * its "Settings" node replaced by `settings`, and, in the examples that post to Slack, the Slack
 * webhook URL pointed at `slackUrl`. A name in `settings` that "Settings" lacks is an error. The
 * credential reference is left as shipped: n8n's import resolves it by the credential's name.
 */
export function prepareExample(path, { id, slackUrl, settings = {} }) {
	const workflow = readExample(path);
	workflow.id = id;
	const settingsNode = workflow.nodes.find((node) => node.name === 'Settings');
	if (!settingsNode) throw new Error(`${path} has no "Settings" node`);
	const assignments = settingsNode.parameters.assignments.assignments;
	const postsToSlack = assignments.some((assignment) => assignment.name === 'slackWebhookUrl');
	const values = { ...(postsToSlack ? { slackWebhookUrl: slackUrl } : {}), ...settings };
	for (const [name, value] of Object.entries(values)) {
		const assignment = assignments.find((candidate) => candidate.name === name);
		if (!assignment) throw new Error(`${path}: the "Settings" node has no "${name}"`);
		assignment.value = value;
	}
	return workflow;
}

/** n8n refuses a poll interval under a minute, but takes six custom times, one every 10 s. */
export function every10Seconds() {
	return { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };
}

/** Veeva Vault Trigger (every 10 s) → HTTP Request posting {id, path, executionId} to `receiverUrl`. */
export function triggerWorkflow({ id, event, name = `E2E trigger: ${event}`, parameters = {}, receiverUrl, credential }) {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Vault trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: every10Seconds(), event, ...parameters },
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
			{
				id: `${id}-alert`,
				name: 'Alert',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: receiverUrl,
					sendBody: true,
					bodyParameters: {
						parameters: [
							{ name: 'id', value: '={{ $json.id }}' },
							{ name: 'path', value: '={{ $json.path }}' },
							{ name: 'executionId', value: '={{ $execution.id }}' },
						],
					},
					options: {},
				},
			},
		],
		connections: { 'Vault trigger': { main: [[{ node: 'Alert', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** A Veeva Vault credential in the form `n8n import:credentials` takes (data in clear text). */
export function vaultCredential({ id, name = EXAMPLE_CREDENTIAL_NAME, vaultDns, apiVersion = 'v25.2', username, password, accessToken, clientId }) {
	const data = { vaultDns, apiVersion, authMethod: accessToken ? 'token' : 'password' };
	if (accessToken) data.accessToken = accessToken;
	else Object.assign(data, { username, password });
	if (clientId) data.clientId = clientId;
	return { id, name, type: CREDENTIAL_TYPE, data };
}
