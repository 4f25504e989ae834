// The Object Record benchmark's "careful script" (issue #28): what a developer would write without
// the node. A Node script with fetch that sends JSON records to Vault's bulk object record endpoint,
// 500 per request, one request after the other (POST /vobjects/{object}, with ?idParam= for
// upsert), and pairs every per-record result back to its record by position. Run by
// bench/records-bench.mjs:
//
//   node bench/records-script.mjs --base URL --token TOKEN --records FILE --action create|upsert
//                                 [--key-field external_id__v] [--api-version v25.2]
//
// It prints one JSON line: its timings (ms since the epoch, from after the records are in memory),
// how many records it paired back, the failed records' row numbers (1-based), its heap.
import { FIELD_OF } from './loader-script.mjs';

const BATCH = 500;

async function main() {
	const { parseArgs } = await import('node:util');
	const { readFileSync } = await import('node:fs');
	const { values: args } = parseArgs({
		options: {
			base: { type: 'string' },
			token: { type: 'string' },
			records: { type: 'string' },
			action: { type: 'string', default: 'create' },
			'key-field': { type: 'string', default: 'external_id__v' },
			'api-version': { type: 'string', default: 'v25.2' },
		},
	});
	const records = JSON.parse(readFileSync(args.records, 'utf8'));

	// From here on, as n8n's node starts with its input items in memory.
	const heap = { before: process.memoryUsage().heapUsed, peak: 0 };
	const heapTimer = setInterval(() => (heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed)), 50);
	const t = { start: Date.now() };
	const query = args.action === 'upsert' ? `?idParam=${encodeURIComponent(args['key-field'])}` : '';
	const url = `${args.base}/api/${args['api-version']}/vobjects/product__v${query}`;
	const headers = { Authorization: args.token, Accept: 'application/json', 'Content-Type': 'application/json', 'X-VaultAPI-ClientID': 'records-bench-script' };
	const results = new Array(records.length);
	for (let first = 0; first < records.length; first += BATCH) {
		const batch = records.slice(first, first + BATCH).map((record) => Object.fromEntries(Object.entries(FIELD_OF).map(([field, property]) => [field, record[property]])));
		const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(batch) });
		const body = await response.json();
		if (body.responseStatus !== 'SUCCESS' || !Array.isArray(body.data)) throw new Error(`POST ${url}: ${JSON.stringify(body).slice(0, 500)}`);
		for (const [at, result] of body.data.entries()) {
			if (at >= batch.length) break;
			results[first + at] = result.responseStatus === 'SUCCESS' ? { written: true, id: result.data?.id } : { written: false, error: result.errors?.[0]?.message };
		}
	}
	t.end = Date.now();
	clearInterval(heapTimer);
	heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed);

	const failedRows = [];
	let paired = 0;
	for (const [index, result] of results.entries()) {
		if (!result) continue;
		paired++;
		if (!result.written) failedRows.push(index + 1);
	}
	process.stdout.write(`${JSON.stringify({ t, paired, failedRows, written: paired - failedRows.length, heap })}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	});
}
