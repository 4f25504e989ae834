// Documents benchmark, `npm run bench -- documents`: the Veeva Vault node's Document operations in
// the real n8n CLI against the simulated Vault, in the same run:
//   1. Download File of a large source file (1 GiB by default) → Read/Write Files (write), against
//      n8n's own HTTP Request node (response format File) on the same endpoint → the same write;
//   2. Create from a large binary (200 MiB by default, read from disk by Read/Write Files) against
//      `curl -F` of the same file to the same endpoint;
//   3. many small documents (200 by default, 1 KiB files read by Read/Write Files) created with Items in
//      Parallel 10 and 1, every request through a latency proxy (RTT 50 ms by default).
// Prints markdown tables. A benchmark, not a test: it exits non-zero only when it could not measure.
//
//   node bench/documents-bench.mjs [--download-mib 1024] [--create-mib 200] [--small 200] [--rtt 50]
//                                  [--parts download,create,small]   (the parts to run; all by default)
//
// How it measures: windows from the simulator's record of the request (arrival → answer sent) and
// n8n's run data (a node's start + execution time); memory as the largest RSS of `n8n execute`,
// sampled every 50 ms, against the same workflow with a 1 KiB file. Every file is checked by MD5
// outside the timed window. The simulator's data and n8n's binary data are on tmpfs when there is
// room, so that no side waits for the disk.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SEED_ADMIN_TOKEN } from '../simulator/client.mjs';
import { CREDENTIAL_TYPE, NODE_TYPE, nodeItems, nodeRun, vaultCredential } from '../tools/n8n.mjs';
import { log, md5OfFile } from '../tools/processes.mjs';
import { API_VERSION, MiB, cpuLabel, cpuUse, curl, executeSampled, generateInput, mib, mibps, pct, isSimulator, removeBinaryCopies, runBench, secs, setUpBench, signedMib, sizeLabel, startLatencyProxy, startSampler, sync, vaultAnswer } from './lib.mjs';

const TOKEN = SEED_ADMIN_TOKEN;
const CREDENTIAL = { id: 'BenchDocsToken001', name: 'Vault bench token' };
const PROXY_CREDENTIAL = { id: 'BenchDocsProxy001', name: 'Vault bench token (latency proxy)' };
const FIELDS = { type__v: 'General', lifecycle__v: 'General Lifecycle' };
const { values: argv } = parseArgs({
	options: {
		'download-mib': { type: 'string', default: '1024' },
		'create-mib': { type: 'string', default: '200' },
		small: { type: 'string', default: '200' },
		rtt: { type: 'string', default: '50' },
		parts: { type: 'string', default: 'download,create,small' },
		help: { type: 'boolean', default: false },
	},
});
if (argv.help) {
	process.stdout.write('node bench/documents-bench.mjs [--download-mib 1024] [--create-mib 200] [--small 200] [--rtt 50] [--parts download,create,small]\n');
	process.exit(0);
}
const PARTS = new Set(argv.parts.split(',').map((part) => part.trim()));
const DOWNLOAD_BYTES = Number(argv['download-mib']) * MiB;
const CREATE_BYTES = Number(argv['create-mib']) * MiB;
const SMALL_COUNT = Number(argv.small);
const RTT_MS = Number(argv.rtt);

const node = (name, parameters, position, credential = CREDENTIAL) => ({
	id: `bench-${name.replace(/\W+/g, '-').toLowerCase()}`,
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	position: [position, 0],
	parameters,
	credentials: { [CREDENTIAL_TYPE]: credential },
});
const core = (name, type, parameters, position, typeVersion = 1) => ({ id: `bench-${name.replace(/\W+/g, '-').toLowerCase()}`, name, type: `n8n-nodes-base.${type}`, typeVersion, position: [position, 0], parameters });

