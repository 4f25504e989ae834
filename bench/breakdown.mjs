// Where a file's time goes in `n8n execute` (issue #30): reads the trace of bench/n8n-trace.cjs
// and a V8 CPU profile of the same run, and sums them up over the transfer window.
//
//   node bench/breakdown.mjs TRACE.jsonl [PROFILE.cpuprofile] [--from EPOCH_MS --to EPOCH_MS]
//
// The dossier benchmark calls it with `--trace` (and `--profile`); alone it reads files kept from
// such a run.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const median = (values) => {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const mean = (values) => {
	const finite = values.filter(Number.isFinite);
	return finite.length ? finite.reduce((sum, value) => sum + value, 0) / finite.length : NaN;
};

export function readTrace(path) {
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

/**
 * The transfer requests (`pathPattern`) and the binary store's reads within [from, to]: how many
 * requests, on how many new connections, the median of each phase of a request, and how often
 * each binary file was read.
 */
export function requestBreakdown(events, { from, to, pathPattern = /\/services\/file_staging\/items$/, binaryDir }) {
	// A request made before the window's start (the simulator's first request received) ends in it.
	const during = (event) => event.kind === 'request' && (event.ended ?? event.created) >= from && event.created <= to;
	const allRequests = events.filter(during);
	const requests = allRequests.filter((event) => pathPattern.test(event.path.split('?')[0]));
	const phase = (pick) => median(requests.map(pick));
	const inBinary = (path) => !binaryDir || path.startsWith(binaryDir);
	const streams = events.filter((event) => event.kind === 'readStream' && inBinary(event.path) && event.opened >= from - 2000 && event.opened <= to);
	const wholeReads = events.filter((event) => event.kind === 'readFile' && inBinary(event.path) && event.at >= from - 2000 && event.at <= to);
	const metadataReads = wholeReads.filter((event) => event.path.endsWith('.metadata'));
	const dataReads = wholeReads.filter((event) => !event.path.endsWith('.metadata'));
	const readsPerFile = new Map();
	for (const read of [...streams, ...dataReads]) readsPerFile.set(read.path, (readsPerFile.get(read.path) ?? 0) + 1);
	return {
		requests: requests.length,
		otherRequests: allRequests.length - requests.length,
		newConnections: requests.filter((request) => !request.reused).length,
		reusedConnections: requests.filter((request) => request.reused).length,
		/** ms: created → socket assigned; socket → connected (new sockets); → body written; → answer's headers; → answer's end. */
		phases: {
			toSocket: phase((r) => r.socket - r.created),
			connect: median(requests.filter((r) => r.connected).map((r) => r.connected - r.socket)),
			sendBody: phase((r) => r.sent - Math.max(r.connected ?? r.socket, r.socket)),
			waitHeaders: phase((r) => r.headers - r.sent),
			readAnswer: phase((r) => r.ended - r.headers),
			whole: phase((r) => r.ended - r.created),
		},
		/** Sum of the requests' own time (created → answer's end), ms. */
		inRequestsMs: requests.reduce((sum, r) => sum + (r.ended - r.created || 0), 0),
		binaryFiles: readsPerFile.size,
		binaryReads: streams.length + dataReads.length,
		streamReads: streams.length,
		wholeFileReads: dataReads.length,
		metadataReads: metadataReads.length,
		binaryBytesRead: streams.reduce((sum, read) => sum + (read.bytes ?? 0), 0) + dataReads.reduce((sum, read) => sum + (read.bytes ?? 0), 0),
		medianStreamReadMs: median(streams.map((read) => read.closed - read.opened)),
		meanWholeReadMs: mean(dataReads.map((read) => read.done - read.at)),
	};
}

/** Where CPU samples' self time falls, by what the code is. First match wins. */
const CATEGORIES = [
	['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
	['idle', (frame) => frame.functionName === '(idle)'],
	['V8/native, unattributed', (frame) => frame.functionName === '(program)'],
	['MD5 (crypto)', (frame) => /node:internal\/crypto/.test(frame.url)],
	// Native functions have no URL: named by what they do.
	['Node.js fs', (frame) => !frame.url && /^(read|open|openFileHandle|close|fstat|stat|lstat|readFileUtf8|readFile)$/.test(frame.functionName)],
	['Node.js http/net/tls', (frame) => !frame.url && /^(writeBuffer|writev|writeUtf8String|writeLatin1String|readStart|readStop|connect|shutdown|getaddrinfo|onStreamRead)$/.test(frame.functionName)],
	['Buffer allocation', (frame) => /^node:(internal\/)?buffer/.test(frame.url)],
	['n8n database (sqlite3, typeorm)', (frame) => /\/(sqlite3|typeorm|@n8n\/typeorm|@n8n\/db)\//.test(frame.url)],
	['the Veeva Vault node', (frame) => /n8n-nodes-veeva-vault\/dist\//.test(frame.url)],
	['n8n HTTP client (axios, @n8n/backend-network, follow-redirects, form-data)', (frame) => /\/(axios|@n8n\/backend-network|follow-redirects|form-data|proxy-from-env)\//.test(frame.url)],
	['Node.js http/net/tls', (frame) => /^node:(_http|http|https|net|tls|internal\/(http|net|tls|dns|stream_base_commons|js_stream_socket))/.test(frame.url) || /^node:_tls/.test(frame.url)],
	['Node.js streams and events', (frame) => /^node:(internal\/streams|stream|events|internal\/(event_target|webstreams))/.test(frame.url)],
	['Node.js fs', (frame) => /^node:(fs|internal\/fs)/.test(frame.url)],
	['Node.js timers, promises, async hooks', (frame) => /^node:internal\/(timers|process\/task_queues|async_hooks|process\/promises)/.test(frame.url)],
	['n8n expressions (n8n-workflow, @n8n/tournament, expression runtime)', (frame) => /\/(n8n-workflow|@n8n\/tournament|@n8n\/expression-runtime|isolated-vm|jmespath|luxon)\//.test(frame.url)],
	['n8n-core (execution engine, binary data, helpers)', (frame) => /\/(n8n-core|@n8n\/blob-storage|@n8n\/di)\//.test(frame.url)],
	['n8n (cli, db, other packages)', (frame) => /\/(n8n|@n8n\/[^/]+|typeorm|sqlite3|@sentry)\//.test(frame.url) || /node_modules/.test(frame.url)],
	['other Node.js internals', (frame) => /^node:/.test(frame.url)],
];

/**
 * Self time per category (ms) of a V8 CPU profile's samples between `fromUs` and `toUs` on the
 * monotonic clock (all samples without them), and the functions with the most self time.
 */
export function profileBreakdown(profile, { fromUs = -Infinity, toUs = Infinity } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const category = new Map();
	const selfByFunction = new Map();
	let t = profile.startTime;
	let totalUs = 0;
	for (let index = 0; index < profile.samples.length; index++) {
		const delta = profile.timeDeltas[index] ?? 0;
		t += delta;
		if (t < fromUs || t > toUs) continue;
		// A sample stands for the time until the next one.
		const span = profile.timeDeltas[index + 1] ?? 0;
		const frame = byId.get(profile.samples[index]).callFrame;
		const name = CATEGORIES.find(([, match]) => match(frame))?.[0] ?? 'other';
		category.set(name, (category.get(name) ?? 0) + span);
		const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
		selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + span);
		totalUs += span;
	}
	const toMs = (us) => us / 1000;
	return {
		totalMs: toMs(totalUs),
		categories: [...category].map(([name, us]) => ({ name, ms: toMs(us) })).sort((a, b) => b.ms - a.ms),
		topFunctions: [...selfByFunction].map(([name, us]) => ({ name, ms: toMs(us) })).sort((a, b) => b.ms - a.ms).slice(0, 25),
	};
}

/** Epoch ms → the profile's monotonic µs, from the trace's clock pair. */
export function monotonicUs(events, epochMs) {
	const clock = events.find((event) => event.kind === 'clock');
	return clock.monotonicUs + (epochMs - clock.epochMs) * 1000;
}

/** Text of both breakdowns for `files` transferred by `lanes` lanes in the window [from, to]. */
export function describeBreakdown({ events, profile, from, to, files, lanes, binaryDir }) {
	const lines = [];
	const requests = requestBreakdown(events, { from, to, binaryDir });
	const windowMs = to - from;
	const laneMs = (windowMs * lanes) / files;
	const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '?');
	lines.push(
		`per file and lane ${ms(laneMs)}: in its request ${ms(requests.inRequestsMs / files)} (${((100 * requests.inRequestsMs) / (windowMs * lanes)).toFixed(0)} %), ` +
			`outside it ${ms(laneMs - requests.inRequestsMs / files)}`,
	);
	const p = requests.phases;
	lines.push(
		`requests: ${requests.requests} transfers (+${requests.otherRequests} others), ${requests.newConnections} on new connections, ${requests.reusedConnections} on reused ones; ` +
			`median phases: to socket ${ms(p.toSocket)}, connect ${ms(p.connect)}, send body ${ms(p.sendBody)}, wait for the answer ${ms(p.waitHeaders)}, read it ${ms(p.readAnswer)}; whole ${ms(p.whole)}`,
	);
	lines.push(
		`binary store: ${requests.binaryReads} reads of ${requests.binaryFiles} files (${(requests.binaryReads / Math.max(1, requests.binaryFiles)).toFixed(2)} per file; ${requests.streamReads} as streams, median ${ms(requests.medianStreamReadMs)} open → close; ` +
			`${requests.wholeFileReads} whole, mean ${ms(requests.meanWholeReadMs)}), ${(requests.binaryBytesRead / 1024 / 1024).toFixed(0)} MiB read; ${requests.metadataReads} metadata reads`,
	);
	if (profile) {
		const cpu = profileBreakdown(profile, { fromUs: monotonicUs(events, from), toUs: monotonicUs(events, to) });
		const busy = cpu.totalMs - (cpu.categories.find((c) => c.name === 'idle')?.ms ?? 0);
		lines.push(`CPU profile over the window (${(cpu.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy = ${(busy / files).toFixed(1)} ms per file), self time:`);
		for (const { name, ms: value } of cpu.categories) lines.push(`  ${name}: ${value.toFixed(0)} ms (${((100 * value) / Math.max(1, busy)).toFixed(1)} % of busy${name === 'idle' ? ', not counted' : ''}), ${(value / files).toFixed(2)} ms per file`);
		lines.push('top functions by self time:');
		for (const { name, ms: value } of cpu.topFunctions.slice(0, 15)) lines.push(`  ${value.toFixed(0)} ms  ${name}`);
	}
	return { text: lines.join('\n'), requests };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values, positionals } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, files: { type: 'string', default: '1' }, lanes: { type: 'string', default: '1' } }, allowPositionals: true });
	const events = readTrace(positionals[0]);
	const profile = positionals[1] ? JSON.parse(readFileSync(positionals[1], 'utf8')) : undefined;
	const from = values.from ? Number(values.from) : Math.min(...events.filter((e) => e.kind === 'request').map((e) => e.created));
	const to = values.to ? Number(values.to) : Math.max(...events.filter((e) => e.kind === 'request').map((e) => e.ended ?? e.created));
	process.stdout.write(`${describeBreakdown({ events, profile, from, to, files: Number(values.files), lanes: Number(values.lanes) }).text}\n`);
}
