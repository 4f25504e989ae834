#!/usr/bin/env node
// How much the download's resume wrapper (an async generator re-yielding each chunk, turned back
// into a Readable with Readable.from) costs over handing the socket's stream on directly.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK = 64 * 1024, TOTAL = 1024 * 1024 * 1024;
const chunk = Buffer.alloc(CHUNK, 7);
const source = () => Readable.from((function* () { for (let n = 0; n < TOTAL / CHUNK; n++) yield chunk; })(), { objectMode: false });
const sink = () => new Writable({ write(_c, _e, done) { done(); } });
async function* resuming(stream) { let received = 0; for await (const c of stream) { received += c.length; yield c; } }
async function time(label, make) {
	const runs = [];
	for (let i = 0; i < 5; i++) { const t = process.hrtime.bigint(); await pipeline(make(), sink()); runs.push(Number(process.hrtime.bigint() - t) / 1e6); }
	runs.sort((a, b) => a - b);
	console.log(`${label}: median ${runs[2].toFixed(0)} ms per GiB (runs ${runs.map((r) => r.toFixed(0)).join(', ')})`);
	return runs[2];
}
const direct = await time('direct stream', source);
const wrapped = await time('resume wrapper (async generator + Readable.from)', () => Readable.from(resuming(source())));
console.log(`wrapper adds ${(wrapped - direct).toFixed(0)} ms per GiB`);