/** Start → the given nodes, one after another. */
function chain(id, name, nodes) {
	const all = [core('Start', 'manualTrigger', {}, 0), ...nodes];
	const connections = Object.fromEntries(all.slice(0, -1).map((from, index) => [from.name, { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name, nodes: all, connections, active: false, settings: { executionOrder: 'v1' } };
}

const writeFile = (target) => core('Write File', 'readWriteFile', { operation: 'write', fileName: target, dataPropertyName: 'data', options: {} }, 480, 1.1);
const readFile = (path) => core('Read File', 'readWriteFile', { fileSelector: path, options: {} }, 240, 1.1);
const createDocument = (credential = CREDENTIAL, itemsInParallel = 10) =>
	node(
		'Create document',
		{ resource: 'document', operation: 'create', documentType: 'General', lifecycle: 'General Lifecycle', fields: { mappingMode: 'defineBelow', value: { name__v: '={{ $binary.data.fileName }}' } }, options: { itemsInParallel } },
		480,
		credential,
	);

/** A request the simulator recorded from `since` on, by route; exactly one expected. */
async function oneRequest(simulator, since, route) {
	const seen = (await simulator.stats()).requests.filter((request) => request.startedAt >= since && request.route === route);
	if (seen.length !== 1 || seen[0].finishedAt === null) throw new Error(`expected one finished ${route} request, saw ${seen.length}`);
	return seen[0];
}

async function checkFile(path, bytes, md5, who) {
	const size = statSync(path, { throwIfNoEntry: false })?.size ?? null;
	if (size !== bytes || (await md5OfFile(path)) !== md5) throw new Error(`${who}: ${path} holds ${size} bytes, not the ${bytes} expected (or other bytes)`);
	rmSync(path, { force: true });
}

/** The MD5 of a document's source file as Vault serves it (outside the timed windows). */
async function sourceMd5(simulator, id) {
	const response = await fetch(`${simulator.url}/api/${API_VERSION}/objects/documents/${id}/file`, { headers: { Authorization: TOKEN } });
	const hash = createHash('md5');
	for await (const chunk of response.body) hash.update(chunk);
	return hash.digest('hex');
}

async function curlCreate(simulator, path, name) {
	const url = `${simulator.url}/api/${API_VERSION}/objects/documents`;
	const fields = Object.entries({ ...FIELDS, name__v: name }).flatMap(([field, value]) => ['-F', `${field}=${value}`]);
	return vaultAnswer(await curl(['-H', `Authorization: ${TOKEN}`, ...fields, '-F', `file=@${path}`, url], 'curl -F'), 'curl -F');
}

async function benchDownload(context) {
	const { cli, simulator, workspace } = context;
	const source = join(workspace.input, 'large-source.bin');
	log(`download: a ${sizeLabel(DOWNLOAD_BYTES)} source file, created with curl -F`);
	const md5 = await generateInput(source, DOWNLOAD_BYTES);
	const { id } = await curlCreate(simulator, source, 'large-source.bin');
	rmSync(source, { force: true });
	const target = join(workspace.output, 'download.bin');
	const url = `${simulator.url}/api/${API_VERSION}/objects/documents/${id}/file`;
	const http = core('Download', 'httpRequest', { url, sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: TOKEN }] }, options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } }, 240, 4.2);
	await cli.importWorkflows([
		chain('BenchDocDownload01', 'Bench: Document Download File', [node('Download', { resource: 'document', operation: 'download', documentId: { __rl: true, mode: 'id', value: String(id) } }, 240), writeFile(target)]),
		chain('BenchDocHttpDown01', 'Bench: HTTP Request download', [http, writeFile(target)]),
	]);
	const rows = [];
	for (const [label, workflowId] of [['Veeva Vault Download File', 'BenchDocDownload01'], ["n8n's HTTP Request (File)", 'BenchDocHttpDown01']]) {
		await sync();
		const since = Date.now();
		const { result, memory, simulatorCpu } = await executeSampled(context, workflowId, label);
		const request = await oneRequest(simulator, since, 'downloadDocumentFile');
		const write = nodeRun(result.run, 'Write File');
		const end = write.startTime + write.executionTime;
		await checkFile(target, DOWNLOAD_BYTES, md5, label);
		removeBinaryCopies(workspace, DOWNLOAD_BYTES);
		const cpu = { n8n: cpuUse(memory, request.startedAt, end), simulator: cpuUse(simulatorCpu, request.startedAt, end) };
		rows.push({ label, toDiskMs: end - request.startedAt, downloadMs: request.finishedAt - request.startedAt, peakRss: memory.peakRss, cpu });
		log(`download, ${label}: ${mibps(DOWNLOAD_BYTES, end - request.startedAt)} MiB/s to disk, peak RSS ${mib(memory.peakRss)}`);
	}
	return rows;
}

