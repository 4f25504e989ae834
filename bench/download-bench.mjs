// Download benchmark, `npm run bench` (or `npm run bench -- download`): the Veeva Vault node's
// "Download" of a staged file in the real n8n CLI, written to disk by n8n's Read/Write Files node,
// against `curl -o` of the same file from the same simulated Vault, in the same run, at two file
// sizes (1 GiB and 2 GiB by default). Prints a markdown table: throughput of each and their ratio,
// and n8n's peak memory against the same workflow downloading a 1 KiB file. A benchmark, not a
// test: it exits 0 when a target is missed (and says so), non-zero only when it could not measure.
//
//   node bench/download-bench.mjs [--sizes 1024,2048] [--repeat 1] [--tarball file.tgz]
//
// How it measures:
// - n8n: Manual Trigger → Veeva Vault (Staging Item → Download, API-token credential) → Read/Write
//   Files from Disk (write), filesystem binary-data mode, one `n8n execute` per download. The node
//   streams Vault's answer into n8n's binary store; the write node then copies it to the target.
// - curl: `curl -o target` with the same token, one process.
// - n8n's own HTTP Request node (response format File) in place of the Veeva Vault node, same
//   workflow otherwise: what n8n itself reaches on the same path, for reference.
// - Throughput, node: the simulator received the download request → the write node finished (its
//   start + execution time in n8n's run data), so the node's figure includes n8n's extra copy from
//   its binary store to the target file, which curl does not make. Also shown: the download alone
//   (request received → the simulator sent the last byte). curl: request received → curl exited.
// - Memory: the largest RSS of the `n8n execute` process, sampled every 50 ms. Growth = peak of the
//   download of the big file − peak of the same workflow downloading a 1 KiB file.
// - The staged file, n8n's binary store and both targets are on tmpfs when there is room, so that
//   no side waits for the disk; `sync` runs before each timed download. Both targets are checked
//   byte for byte (MD5) after each download, outside the timed window.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { log, md5OfFile } from '../tools/processes.mjs';
import {
	API_VERSION,
	MiB,
	cpuLabel,
	cpuUse,
	curl,
	executeSampled,
	generateInput,
	isSimulator,
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
} from './lib.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const STAGING_PATH = '/bench/download.bin';
const WORKFLOW_ID = 'BenchDownloadFile1';
const HTTP_WORKFLOW_ID = 'BenchHttpRequest01';
const CREDENTIAL_ID = 'BenchVaultToken02';
const CREDENTIAL_NAME = 'Vault bench token';
const VEEVA_NODE = 'Download from Vault';
const WRITE_NODE = 'Write File';
const BASELINE_BYTES = 1024;
const THROUGHPUT_TARGET = 0.9;
const GROWTH_LIMIT = 64 * MiB;

const USAGE = `Usage: node bench/download-bench.mjs [options]   (Node 24 on PATH)
  --sizes MiB,MiB   file sizes (default 1024,2048)
  --repeat N        downloads of each size by each side; the round with the median ratio is shown (default 1)
  --tarball FILE    benchmark this packed package (npm pack output) instead of building this checkout
`;
const { values: argv } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1024,2048' },
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
const REPEAT = Number(argv.repeat);
if (SIZES_MIB.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(REPEAT) || REPEAT < 1) {
	process.stderr.write(USAGE);
	process.exit(2);
}

/**
 * The one workflow of every size (the staged file at STAGING_PATH is replaced between runs). With
 * `httpRequestUrl`, n8n's own HTTP Request node downloads the file instead (response format
 * File, the token in a header): what n8n itself reaches on the same path.
 */
