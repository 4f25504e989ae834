// What the suites that run the real n8n (e2e, queue) both check after Upload File sent their
// 60 MiB file: Upload File's answer and the requests Vault received for it.
import assert from 'node:assert/strict';

/** Upload File's answer, without the session ID and the job, for a file sent whole through a new
 * upload session of three parts. */
export function assertSentInThreeParts(output, { path, size }) {
	assert.deepEqual(output, {
		path,
		size,
		md5_checked_by_vault: 'each_part',
		method: 'uploadSession',
		resumed: false,
		parts: 3,
		parts_sent: 3,
		parts_already_in_vault: 0,
	});
}

/** The simulator's recorded requests, counted by route name. */
export function routeCounts(requests) {
	const counts = {};
	for (const request of requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
	return counts;
}

/** The requests of that upload: one resume check, one session, three parts, one commit, one job
 * poll, and nothing else (no login, no direct upload). */
export function assertSessionUploadRequests(requests, message) {
	assert.deepEqual(routeCounts(requests), { listUploadSessions: 1, createUploadSession: 1, uploadPart: 3, commitUploadSession: 1, jobStatus: 1 }, message);
}