async function benchCreate(context) {
	const { cli, simulator, workspace } = context;
	const big = join(workspace.input, 'create-200.bin');
	const tiny = join(workspace.input, 'create-tiny.bin');
	const md5 = await generateInput(big, CREATE_BYTES);
	await generateInput(tiny, 1024);
	await cli.importWorkflows([chain('BenchDocCreateBig1', 'Bench: Document Create, large', [readFile(big), createDocument()]), chain('BenchDocCreateTny1', 'Bench: Document Create, 1 KiB', [readFile(tiny), createDocument()])]);
	const run = async (workflowId, label) => {
		await sync();
		const since = Date.now();
		const { result, memory, simulatorCpu } = await executeSampled(context, workflowId, label);
		const request = await oneRequest(simulator, since, 'createDocument');
		const [created] = nodeItems(result.run, 'Create document');
		const cpu = { client: cpuUse(memory, request.startedAt, request.finishedAt), simulator: cpuUse(simulatorCpu, request.startedAt, request.finishedAt) };
		return { request, memory, cpu, id: created.json.id, createNodeMs: nodeRun(result.run, 'Create document').executionTime };
	};
	const baseline = await run('BenchDocCreateTny1', 'create 1 KiB');
	const viaNode = await run('BenchDocCreateBig1', `create ${sizeLabel(CREATE_BYTES)}`);
	if ((await sourceMd5(simulator, viaNode.id)) !== md5) throw new Error('the document the node created does not hold the file\'s bytes');
	removeBinaryCopies(workspace, CREATE_BYTES);
	await sync();
	const since = Date.now();
	const started = Date.now();
	const curlSampler = startSampler((cmd) => cmd[0] === 'curl');
	const simulatorSampler = startSampler(isSimulator);
	const { id } = await curlCreate(simulator, big, 'create-200.bin');
	const curlMs = Date.now() - started;
	const [curlSampled, simulatorSampled] = [curlSampler.stop(), simulatorSampler.stop()];
	const curlRequest = await oneRequest(simulator, since, 'createDocument');
	const curlCpu = { client: cpuUse(curlSampled, curlRequest.startedAt, curlRequest.finishedAt), simulator: cpuUse(simulatorSampled, curlRequest.startedAt, curlRequest.finishedAt) };
	if ((await sourceMd5(simulator, id)) !== md5) throw new Error('the document curl created does not hold the file\'s bytes');
	rmSync(big, { force: true });
	return {
		node: { requestMs: viaNode.request.finishedAt - viaNode.request.startedAt, createNodeMs: viaNode.createNodeMs, peakRss: viaNode.memory.peakRss, cpu: viaNode.cpu },
		curl: { requestMs: curlRequest.finishedAt - curlRequest.startedAt, wallMs: curlMs, cpu: curlCpu },
		baselineRss: baseline.memory.peakRss,
	};
}

