// The simulated Vault as a separate process, and a client of its control API (/_sim/): what the
// end-to-end suite, the demo and the benchmark use. Engine tests run the simulator in-process
// (vault-simulator.ts) instead. The seed's users and tokens come from seed.ts, written once.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

import { PROJECT_ROOT, startTied, stopTied } from '../tools/processes.mjs';

export { SEED_ADMIN, SEED_ADMIN_TOKEN, SEED_UPLOADER, defaultOAuthClients, defaultOAuthProfiles } from './seed.ts';

/** How many of `requests` (entries of the simulator's request log) went to `route`. */
export function countRoute(requests, route) {
	return requests.filter((request) => request.route === route).length;
}

export async function startSimulator({ dataDir, clock, args = [] } = {}) {
	const cliArgs = [join(PROJECT_ROOT, 'simulator/cli.ts'), '--port', '0', '--quiet', ...(dataDir ? ['--data-dir', dataDir] : []), ...(clock ? ['--clock', clock] : []), ...args];
	const child = startTied(cliArgs, { label: 'vault simulator' });
	let output = '';
	const url = await new Promise((resolveUrl, reject) => {
		const timer = setTimeout(() => reject(new Error(`the simulator did not start within 30 s:\n${output}`)), 30_000);
		const onData = (chunk) => {
			output += chunk;
			const match = /listening on (http:\/\/[^\s]+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolveUrl(match[1]);
			}
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`the simulator exited (${signal ?? code}) before listening:\n${output}`));
		});
	});
	child.stdout.resume();
	child.stderr.resume();
	// The OAuth hosts are printed on a later line of the start-up banner.
	const oauthLine = await new Promise((resolveLine, reject) => {
		const timer = setTimeout(() => reject(new Error(`the simulator printed no OAuth hosts:\n${output}`)), 10_000);
		const look = () => {
			const match = /token URL (http:\/\/\S+), Vault sign-in host (http:\/\/\S+)/.exec(output);
			if (!match) return;
			clearTimeout(timer);
			child.stdout.off('data', look);
			resolveLine({ idpTokenUrl: match[1], loginUrl: match[2] });
		};
		child.stdout.on('data', look);
		look();
	});

	const control = async (method, path, body) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: body ? { 'Content-Type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok) throw new Error(`simulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
		return await response.json();
	};
	const stats = () => control('GET', '/_sim/stats');
	/** A call to the simulated Vault's API; Vault's answer as it is (a FAILURE envelope too). */
	const vaultCall = async (token, method, path, { json, form } = {}) => {
		const headers = { Authorization: token, Accept: 'application/json', 'X-VaultAPI-ClientID': 'e2e-suite' };
		if (json !== undefined) headers['Content-Type'] = 'application/json';
		if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
		const body = json !== undefined ? JSON.stringify(json) : form !== undefined ? new URLSearchParams(form).toString() : undefined;
		const response = await fetch(`${url}${path}`, { method, headers, body });
		if (!response.ok) throw new Error(`simulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
		return await response.json();
	};
	return {
		url,
		/** The identity provider's token URL and Vault's OAuth sign-in host (their own origins). */
		...oauthLine,
		stats,
		/** Every IdP access token expires now; the control API's /_sim/oauth/expire-tokens. */
		expireIdpTokens: () => control('POST', '/_sim/oauth/expire-tokens'),
		/** The requests the simulator received since `baseline` (an earlier stats() answer). */
		requestsSince: async (baseline) => (await stats()).requests.slice(baseline.requests.length),
		reset: () => control('POST', '/_sim/reset'),
		expireSessions: () => control('POST', '/_sim/expire-sessions'),
		injectFault: (fault) => control('POST', '/_sim/faults', fault),
		/** Lets the requests a `hold` fault keeps waiting go on; resolves to { released }. */
		release: () => control('POST', '/_sim/release'),
		/** POSTs a signed Spark message to `options.url` as Vault does (options: url, message {items,
		 * attributes}, tamper, unsigned, certId, wrongKey); resolves to { status, body, headers, sentBody, messageId, certificateId }. */
		sendSparkMessage: (sparkOptions) => control('POST', '/_sim/spark/send', sparkOptions),
		/** A new signing key pair under a new certificate ID; resolves to { certificateId }. */
		rolloverSparkCertificate: () => control('POST', '/_sim/spark/rollover'),
		addUploadSession: async (session) => (await control('POST', '/_sim/upload-sessions', session)).id,
		/** Stages `bytes` random bytes at an absolute staging path; resolves to { md5, size }. */
		addStagedFile: (path, bytes, modifiedAgoMs = 0) => control('POST', '/_sim/staged-files', { path, bytes, modifiedAgoMs }),
		addStagedFolder: (path) => control('POST', '/_sim/staged-folders', { path }),
		/** Adds a document VQL can select (fields as in Vault, plus createdAgoMs); resolves to the document. */
		addDocument: (fields) => control('POST', '/_sim/documents', fields),
		/** The records of an object (product__v, country__v, account__v, study__v), in creation order. */
		records: (object) => control('GET', `/_sim/records/${encodeURIComponent(object)}`),
		/** Adds a record of an object as given (no checks; it gets an id); resolves to the record. */
		addRecord: (object, fields = {}) => control('POST', `/_sim/records/${encodeURIComponent(object)}`, fields),
		/** What List Items answers this token for a folder (every page, recursive). */
		async listStagedItems(token, path, apiVersion = 'v25.2') {
			const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
			const items = [];
			// Vault pages by 1,000 items (folders count): follow next_page to the end (at most 100 pages).
			let next = `${url}/api/${apiVersion}/services/file_staging/items/${encoded}?recursive=true`;
			for (let page = 0; next && page < 100; page++) {
				const response = await fetch(next, { headers: { Authorization: token, Accept: 'application/json', 'X-VaultAPI-ClientID': 'e2e-suite' } });
				const body = await response.json();
				if (body.responseStatus !== 'SUCCESS') throw new Error(`simulator list of ${path} failed: ${JSON.stringify(body)}`);
				items.push(...(body.data ?? []));
				next = body.responseDetails?.next_page ?? null;
			}
			return items;
		},
		/**
		 * Vault's bulk object record endpoints, as a client calls them: up to 500 records as JSON,
		 * `method` POST (create; upsert with `idParam`), PUT (update) or DELETE. Resolves to Vault's
		 * answer: `data` holds one result per record, in input order.
		 */
		async writeRecords(token, object, records, { method = 'POST', idParam, apiVersion = 'v25.2' } = {}) {
			const query = idParam ? `?idParam=${encodeURIComponent(idParam)}` : '';
			return await vaultCall(token, method, `/api/${apiVersion}/vobjects/${encodeURIComponent(object)}${query}`, { json: records });
		},
		/** The user actions a record's lifecycle state allows now: Vault's `data` (name, label, type, links). */
		async recordActions(token, object, id, apiVersion = 'v25.2') {
			return (await vaultCall(token, 'GET', `/api/${apiVersion}/vobjects/${encodeURIComponent(object)}/${encodeURIComponent(id)}/actions`)).data;
		},
		/** Runs a user action (Vault's full name) on records: one id through the single-record call,
		 * several through the bulk one (form field ids). Resolves to Vault's answer. */
		async runRecordAction(token, object, action, ids, apiVersion = 'v25.2') {
			const base = `/api/${apiVersion}/vobjects/${encodeURIComponent(object)}`;
			if (ids.length === 1) return await vaultCall(token, 'POST', `${base}/${encodeURIComponent(ids[0])}/actions/${encodeURIComponent(action)}`, { form: {} });
			return await vaultCall(token, 'POST', `${base}/actions/${encodeURIComponent(action)}`, { form: { ids: ids.join(',') } });
		},
		/** What Vault's List Upload Sessions answers this token (read straight from the simulator). */
		async listUploadSessions(token, apiVersion = 'v25.2') {
			const response = await fetch(`${url}/api/${apiVersion}/services/file_staging/upload`, {
				headers: { Authorization: token, Accept: 'application/json', 'X-VaultAPI-ClientID': 'e2e-suite' },
			});
			const body = await response.json();
			if (body.responseStatus !== 'SUCCESS') throw new Error(`simulator list failed: ${JSON.stringify(body)}`);
			return body.data;
		},
		/** MD5 and size of a file in the simulated staging area, downloaded through Vault's API. */
		async stagedFileDigest(token, path, apiVersion = 'v25.2') {
			const encoded = path.split('/').map(encodeURIComponent).join('/');
			const response = await fetch(`${url}/api/${apiVersion}/services/file_staging/items/content${encoded}`, {
				headers: { Authorization: token, 'X-VaultAPI-ClientID': 'e2e-suite' },
			});
			if (!response.ok || !/octet-stream/.test(response.headers.get('content-type') ?? '')) {
				throw new Error(`simulator download of ${path} failed: HTTP ${response.status} ${await response.text()}`);
			}
			const hash = createHash('md5');
			let size = 0;
			for await (const chunk of response.body) {
				hash.update(chunk);
				size += chunk.length;
			}
			return { md5: hash.digest('hex'), size };
		},
		async stop() {
			await stopTied(child);
		},
	};
}
