// A TCP proxy on loopback that gives the clients of a local server a network's latency: every chunk
// is held RTT/2 in each direction (in order), and a new connection's first byte is held until 2 ×
// RTT after the client connected, the TCP and TLS handshakes a real Vault costs and plain HTTP on
// loopback lacks. It adds no bandwidth limit. The benchmarks run it as a process of its own, so
// that its timers do not share an event loop with the bench's /proc sampling:
//
//   node bench/latency-proxy.mjs --target-port 8123 [--target-host 127.0.0.1] [--rtt 50] [--port 0]
//
// prints "latency proxy listening on http://127.0.0.1:PORT" once it listens. With --rtt 0 the
// bytes are piped straight through (the same extra hop, no timers).
import { connect, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Bytes held per direction before the sending side is paused (resumed below half of it). */
const HIGH_WATER = 16 * 1024 * 1024;

/**
 * Copies `from` to `to`, each chunk delivered `delayMs` after it arrived and never before
 * `notBefore` (performance.now() time), in order; the end of `from` ends `to` the same way.
 */
function delayedPipe(from, to, { delayMs, notBefore = 0 }) {
	const queue = []; // { due, chunk } or { due, end: true }
	let head = 0;
	let held = 0;
	let timer = null;
	let blocked = false;
	const deliver = () => {
		timer = null;
		const now = performance.now();
		while (head < queue.length && !blocked && queue[head].due <= now) {
			const entry = queue[head];
			queue[head++] = undefined;
			if (entry.end) {
				to.end();
				continue;
			}
			held -= entry.chunk.length;
			if (!to.write(entry.chunk)) {
				blocked = true;
				to.once('drain', () => {
					blocked = false;
					deliver();
				});
			}
		}
		if (head > 1024 && head * 2 > queue.length) {
			queue.splice(0, head);
			head = 0;
		}
		if (held < HIGH_WATER / 2 && from.isPaused()) from.resume();
		schedule();
	};
	const schedule = () => {
		if (timer !== null || blocked || head >= queue.length) return;
		timer = setTimeout(deliver, Math.max(0, queue[head].due - performance.now()));
	};
	const dueTime = () => Math.max(performance.now() + delayMs, notBefore);
	from.on('data', (chunk) => {
		queue.push({ due: dueTime(), chunk });
		held += chunk.length;
		if (held > HIGH_WATER) from.pause();
		schedule();
	});
	from.on('end', () => {
		queue.push({ due: dueTime(), end: true });
		schedule();
	});
	return () => timer !== null && clearTimeout(timer);
}

/**
 * Starts the proxy in this process. Resolves to { port, url, connections(), close() }.
 * `handshakeRtts`: how many round trips a new connection costs before its first byte goes out.
 */
export async function startLatencyProxy({ targetPort, targetHost = '127.0.0.1', rttMs = 0, handshakeRtts = 2, port = 0, host = '127.0.0.1' }) {
	const sockets = new Set();
	let connections = 0;
	const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
		connections++;
		const accepted = performance.now();
		const upstream = connect({ port: targetPort, host: targetHost, allowHalfOpen: true, noDelay: true });
		sockets.add(client);
		sockets.add(upstream);
		const stops = [];
		const closeBoth = () => {
			for (const stop of stops) stop();
			client.destroy();
			upstream.destroy();
		};
		for (const socket of [client, upstream]) {
			socket.on('error', closeBoth);
			socket.on('close', () => {
				sockets.delete(socket);
				// A side that closed with data still held for it is gone; nothing more can be delivered.
				if (client.destroyed && upstream.destroyed) for (const stop of stops) stop();
			});
		}
		if (rttMs <= 0) {
			client.pipe(upstream);
			upstream.pipe(client);
			return;
		}
		stops.push(delayedPipe(client, upstream, { delayMs: rttMs / 2, notBefore: accepted + handshakeRtts * rttMs + rttMs / 2 }));
		stops.push(delayedPipe(upstream, client, { delayMs: rttMs / 2 }));
	});
	await new Promise((ok, reject) => {
		server.once('error', reject);
		server.listen(port, host, ok);
	});
	const address = server.address();
	return {
		port: address.port,
		url: `http://${host}:${address.port}`,
		connections: () => connections,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((ok) => server.close(ok));
		},
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: {
			'target-port': { type: 'string' },
			'target-host': { type: 'string', default: '127.0.0.1' },
			rtt: { type: 'string', default: '0' },
			port: { type: 'string', default: '0' },
		},
	});
	const targetPort = Number(values['target-port']);
	const rttMs = Number(values.rtt);
	if (!Number.isInteger(targetPort) || targetPort < 1 || !Number.isFinite(rttMs) || rttMs < 0) {
		process.stderr.write('Usage: node bench/latency-proxy.mjs --target-port N [--target-host 127.0.0.1] [--rtt MS] [--port 0]\n');
		process.exit(2);
	}
	const proxy = await startLatencyProxy({ targetPort, targetHost: values['target-host'], rttMs, port: Number(values.port) });
	process.stdout.write(`latency proxy (RTT ${rttMs} ms) listening on ${proxy.url}\n`);
	const stop = () => void proxy.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
