// Preloaded into `n8n execute` by the dossier benchmark with `--trace` (NODE_OPTIONS=--require,
// BENCH_TRACE_FILE set): timestamps of every step of a file's way out of n8n that Node.js lets an
// outsider see, written as JSON lines to BENCH_TRACE_FILE when the process exits.
//
// - every outgoing HTTP request (diagnostics channels): created, socket assigned, socket connected
//   (absent when the socket was reused), body handed over (started), body written ('finish'), answer's headers, answer's end,
//   and whether its socket had carried a request before;
// - every file read stream (fs.createReadStream, and a FileHandle's, which n8n's filesystem binary
//   store reads with): path, opened, closed, bytes;
// - every whole-file read (fs/promises readFile: n8n's binary store for a Buffer and for a binary's
//   metadata): path, start, end, bytes.
// Times are milliseconds since the epoch with fractions (performance.timeOrigin + now()); the first
// line pairs that clock with the monotonic one of V8's CPU profiles.
'use strict';
const channels = require('node:diagnostics_channel');
const fs = require('node:fs');
const fsPromises = require('node:fs/promises');
const { performance } = require('node:perf_hooks');

const file = process.env.BENCH_TRACE_FILE;
if (file) {
	const now = () => performance.timeOrigin + performance.now();
	// V8's CPU profiles time samples on the monotonic clock (µs): this pair lets a reader place a
	// profile's samples on the epoch times below.
	const events = [{ kind: 'clock', epochMs: performance.timeOrigin + performance.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) }];
	const requestIds = new WeakMap();
	const socketUses = new WeakMap();
	let nextId = 1;

	// 'created' is published by the request's constructor; 'start' only once its body is handed over.
	channels.subscribe('http.client.request.created', ({ request }) => {
		const entry = { kind: 'request', id: nextId++, method: request.method, path: request.path, created: now() };
		requestIds.set(request, entry);
		events.push(entry);
		request.once('socket', (socket) => {
			entry.socket = now();
			const uses = socketUses.get(socket) ?? 0;
			socketUses.set(socket, uses + 1);
			entry.reused = uses > 0;
			if (socket.connecting) socket.once('connect', () => (entry.connected = now()));
		});
		request.once('finish', () => (entry.sent = now()));
	});
	channels.subscribe('http.client.request.start', ({ request }) => {
		const entry = requestIds.get(request);
		if (entry) entry.started = now();
	});
	channels.subscribe('http.client.response.finish', ({ request, response }) => {
		const entry = requestIds.get(request);
		if (!entry) return;
		entry.headers = now();
		entry.status = response.statusCode;
		response.once('end', () => (entry.ended = now()));
	});

	const traceStream = (stream, path) => {
		const entry = { kind: 'readStream', path: String(path), opened: now() };
		events.push(entry);
		stream.once('close', () => {
			entry.closed = now();
			entry.bytes = stream.bytesRead;
		});
		return stream;
	};
	const createReadStream = fs.createReadStream;
	fs.createReadStream = function tracedCreateReadStream(path, ...rest) {
		return traceStream(createReadStream.call(this, path, ...rest), path);
	};
	// n8n's filesystem byte store opens the file and reads it through the FileHandle's stream.
	const open = fsPromises.open;
	fsPromises.open = async function tracedOpen(path, ...rest) {
		const handle = await open.call(this, path, ...rest);
		const handleStream = handle.createReadStream;
		handle.createReadStream = (...args) => traceStream(handleStream.apply(handle, args), path);
		return handle;
	};
	const readFile = fsPromises.readFile;
	fsPromises.readFile = async function tracedReadFile(path, ...rest) {
		const entry = { kind: 'readFile', path: String(path), at: now() };
		events.push(entry);
		const data = await readFile.call(this, path, ...rest);
		entry.done = now();
		entry.bytes = data.length;
		return data;
	};

	process.on('exit', () => {
		try {
			fs.writeFileSync(file, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
		} catch {
			// A benchmark aid: never let it change how n8n exits.
		}
	});
}