function workflow(target, { httpRequestUrl } = {}) {
	const download = httpRequestUrl
		? {
				id: 'bench-http',
				name: VEEVA_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					url: httpRequestUrl,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: TOKEN }] },
					options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
				},
			}
		: {
				id: 'bench-vault',
				name: VEEVA_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'stagingItem', operation: 'download', path: STAGING_PATH, binaryPropertyName: 'data' },
				credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			};
	return {
		id: httpRequestUrl ? HTTP_WORKFLOW_ID : WORKFLOW_ID,
		name: httpRequestUrl ? 'Bench: download with HTTP Request to disk' : 'Bench: download a staged file to disk',
		nodes: [
			{ id: 'bench-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			download,
			{
				id: 'bench-write',
				name: WRITE_NODE,
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [480, 0],
				parameters: { operation: 'write', fileName: target, dataPropertyName: 'data', options: {} },
			},
		],
		connections: {
			Start: { main: [[{ node: VEEVA_NODE, type: 'main', index: 0 }]] },
			[VEEVA_NODE]: { main: [[{ node: WRITE_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

// ------------------------------------------------------------------------------------ downloads

const isCurlDownload = (cmd) => /(^|\/)curl$/.test(cmd[0] ?? '') && cmd.includes('-o');

/** The download request the simulator saw from `since` on. */
async function downloadRequest(simulator, since) {
	const { requests } = await simulator.stats();
	const seen = requests.filter((request) => request.startedAt >= since);
	const downloads = seen.filter((request) => request.route === 'downloadItem');
	if (downloads.length !== 1 || downloads[0].finishedAt === null) {
		throw new Error(`expected one finished download request, the simulator saw: ${seen.map((request) => `${request.route} ${request.responseStatus ?? ''}`).join(', ')}`);
	}
	return downloads[0];
}

async function checkTarget(target, { bytes, md5 }, who) {
	const size = statSync(target, { throwIfNoEntry: false })?.size ?? null;
	if (size !== bytes) throw new Error(`${who} wrote ${size} bytes to ${target}, expected ${bytes}`);
	const written = await md5OfFile(target);
	if (written !== md5) throw new Error(`${who} wrote a file with MD5 ${written}, expected ${md5}`);
	rmSync(target, { force: true });
}

async function runN8n(context, file, { httpRequest = false } = {}) {
	const since = Date.now();
	const { result, memory, simulatorCpu } = await executeSampled(context, httpRequest ? HTTP_WORKFLOW_ID : WORKFLOW_ID, httpRequest ? 'HTTP Request download' : 'download');
	const request = await downloadRequest(context.simulator, since);
	const [downloaded] = nodeItems(result.run, VEEVA_NODE);
	if (downloaded?.binary?.data?.fileSize === undefined && downloaded?.binary?.data?.id === undefined) {
		throw new Error(`"${VEEVA_NODE}" gave no binary data: ${JSON.stringify(downloaded ?? null).slice(0, 500)}`);
	}
	const write = nodeRun(result.run, WRITE_NODE);
	const download = nodeRun(result.run, VEEVA_NODE);
	const end = write.startTime + write.executionTime;
	await checkTarget(context.target, file, httpRequest ? 'n8n HTTP Request' : 'n8n');
	return {
		memory,
		ms: result.ms,
		window: { start: request.startedAt, end, ms: end - request.startedAt, downloadMs: request.finishedAt - request.startedAt },
		downloadNodeMs: download.executionTime,
		writeNodeMs: write.executionTime,
		cpu: { client: cpuUse(memory, request.startedAt, end), simulator: cpuUse(simulatorCpu, request.startedAt, end) },
	};
}

async function runCurl({ simulator, target }, file) {
	const url = `${simulator.url}/api/${API_VERSION}/services/file_staging/items/content${STAGING_PATH}`;
	const curlSampler = startSampler(isCurlDownload);
	const simulatorSampler = startSampler(isSimulator);
	const since = Date.now();
	let end;
	let curlCpu;
	let simulatorCpu;
	try {
		await curl(['--fail', '-H', `Authorization: ${TOKEN}`, '-H', 'X-VaultAPI-ClientID: download-bench-curl', '-o', target, url], 'curl download');
		end = Date.now();
	} finally {
		curlCpu = curlSampler.stop();
		simulatorCpu = simulatorSampler.stop();
	}
	const request = await downloadRequest(simulator, since);
	await checkTarget(target, file, 'curl');
	return {
		window: { start: request.startedAt, end, ms: end - request.startedAt, downloadMs: request.finishedAt - request.startedAt },
		cpu: { client: cpuUse(curlCpu, request.startedAt, end), simulator: cpuUse(simulatorCpu, request.startedAt, end) },
	};
}

// ------------------------------------------------------------------------------------ report

function report({ n8nVersion, packageLabel, inRam, baseline, rows, totalMs }) {
	const out = [];
	out.push(
		`Veeva Vault node "Download" (${packageLabel}) → Read/Write Files (write) in n8n ${n8nVersion} (filesystem binary data) vs curl -o, same simulated Vault, same run. ` +
			`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, staged file, n8n's binary data and targets ${inRam ? 'in RAM (tmpfs)' : 'on disk'}` +
			`${REPEAT > 1 ? `, median of ${REPEAT} downloads per size and side (memory: the largest)` : ''}.`,
	);
	out.push('');
	out.push('| file | node to disk MiB/s | curl -o MiB/s | ratio | node\'s download alone MiB/s | n8n\'s own HTTP Request to disk (download alone) MiB/s | n8n peak RSS | peak with a 1 KiB file | growth | HTTP Request\'s growth | result |');
	out.push('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) {
		out.push(
			`| ${sizeLabel(row.bytes)} | ${mibps(row.bytes, row.node.window.ms)} | ${mibps(row.bytes, row.curl.window.ms)} | ${pct(row.ratio * 100)} | ${mibps(row.bytes, row.node.window.downloadMs)} | ` +
				`${mibps(row.bytes, row.http.window.ms)} (${mibps(row.bytes, row.http.window.downloadMs)}) | ` +
				`${mib(row.peakRss)} | ${mib(baseline.memory.peakRss)} | ${signedMib(row.growth)} | ${signedMib(row.http.memory.peakRss - baseline.memory.peakRss)} | ` +
				`${row.ratio >= THROUGHPUT_TARGET ? 'throughput ok' : '**throughput missed**'}, ${row.growth < GROWTH_LIMIT ? 'memory ok' : '**memory missed**'} |`,
		);
	}
	out.push('');
	out.push('Details. CPU: % of one core from the request to the file on disk, kernel share in brackets.');
	out.push('');
	out.push('| file | window node / curl | n8n execute (Download, Write File) | CPU n8n, simulator (node run) | CPU curl, simulator (curl run) |');
	out.push('|---|---|---|---|---|');
	for (const { bytes, node, curl: bare } of rows) {
		out.push(
			`| ${sizeLabel(bytes)} | ${secs(node.window.ms)} / ${secs(bare.window.ms)} | ${secs(node.ms)} (${secs(node.downloadNodeMs)}, ${secs(node.writeNodeMs)}) | ` +
				`${cpuLabel(node.cpu.client)}, ${cpuLabel(node.cpu.simulator)} | ${cpuLabel(bare.cpu.client)}, ${cpuLabel(bare.cpu.simulator)} |`,
		);
	}
	const throughputOk = rows.every((row) => row.ratio >= THROUGHPUT_TARGET);
	const memoryOk = rows.every((row) => row.growth < GROWTH_LIMIT);
	const spread = rows.length > 1 ? rows.at(-1).peakRss - rows[0].peakRss : null;
	out.push('');
	out.push(
		`Verdict: throughput target (≥ ${THROUGHPUT_TARGET * 100} % of curl -o) ${throughputOk ? 'MET' : 'MISSED'}: ${rows.map((row) => pct(row.ratio * 100)).join(', ')}. ` +
			`Memory target (growth < ${mib(GROWTH_LIMIT)}) ${memoryOk ? 'MET' : 'MISSED'}: ${rows.map((row) => signedMib(row.growth)).join(', ')}` +
			`${spread === null ? '' : `; from ${sizeLabel(rows[0].bytes)} to ${sizeLabel(rows.at(-1).bytes)} the peak moves ${signedMib(spread)}`}. ` +
			`Bench run ${secs(totalMs)}.`,
	);
	process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------ main

async function main() {
	const started = Date.now();
	const biggest = Math.max(...SIZES_MIB) * MiB;
	// At once: the staged file, n8n's copy in its binary store and one target.
	const context = await setUpBench({ logPrefix: '[bench download]', ramBytes: 3 * biggest + 1024 * MiB, diskBytes: 1024 * MiB, diskBytesWithoutRam: 3 * biggest + 1024 * MiB, tarball: argv.tarball });
	const { cli, n8n, simulator, workspace } = context;
	context.target = join(workspace.output, 'download.bin');
	const staged = join(workspace.simulatorDataDir, 'staging', ...STAGING_PATH.split('/').filter(Boolean));
	mkdirSync(join(staged, '..'), { recursive: true });

	await cli.importCredentials([vaultCredential({ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, vaultDns: simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	const fileUrl = `${simulator.url}/api/${API_VERSION}/services/file_staging/items/content${STAGING_PATH}`;
	await cli.importWorkflows([workflow(context.target), workflow(context.target, { httpRequestUrl: fileUrl })]);

	log(`baseline: a ${BASELINE_BYTES} B file through the same workflow`);
	const tiny = { bytes: BASELINE_BYTES, md5: await generateInput(staged, BASELINE_BYTES) };
	const baseline = await runN8n(context, tiny);
	log(`baseline: peak RSS ${mib(baseline.memory.peakRss)}, execute ${secs(baseline.ms)}`);
	removeBinaryCopies(workspace, BASELINE_BYTES);

	const rows = [];
	for (const sizeMib of SIZES_MIB) {
		const bytes = sizeMib * MiB;
		log(`${sizeLabel(bytes)}: writing the staged file`);
		const file = { bytes, md5: await generateInput(staged, bytes) };
		const runs = [];
		for (let round = 1; round <= REPEAT; round++) {
			const label = `${sizeLabel(bytes)}${REPEAT > 1 ? ` #${round}` : ''}`;
			const order = ['node', 'curl', 'http'];
			const sides = [...order.slice((round - 1) % 3), ...order.slice(0, (round - 1) % 3)];
			const run = {};
			for (const side of sides) {
				await sync();
				if (side === 'node') {
					run.node = await runN8n(context, file);
					removeBinaryCopies(workspace, bytes);
					log(`${label}: n8n ${mibps(bytes, run.node.window.ms)} MiB/s to disk (download alone ${mibps(bytes, run.node.window.downloadMs)}), peak RSS ${mib(run.node.memory.peakRss)}`);
				} else if (side === 'http') {
					run.http = await runN8n(context, file, { httpRequest: true });
					removeBinaryCopies(workspace, bytes);
					log(`${label}: n8n's HTTP Request ${mibps(bytes, run.http.window.ms)} MiB/s to disk (download alone ${mibps(bytes, run.http.window.downloadMs)}), peak RSS ${mib(run.http.memory.peakRss)}`);
				} else {
					run.curl = await runCurl(context, file);
					log(`${label}: curl -o ${mibps(bytes, run.curl.window.ms)} MiB/s`);
				}
			}
			runs.push({ ...run, ratio: run.curl.window.ms / run.node.window.ms });
		}
		const shown = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor((runs.length - 1) / 2)];
		const peakRss = Math.max(...runs.map((run) => run.node.memory.peakRss));
		rows.push({ bytes, ...shown, peakRss, growth: peakRss - baseline.memory.peakRss });
	}
	rmSync(staged, { force: true });
	await simulator.stop();
	report({ n8nVersion: n8n.version, packageLabel: context.packageLabel, inRam: context.inRam, baseline, rows, totalMs: Date.now() - started });
}

await runBench(main, '[bench download]');
