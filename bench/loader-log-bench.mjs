// Vault Loader's log reader alone (issue #26), `npm run bench -- loader-log [--rows 1000000]`: a
// synthetic success log of N rows (Veeva's documented header, six product columns) fed to the
// node's reader chunk by chunk as a download would arrive, each row read and dropped. It prints
// throughput and memory (heap and RSS after a full collection, every 100,000 rows), against the way the node read logs
// before (the whole log as one string, then parsed into an array), unless --no-whole. A benchmark,
// not a test: it prints numbers, and exits non-zero only when a row was miscounted.
//
// It runs the built package (dist/), building it first when it is missing or older than the source.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { PROJECT_ROOT, runProcess } from '../tools/processes.mjs';

const MiB = 1024 * 1024;
// Memory is sampled after a full collection: what the reader keeps, not the garbage it left.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const { values: options } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'no-whole': { type: 'boolean', default: false } } });
const rowCount = Number(options.rows);

const built = join(PROJECT_ROOT, 'dist/nodes/VeevaVault/rules/loaderLogs.js');
const source = join(PROJECT_ROOT, 'nodes/VeevaVault/rules/loaderLogs.ts');
if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs || statSync(built).mtimeMs < statSync(join(PROJECT_ROOT, 'nodes/VeevaVault/rules/csv.ts')).mtimeMs) {
	await runProcess('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, label: 'build' });
}
const { logRowsOf, logRowsOfStream } = createRequire(import.meta.url)(built);

const HEADER = 'responseStatus,id,name__v,external_id__v,generic_name__vs,therapeutic_area__vs,launch_date__vs,active__vs,errors,rowId,event,id_param__value\r\n';
const lineOf = (row) => `SUCCESS,00P${String(row).padStart(12, '0')},"Product ${row}, 10 mg",P-${row},generic ${row},oncology__vs,2024-03-01,true,,${row},create,P-${row}\r\n`;
const CHUNK_ROWS = 500;

/** The log as a download hands it over: chunks of about 64 KiB, made as they are asked for. */
async function* logChunks() {
	yield Buffer.from(HEADER);
	for (let first = 1; first <= rowCount; first += CHUNK_ROWS) {
		let text = '';
		for (let row = first; row < first + CHUNK_ROWS && row <= rowCount; row++) text += lineOf(row);
		yield Buffer.from(text);
	}
}

function logBytes() {
	let bytes = HEADER.length;
	for (let row = 1; row <= rowCount; row++) bytes += Buffer.byteLength(lineOf(row));
	return bytes;
}

function memory() {
	const { heapUsed, rss } = process.memoryUsage();
	return { heapUsed, rss };
}

async function streamed() {
	gc();
	const start = memory();
	let peak = { ...start };
	const began = performance.now();
	let seen = 0;
	let lastRow = 0;
	for await (const row of logRowsOfStream(logChunks(), true)) {
		seen++;
		lastRow = row.row;
		if (seen % 100_000 === 0) {
			gc();
			const now = memory();
			peak = { heapUsed: Math.max(peak.heapUsed, now.heapUsed), rss: Math.max(peak.rss, now.rss) };
		}
	}
	const ms = performance.now() - began;
	if (seen !== rowCount || lastRow !== rowCount) throw new Error(`streamed reader: ${seen} rows, last row ${lastRow}, expected ${rowCount}`);
	return { ms, heapGrowth: peak.heapUsed - start.heapUsed, rssGrowth: peak.rss - start.rss };
}

async function whole() {
	gc();
	const start = memory();
	const began = performance.now();
	const chunks = [];
	for await (const chunk of logChunks()) chunks.push(chunk);
	const rows = logRowsOf(Buffer.concat(chunks).toString('utf8'), true);
	gc();
	const end = memory();
	const ms = performance.now() - began;
	if (rows.length !== rowCount) throw new Error(`whole-log reader: ${rows.length} rows, expected ${rowCount}`);
	return { ms, heapGrowth: end.heapUsed - start.heapUsed, rssGrowth: end.rss - start.rss };
}

const bytes = logBytes();
console.log(`Loader log reader, ${rowCount.toLocaleString('en')} rows, ${(bytes / MiB).toFixed(1)} MiB of log, Node ${process.version}`);
console.log('| reader | time | rows/s | MiB/s | heap growth (peak) | RSS growth (peak) |');
console.log('|---|---|---|---|---|---|');
const print = (label, result) =>
	console.log(
		`| ${label} | ${(result.ms / 1000).toFixed(2)} s | ${Math.round(rowCount / (result.ms / 1000)).toLocaleString('en')} | ${(bytes / MiB / (result.ms / 1000)).toFixed(1)} | ${(result.heapGrowth / MiB).toFixed(1)} MiB | ${(result.rssGrowth / MiB).toFixed(1)} MiB |`,
	);
print('chunks as they arrive (logRowsOfStream), each row dropped', await streamed());
if (!options['no-whole']) {
	try {
		print('whole log as one string, then an array (before #26)', await whole());
	} catch (error) {
		console.log(`| whole log as one string, then an array (before #26) | failed: ${error.message} | | | | |`);
	}
}