async function benchSmall(context) {
	const { cli, simulator, workspace } = context;
	const proxy = await startLatencyProxy(simulator.url, RTT_MS);
	context.proxy = proxy;
	await cli.importCredentials([vaultCredential({ ...PROXY_CREDENTIAL, vaultDns: proxy.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	const folder = join(workspace.input, 'small');
	mkdirSync(folder, { recursive: true });
	for (let index = 0; index < SMALL_COUNT; index++) await generateInput(join(folder, `small-${String(index).padStart(4, '0')}.bin`), 1024);
	const makeItems = readFile(join(folder, 'small-*.bin'));
	const rows = [];
	for (const parallel of [10, 1]) {
		const workflowId = `BenchDocSmallP${String(parallel).padStart(2, '0')}x`;
		await cli.importWorkflows([chain(workflowId, `Bench: ${SMALL_COUNT} small documents, Items in Parallel ${parallel}`, [makeItems, createDocument(PROXY_CREDENTIAL, parallel)])]);
		const before = (await simulator.stats()).requests.length;
		const { result } = await executeSampled(context, workflowId, `${SMALL_COUNT} small documents`);
		const created = nodeItems(result.run, 'Create document');
		if (created.length !== SMALL_COUNT || created.some((item) => item.json.error)) throw new Error(`expected ${SMALL_COUNT} documents, got ${created.length}`);
		const requests = (await simulator.stats()).requests.slice(before);
		const ms = nodeRun(result.run, 'Create document').executionTime;
		rows.push({ parallel, ms, requests: requests.length, creates: requests.filter((request) => request.route === 'createDocument').length });
		log(`${SMALL_COUNT} small documents, Items in Parallel ${parallel}: ${secs(ms)}, ${(SMALL_COUNT / (ms / 1000)).toFixed(1)} documents/s, ${requests.length} requests`);
	}
	await proxy.stop();
	return rows;
}

async function main() {
	const started = Date.now();
	const context = await setUpBench({
		logPrefix: '[bench documents]',
		ramBytes: 3 * DOWNLOAD_BYTES + 3 * CREATE_BYTES + 1024 * MiB,
		diskBytes: 1024 * MiB,
		diskBytesWithoutRam: 3 * DOWNLOAD_BYTES + 3 * CREATE_BYTES + 1024 * MiB,
	});
	await context.cli.importCredentials([vaultCredential({ ...CREDENTIAL, vaultDns: context.simulator.url, apiVersion: API_VERSION, accessToken: TOKEN })]);
	const download = PARTS.has('download') ? await benchDownload(context) : null;
	const create = PARTS.has('create') ? await benchCreate(context) : null;
	const small = PARTS.has('small') ? await benchSmall(context) : null;
	await context.simulator.stop();

	const out = [];
	out.push(
		`Documents in n8n ${context.n8n.version} (${context.packageLabel}, filesystem binary data), simulated Vault on loopback; ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.versions.node}, ` +
			`data ${context.inRam ? 'in RAM (tmpfs)' : 'on disk'}. A shared machine: other work ran at the same time.`,
	);
	if (download) {
		out.push('', `| Download File, ${sizeLabel(DOWNLOAD_BYTES)} source | to disk MiB/s | download alone MiB/s | n8n peak RSS | CPU n8n; simulator |`, '|---|---|---|---|---|');
		for (const row of download) out.push(`| ${row.label} | ${mibps(DOWNLOAD_BYTES, row.toDiskMs)} | ${mibps(DOWNLOAD_BYTES, row.downloadMs)} | ${mib(row.peakRss)} | ${cpuLabel(row.cpu.n8n)}; ${cpuLabel(row.cpu.simulator)} |`);
		out.push(`| ratio node / HTTP Request (to disk) | ${pct((download[1].toDiskMs / download[0].toDiskMs) * 100)} | | | |`);
	}
	if (create) {
		out.push('', `| Create from a ${sizeLabel(CREATE_BYTES)} file | request MiB/s | time | CPU client; simulator (request window) |`, '|---|---|---|---|');
		out.push(`| Veeva Vault Document Create (Read File → Create) | ${mibps(CREATE_BYTES, create.node.requestMs)} | request ${secs(create.node.requestMs)}, node ${secs(create.node.createNodeMs)} | ${cpuLabel(create.node.cpu.client)}; ${cpuLabel(create.node.cpu.simulator)} |`);
		out.push(`| curl -F | ${mibps(CREATE_BYTES, create.curl.requestMs)} | request ${secs(create.curl.requestMs)}, process ${secs(create.curl.wallMs)} | ${cpuLabel(create.curl.cpu.client)}; ${cpuLabel(create.curl.cpu.simulator)} |`);
		out.push(`| n8n peak RSS: ${mib(create.node.peakRss)} against ${mib(create.baselineRss)} with a 1 KiB file (${signedMib(create.node.peakRss - create.baselineRss)}); ratio node / curl (request) ${pct((create.curl.requestMs / create.node.requestMs) * 100)} | | | |`);
	}
	if (small) {
		out.push('', `| ${SMALL_COUNT} documents of 1 KiB, RTT ${RTT_MS} ms | Create node time | documents/s | requests (creates) |`, '|---|---|---|---|');
		for (const row of small) out.push(`| Items in Parallel ${row.parallel} | ${secs(row.ms)} | ${(SMALL_COUNT / (row.ms / 1000)).toFixed(1)} | ${row.requests} (${row.creates}) |`);
	}
	out.push('', `Bench run ${secs(Date.now() - started)}.`);
	process.stdout.write(`${out.join('\n')}\n`);
}

await runBench(main, '[bench documents]');
