// Preloaded (`node --import`) into the simulator and n8n processes that the e2e suite and the demo
// start. They get a pipe on stdin that the starting process never closes: when that process dies,
// even by SIGKILL, the pipe ends and this process stops itself (gracefully, via SIGTERM).
// Inert unless VEEVA_E2E_EXIT_WITH_PARENT=1, which it removes so that grandchildren (n8n's task
// runner) do not inherit it.
import { fstatSync } from 'node:fs';

if (process.env.VEEVA_E2E_EXIT_WITH_PARENT === '1') {
	delete process.env.VEEVA_E2E_EXIT_WITH_PARENT;
	let stdinIsPipe = false;
	try {
		const stat = fstatSync(0);
		stdinIsPipe = stat.isFIFO() || stat.isSocket();
	} catch {
		stdinIsPipe = false;
	}
	if (stdinIsPipe) {
		process.stdin.on('error', () => {});
		process.stdin.on('end', () => {
			// Nobody reads stdout/stderr any more: writing there would only fail (EPIPE).
			for (const stream of [process.stdout, process.stderr]) {
				stream.on('error', () => {});
				stream.write = () => true;
			}
			process.kill(process.pid, 'SIGTERM');
			setTimeout(() => process.kill(process.pid, 'SIGKILL'), 10_000).unref();
		});
		process.stdin.resume();
		// Watching stdin must not keep the process alive once its own work is done.
		process.stdin.unref();
	}
}
