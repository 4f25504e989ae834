// Preloaded into `n8n execute` by the Loader and Object Record benchmarks (NODE_OPTIONS=--require).
//
// 1. Makes stdout blocking when it is a pipe. `n8n execute` prints the whole run as JSON through
//    its logger and then calls process.exit(): with 10,000 rows (a run of ~20 MB) the end of the
//    JSON was lost, still queued in the pipe's write buffer when the process exited.
// 2. When BENCH_HEAP_SAMPLES_DIR is set, samples this process's V8 heap every 50 ms and writes the
//    samples to <dir>/heap-<pid>.tsv when the process exits (tab-separated: ms since the epoch,
//    heapUsed, heapTotal, external, arrayBuffers, in bytes). A sample is taken when the event loop
//    runs the timer: during a long synchronous stretch of work none is, so the peak is that of the
//    moments the work yields (each await of a request).
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

for (const stream of [process.stdout, process.stderr]) {
	if (typeof stream._handle?.setBlocking === 'function') stream._handle.setBlocking(true);
}

const dir = process.env.BENCH_HEAP_SAMPLES_DIR;
if (dir) {
	const lines = [];
	const sample = () => {
		const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
		lines.push(`${Date.now()}\t${heapUsed}\t${heapTotal}\t${external}\t${arrayBuffers}`);
	};
	sample();
	setInterval(sample, 50).unref();
	process.on('exit', () => {
		sample();
		try {
			writeFileSync(join(dir, `heap-${process.pid}.tsv`), `${lines.join('\n')}\n`);
		} catch {
			// A benchmark aid: never let it change how n8n exits.
		}
	});
}
