// The Loader benchmark's "careful script" (issue #20), and the data every client of the benchmark
// loads. What a developer would write without the node: a Node script with fetch that builds the
// CSV from JSON records (RFC 4180), stages it, starts one Vault Loader job, polls it every 10 s as
// Vault asks, reads the success and failure logs, pairs every log row back to its record by rowId,
// and deletes its CSV from File Staging. Run by bench/loader-bench.mjs:
//
//   node bench/loader-script.mjs --base URL --token TOKEN --records FILE --action create|upsert
//                                [--key-field external_id__v] [--path /bench-script/load.csv]
//                                [--poll-ms 10000] [--api-version v25.2]
//
// It prints one JSON line: its timings (ms since the epoch, from after the records are in memory),
// the CSV's size, how many rows it paired back, the failed rows' numbers, its heap.

/** The product__v fields the benchmark loads, and the record property each one comes from. */
export const FIELD_OF = {
	external_id__v: 'sku',
	name__v: 'name',
	generic_name__vs: 'generic',
	therapeutic_area__vs: 'area',
	launch_date__vs: 'launch',
	active__vs: 'active',
};

/**
 * The `index`th product record (0-based). `failPercent` of the rows, spread evenly, have an empty
 * name, which Vault refuses for a new product (the failure log). Self-contained: the benchmark
 * puts this function's source into n8n's Code node, so every client loads the same records.
 */
export function productRecord(index, failPercent) {
	const fails = Math.floor(((index + 1) * failPercent) / 100) > Math.floor((index * failPercent) / 100);
	const number = String(index + 1).padStart(7, '0');
	const form = ['tablets', 'capsules', 'oral solution'][index % 3];
	return {
		sku: `SKU-${number}`,
		// A comma in every name: the CSV must quote it.
		name: fails ? '' : `Product ${number}, ${form} ${((index % 9) + 1) * 5} mg`,
		generic: `generic-${(index * 7919) % 100000}`,
		area: ['cardiology__vs', 'oncology__vs', 'neurology__vs'][index % 3],
		launch: `20${10 + (index % 15)}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
		active: index % 4 !== 0,
	};
}

/** The rows whose name is empty (1-based row numbers), as productRecord makes them. */
export function failingRows(count, failPercent) {
	const rows = [];
	for (let index = 0; index < count; index++) if (Math.floor(((index + 1) * failPercent) / 100) > Math.floor((index * failPercent) / 100)) rows.push(index + 1);
	return rows;
}

const csvField = (value) => {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The Loader CSV of `records`: a header of Vault field names, then one CRLF line per record. */
export function buildCsv(records) {
	const columns = Object.keys(FIELD_OF);
	const lines = [columns.join(',')];
	for (const record of records) lines.push(columns.map((column) => csvField(record[FIELD_OF[column]])).join(','));
	return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** RFC 4180 text as rows of fields (quoted fields with commas, quotes and line breaks). */
export function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; at < text.length; at++) {
		const char = text[at];
		if (quoted) {
			if (char !== '"') field += char;
			else if (text[at + 1] === '"') {
				field += '"';
				at++;
			} else quoted = false;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[at + 1] === '\n') at++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

const ENDED = new Set(['SUCCESS', 'ERRORS_ENCOUNTERED', 'CANCELLED', 'TIMEOUT', 'MISSED_SCHEDULE', 'FAILED', 'COMPLETED_DUE_TO_INACTIVITY']);

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
			path: { type: 'string', default: '/bench-script/load.csv' },
			'poll-ms': { type: 'string', default: '10000' },
			'api-version': { type: 'string', default: 'v25.2' },
		},
	});
	const records = JSON.parse(readFileSync(args.records, 'utf8'));

	// From here on, as n8n's node starts with its input items in memory.
	const heap = { before: process.memoryUsage().heapUsed, peak: 0 };
	const heapTimer = setInterval(() => (heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed)), 50);
	const t = { start: Date.now() };
	const api = `${args.base}/api/${args['api-version']}`;
	const headers = { Authorization: args.token, Accept: 'application/json', 'X-VaultAPI-ClientID': 'loader-bench-script' };
	const call = async (method, path, init = {}) => {
		const response = await fetch(`${api}${path}`, { method, ...init, headers: { ...headers, ...init.headers } });
		const body = await response.json();
		if (body.responseStatus !== 'SUCCESS') throw new Error(`${method} ${path}: ${JSON.stringify(body)}`);
		return body;
	};
	const text = async (path) => {
		const response = await fetch(`${api}${path}`, { headers: { ...headers, Accept: 'text/csv' } });
		if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
		return await response.text();
	};

	const csv = buildCsv(records);
	t.csvBuilt = Date.now();
	const form = new FormData();
	form.set('kind', 'file');
	form.set('path', args.path);
	form.set('overwrite', 'true');
	form.set('file', new Blob([csv], { type: 'text/csv' }), 'load.csv');
	await call('POST', '/services/file_staging/items', { body: form });
	t.staged = Date.now();

	const task = { object_type: 'vobjects__v', object: 'product__v', action: args.action, file: args.path, order: 1, ...(args.action === 'create' ? {} : { idparam: args['key-field'] }) };
	const started = await call('POST', '/services/loader/load', { body: JSON.stringify([task]), headers: { 'Content-Type': 'application/json' } });
	const jobId = started.job_id;
	const taskId = started.tasks?.[0]?.task_id ?? '1';
	let polls = 0;
	let status = '';
	for (;;) {
		polls++;
		status = (await call('GET', `/services/jobs/${jobId}`)).data.status;
		if (ENDED.has(status)) break;
		await new Promise((ok) => setTimeout(ok, Number(args['poll-ms'])));
	}
	t.jobEnded = Date.now();

	const successLog = parseCsv(await text(`/services/loader/${jobId}/tasks/${taskId}/successlog`));
	const failureLog = parseCsv(await text(`/services/loader/${jobId}/tasks/${taskId}/failurelog`));
	t.logsRead = Date.now();

	// Pair every log row back to its record by rowId (1-based, the CSV's data rows).
	const results = new Array(records.length);
	let unmatched = 0;
	for (const [log, loaded] of [
		[successLog, true],
		[failureLog, false],
	]) {
		const [header = [], ...rows] = log;
		const rowAt = header.indexOf('rowId');
		const idAt = header.indexOf('id');
		const errorAt = header.indexOf('errors');
		for (const row of rows) {
			const number = Number(row[rowAt]);
			if (!Number.isInteger(number) || number < 1 || number > records.length || results[number - 1]) {
				unmatched++;
				continue;
			}
			results[number - 1] = { record: records[number - 1], loaded, ...(loaded ? { id: row[idAt] } : { error: row[errorAt] }) };
		}
	}
	t.paired = Date.now();
	await call('DELETE', `/services/file_staging/items${args.path}?recursive=false`);
	t.end = Date.now();
	clearInterval(heapTimer);
	heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed);

	const failedRows = [];
	let paired = 0;
	for (const [index, result] of results.entries()) {
		if (!result) continue;
		paired++;
		if (!result.loaded) failedRows.push(index + 1);
	}
	process.stdout.write(`${JSON.stringify({ t, csvBytes: csv.length, jobId, status, polls, paired, unmatched, failedRows, loaded: paired - failedRows.length, heap })}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	});
}
