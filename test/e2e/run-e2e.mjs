// End-to-end suite: the packed package installed as an n8n community package into the real n8n
// CLI (pinned, cached outside the project's dependencies), credentials and the example workflows
// imported, and headless runs (`n8n execute --id`) against the simulated Vault on loopback.
// Run with `npm run test:e2e` (scripts/run.sh puts Node 24 on PATH).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	EXAMPLES,
	EXAMPLE_CREDENTIAL_NAME,
	N8n,
	NODE_TYPE,
	PACKAGE_NAME,
	SLACK_PLACEHOLDER,
	assertNode24,
	buildAndPack,
	cleanupNow,
	createWorkspace,
	ensureN8n,
	installCleanupHandlers,
	installCommunityPackage,
	leftoversAfterCleanup,
	loadWithN8nLoader,
	log,
	nodeItems,
	nodeRun,
	prepareExample,
	readExample,
	removeTempDir,
	seconds,
	startSimulator,
	startWebhookReceiver,
	vaultCredential,
} from './lib.mjs';

const HOUR = 3600_000;
const MiB = 1024 * 1024;
const ADMIN = { username: 'admin@sim.veevavault.example', password: 'admin-password' };
const ADMIN_TOKEN = 'veeva-vault-sim-admin-token';
const DEFAULT_CLIENT_ID = 'n8n-nodes-veeva-vault';
const STALE_AFTER_HOURS = 1;
const SESSION_LIMIT = 50;
const LIST_NODE = 'List upload sessions';

const IDS = {
	passwordCredential: 'e2ePasswordCred1',
	tokenCredential: 'e2eTokenCred0001',
	staleWorkflow: 'e2eStaleToSlack1',
	reportWorkflow: 'e2eDailyReport01',
	listWorkflow: 'e2eListSessions1',
	continueWorkflow: 'e2eListContinue1',
};

/** Sessions added to the simulator's three seeded ones (whose last uploads are 22–48 min old). */
const EXTRA_SESSIONS = {
	staleIncomplete: { path: '/u10001500/e2e/stale-5h.zip', owner: 10001500, size: 200 * MiB, uploaded: 50 * MiB, createdAgoMs: 6 * HOUR, lastUploadAgoMs: 5 * HOUR },
	completeNotCommitted: { path: '/u10001400/e2e/complete-6h.pdf', owner: 10001400, size: 10 * MiB, uploaded: 10 * MiB, createdAgoMs: 7 * HOUR, lastUploadAgoMs: 6 * HOUR },
	staleExpiringSoon: { path: '/u10001400/e2e/stale-expiring.mp4', owner: 10001400, size: 1024 * MiB, uploaded: 0, createdAgoMs: 60 * HOUR, lastUploadAgoMs: 60 * HOUR },
	recentIncomplete: { path: '/u10001500/e2e/recent-30min.csv', owner: 10001500, size: 20 * MiB, uploaded: 5 * MiB, createdAgoMs: 40 * 60_000, lastUploadAgoMs: 30 * 60_000 },
};
const EXPECTED_STALE_PATHS = [EXTRA_SESSIONS.staleExpiringSoon.path, EXTRA_SESSIONS.staleIncomplete.path];

const ctx = {};

/** Fails with what n8n said when a run that should have succeeded did not. */
function assertRunSucceeded(result, what) {
	if (result.ok) return;
	// n8n's log lines, without the run's JSON and the database migrations of a first start.
	const printed = result.stdout
		.split('\n')
		.filter((line) => line.trim() && !/^[\s{}\]]/.test(line) && !/^(Starting|Finished) migration|^Migrations in progress/.test(line))
		.slice(-25)
		.join('\n');
	assert.fail(
		`${what}: n8n execute did not succeed (exit ${result.signal ?? result.code}${result.timedOut ? ', timed out' : ''}). ` +
			`Error: ${result.errorMessage ?? '(none reported)'}\n--- last lines n8n printed ---\n${printed}`,
	);
}

/** Requests the simulator received since `baseline` (a /_sim/stats answer). */
async function requestsSince(baseline) {
	const stats = await ctx.simulator.stats();
	return stats.requests.slice(baseline.requests.length);
}

function countRoute(requests, route) {
	return requests.filter((request) => request.route === route).length;
}

/** The stale rule of the example, written independently of the workflow. */
function isStale(session, now = Date.now()) {
	return session.uploaded < session.size && Date.parse(session.last_uploaded_date) < now - STALE_AFTER_HOURS * HOUR;
}

describe(`${PACKAGE_NAME} in the real n8n CLI`, { concurrency: 1 }, () => {
	before(async () => {
		const started = Date.now();
		installCleanupHandlers();
		assertNode24();
		ctx.n8n = await ensureN8n();
		log(`n8n ${ctx.n8n.version} from ${ctx.n8n.dir}`);
		ctx.workspace = await createWorkspace();

		log('building the package (n8n-node build) and packing it (npm pack)');
		ctx.pack = await buildAndPack(ctx.workspace.files);
		log('installing the tarball the way n8n installs a community package');
		ctx.installed = await installCommunityPackage(ctx.workspace.userFolder, ctx.pack.tarball);

		ctx.simulator = await startSimulator({ dataDir: ctx.workspace.simulatorData });
		ctx.slack = await startWebhookReceiver();
		ctx.slackUrl = `${ctx.slack.url}/services/T00000000/B00000000/e2e-webhook`;
		for (const session of Object.values(EXTRA_SESSIONS)) await ctx.simulator.addUploadSession(session);
		log(`simulated Vault on ${ctx.simulator.url}, Slack stand-in on ${ctx.slack.url}`);

		ctx.cli = new N8n(ctx.n8n, ctx.workspace);
		log('importing credentials (the first n8n command also creates its database)');
		await ctx.cli.importCredentials([
			vaultCredential({ id: IDS.passwordCredential, name: EXAMPLE_CREDENTIAL_NAME, vaultDns: ctx.simulator.url, ...ADMIN }),
			vaultCredential({ id: IDS.tokenCredential, name: 'Veeva Vault token', vaultDns: ctx.simulator.url, accessToken: ADMIN_TOKEN }),
		]);
		log('importing the example workflows and two test workflows');
		await ctx.cli.importWorkflows([
			prepareExample(EXAMPLES.staleToSlack, { id: IDS.staleWorkflow, slackUrl: ctx.slackUrl, settings: { staleAfterHours: STALE_AFTER_HOURS } }),
			prepareExample(EXAMPLES.dailyReport, { id: IDS.reportWorkflow, slackUrl: ctx.slackUrl, settings: { sessionLimit: SESSION_LIMIT } }),
			listWorkflow({ id: IDS.listWorkflow, name: 'E2E: list upload sessions', credential: { id: IDS.passwordCredential, name: EXAMPLE_CREDENTIAL_NAME } }),
			listWorkflow({ id: IDS.continueWorkflow, name: 'E2E: continue on fail', credential: { id: IDS.tokenCredential, name: 'Veeva Vault token' }, continueOnFail: true }),
		]);
		log(`set-up took ${seconds(Date.now() - started)}`);
	});

	after(async () => {
		await ctx.simulator?.stop();
		await ctx.slack?.close();
		if (ctx.workspace) removeTempDir(ctx.workspace.root);
		cleanupNow();
		const left = await leftoversAfterCleanup();
		assert.deepEqual(left, { processes: [], folders: [] }, 'processes or temporary folders were left behind');
	});

	it('installs from the packed tarball and loads with n8n\'s own loader (files, n8n section, class names, icons)', async () => {
		const { packageDir, packageJson } = ctx.installed;
		const declared = [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])];
		assert.ok(packageJson.n8n?.nodes?.length && packageJson.n8n?.credentials?.length, 'package.json "n8n" must list nodes and credentials');
		for (const file of declared) assert.ok(ctx.pack.files.includes(file), `${file} (listed in package.json "n8n") is not in the tarball: check the paths in "n8n" and the "files" list`);
		assert.ok(packageJson.keywords?.includes('n8n-community-node-package'), 'keyword n8n-community-node-package is missing');
		assert.equal(Object.keys(packageJson.dependencies ?? {}).length, 0, 'community packages must not have runtime dependencies');

		const loaded = await loadWithN8nLoader(ctx.n8n, packageDir);
		if (loaded.apiVersion) assert.equal(loaded.apiVersion.compatible, true, `n8nNodesApiVersion: ${JSON.stringify(loaded.apiVersion)}`);
		assert.deepEqual(loaded.nodes.map((node) => node.name), ['veevaVault']);
		assert.deepEqual(loaded.credentials.map((credential) => credential.name), ['veevaVaultApi']);
		assert.deepEqual(loaded.known.credentials.veevaVaultApi.supportedNodes, ['veevaVault']);

		for (const described of [...loaded.nodes, ...loaded.credentials]) {
			assert.ok(described.iconUrl?.light && described.iconUrl?.dark, `${described.name}: needs a light and a dark icon (got ${JSON.stringify(described.iconUrl ?? described.icon)})`);
			for (const url of [described.iconUrl.light, described.iconUrl.dark]) {
				const prefix = `icons/${PACKAGE_NAME}/`;
				assert.ok(url.startsWith(prefix), `${described.name}: unexpected icon URL ${url}`);
				const file = join(packageDir, url.slice(prefix.length));
				assert.ok(existsSync(file), `${described.name}: icon ${url.slice(prefix.length)} is missing from the installed package`);
				const bytes = readFileSync(file);
				const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
				const isSvg = /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(bytes.toString('utf8').trimStart());
				assert.ok(isSvg || isPng, `${described.name}: ${url.slice(prefix.length)} is not an SVG or PNG image`);
			}
		}
		const codex = join(packageDir, packageJson.n8n.nodes[0].replace(/\.js$/, '.json'));
		assert.ok(existsSync(codex), 'the node\'s codex file (<Node>.node.json) is missing');
		assert.equal(JSON.parse(readFileSync(codex, 'utf8')).node, NODE_TYPE);
	});

	it('the example workflows ship importable: placeholders only, credential by name, schedule + manual trigger', () => {
		for (const path of Object.values(EXAMPLES)) {
			const workflow = readExample(path);
			const types = workflow.nodes.map((node) => node.type);
			assert.ok(types.includes('n8n-nodes-base.scheduleTrigger') && types.includes('n8n-nodes-base.manualTrigger'), `${path}: Schedule Trigger and Manual Trigger`);
			for (const type of types) assert.ok(type.startsWith('n8n-nodes-base.') || type === NODE_TYPE, `${path}: unexpected node type ${type}`);
			for (const node of workflow.nodes.filter((candidate) => candidate.type === NODE_TYPE)) {
				assert.equal(node.credentials?.veevaVaultApi?.name, EXAMPLE_CREDENTIAL_NAME, `${path}: ${node.name} refers to the credential by name`);
			}
			const settings = workflow.nodes.find((node) => node.name === 'Settings').parameters.assignments.assignments;
			assert.equal(settings.find((entry) => entry.name === 'slackWebhookUrl')?.value, SLACK_PLACEHOLDER, `${path}: Slack URL placeholder`);
			const text = readFileSync(path, 'utf8');
			assert.doesNotMatch(text, /127\.0\.0\.1|localhost|hooks\.slack\.com\/services\/T[0-9A-Z]{6,}/, `${path}: no local or real URL`);
			assert.equal(workflow.id, undefined, `${path}: no workflow id, so importing never overwrites a user's workflow`);
		}
	});

	it('stale upload sessions → Slack: one item per session with Vault\'s values, one message listing the stale ones', async (t) => {
		const listing = await ctx.simulator.listUploadSessions(ADMIN_TOKEN);
		assert.equal(listing.length, 7, 'test data: 3 seeded + 4 added sessions');
		const expectedStale = listing.filter((session) => isStale(session));
		assert.deepEqual(expectedStale.map((session) => session.path).sort(), [...EXPECTED_STALE_PATHS].sort(), 'test data: the stale rule');
		const baseline = await ctx.simulator.stats();
		const slackBefore = ctx.slack.received.length;

		const result = await ctx.cli.execute(IDS.staleWorkflow);
		t.diagnostic(`n8n execute (stale → Slack): ${seconds(result.ms)}`);
		assertRunSucceeded(result, 'stale → Slack');

		const listed = nodeItems(result.run, LIST_NODE);
		assert.deepEqual(listed.map((item) => item.json), listing, 'one item per session, with exactly the values Vault returned');
		for (const item of listed) assert.ok(item.pairedItem !== undefined, 'every item has pairedItem');

		const stale = nodeItems(result.run, 'Keep stale sessions').map((item) => item.json);
		assert.deepEqual(stale.map((session) => session.id), expectedStale.map((session) => session.id));

		const messages = nodeItems(result.run, 'Build Slack message');
		assert.equal(messages.length, 1, 'one message for all stale sessions');
		const { text, staleCount, sessionIds } = messages[0].json;
		assert.equal(staleCount, 2);
		assert.deepEqual(sessionIds, expectedStale.map((session) => session.id));
		assert.match(text, /^:warning: 2 stale upload sessions in Veeva Vault \(incomplete, no upload for more than 1 h\)/);
		for (const session of listing) {
			const mentioned = text.includes(`\`${session.path}\``);
			assert.equal(mentioned, isStale(session), `${session.path} ${isStale(session) ? 'must' : 'must not'} be in the message`);
		}
		assert.match(text, /`\/u10001500\/e2e\/stale-5h\.zip` \(owner 10001500\): 50\.0 MB of 200\.0 MB uploaded, last upload .* \(5 h ago\)/);

		const posts = ctx.slack.received.slice(slackBefore);
		assert.equal(posts.length, 1, 'exactly one POST to the Slack webhook');
		assert.equal(posts[0].method, 'POST');
		assert.equal(posts[0].path, '/services/T00000000/B00000000/e2e-webhook');
		assert.match(posts[0].contentType, /application\/json/);
		assert.deepEqual(posts[0].json, { text });
		assert.deepEqual(nodeItems(result.run, 'Post to Slack').map((item) => item.json), [{ data: 'ok' }]);

		const requests = await requestsSince(baseline);
		assert.equal(countRoute(requests, 'auth'), 1, 'first execution logs in once');
		assert.equal(countRoute(requests, 'listUploadSessions'), 1);
		for (const request of requests) assert.equal(request.clientId, DEFAULT_CLIENT_ID, `${request.route} was sent without the default client ID`);
	});

	it('daily report: a second execution reuses the stored Vault session (no login) and reports the real numbers', async (t) => {
		const listing = await ctx.simulator.listUploadSessions(ADMIN_TOKEN);
		const baseline = await ctx.simulator.stats();
		const slackBefore = ctx.slack.received.length;

		const result = await ctx.cli.execute(IDS.reportWorkflow);
		t.diagnostic(`n8n execute (daily report): ${seconds(result.ms)}`);
		assertRunSucceeded(result, 'daily report');

		const requests = await requestsSince(baseline);
		assert.equal(countRoute(requests, 'auth'), 0, 'the session stored by the first execution is reused');
		assert.equal(countRoute(requests, 'listUploadSessions'), 1);
		assert.deepEqual(nodeItems(result.run, LIST_NODE).map((item) => item.json), listing);

		const [report] = nodeItems(result.run, 'Summarize sessions').map((item) => item.json);
		const uploading = listing.filter((session) => session.uploaded < session.size);
		const inOneDay = Date.now() + 24 * HOUR;
		assert.equal(report.activeSessions, 7);
		assert.equal(report.sessionLimit, SESSION_LIMIT);
		assert.equal(report.percentOfLimit, 14);
		assert.equal(report.stillUploading, uploading.length);
		assert.equal(report.waitingForCommit, listing.length - uploading.length);
		assert.equal(report.bytesUploaded, uploading.reduce((sum, session) => sum + session.uploaded, 0));
		assert.equal(report.bytesExpected, uploading.reduce((sum, session) => sum + session.size, 0));
		assert.deepEqual(
			report.expiringWithin24h.map((session) => session.id),
			listing.filter((session) => Date.parse(session.expiration_date) < inOneDay).map((session) => session.id),
		);
		assert.deepEqual(report.expiringWithin24h.map((session) => session.path), [EXTRA_SESSIONS.staleExpiringSoon.path]);
		assert.deepEqual(report.byOwner, [
			{ owner: 10001400, sessions: 5 },
			{ owner: 10001500, sessions: 2 },
		]);
		assert.match(report.text, /Active sessions: 7 of 50 \(14%\)\./);

		const posts = ctx.slack.received.slice(slackBefore);
		assert.equal(posts.length, 1);
		assert.deepEqual(posts[0].json, { text: report.text });
	});

	it('renews the session once when Vault has ended it (INVALID_SESSION_ID) and still lists every session', async (t) => {
		const listing = await ctx.simulator.listUploadSessions(ADMIN_TOKEN);
		const { expired } = await ctx.simulator.expireSessions();
		assert.ok(expired >= 1, 'the simulator held the session n8n stored');
		const baseline = await ctx.simulator.stats();

		const result = await ctx.cli.execute(IDS.listWorkflow);
		t.diagnostic(`n8n execute (after session expiry): ${seconds(result.ms)}`);
		assertRunSucceeded(result, 'list after session expiry');
		assert.deepEqual(nodeItems(result.run, LIST_NODE).map((item) => item.json), listing);

		const requests = await requestsSince(baseline);
		assert.deepEqual(
			requests.map((request) => `${request.route}:${request.responseStatus}`),
			['listUploadSessions:FAILURE', 'auth:SUCCESS', 'listUploadSessions:SUCCESS'],
			'expired session → one login → the list is sent again',
		);
	});

	it('a Vault failure fails the execution with a readable error; the renewed session was kept', async (t) => {
		await ctx.simulator.injectFault({ kind: 'exception', method: 'GET', path: '/services/file_staging/upload', times: 1 });
		const baseline = await ctx.simulator.stats();

		const result = await ctx.cli.execute(IDS.listWorkflow);
		t.diagnostic(`n8n execute (Vault EXCEPTION): ${seconds(result.ms)}`);
		assert.equal(result.ok, false, 'the execution must fail');
		assert.notEqual(result.code, 0, 'n8n execute exits non-zero');
		assert.ok(result.run, 'n8n printed the failed run');
		assert.equal(result.run.status, 'error');
		assert.match(result.errorMessage ?? '', /Vault/);
		assert.match(result.errorMessage ?? '', /UNEXPECTED_ERROR/, 'the message names Vault\'s error type');
		assert.match(result.errorMessage ?? '', /An unexpected error occurred/, 'the message carries Vault\'s own message');
		assert.doesNotMatch(result.errorMessage ?? '', /\[object Object\]|undefined/);
		const failedNode = nodeRun(result.run, LIST_NODE);
		assert.equal(failedNode?.error?.message, result.errorMessage, 'the error belongs to the Vault node');
		assert.ok(failedNode.error.description, 'the error comes with advice (description)');
		assert.ok(result.stdout.includes(result.errorMessage), 'n8n printed the message');

		const requests = await requestsSince(baseline);
		assert.equal(countRoute(requests, 'fault:exception'), 1);
		assert.equal(countRoute(requests, 'auth'), 0, 'the session renewed in the previous execution was stored and reused');
	});

	it('continue on fail: the failing list becomes an item with an error field and the workflow goes on', async (t) => {
		await ctx.simulator.injectFault({ kind: 'exception', method: 'GET', path: '/services/file_staging/upload', times: 1 });
		const baseline = await ctx.simulator.stats();

		const result = await ctx.cli.execute(IDS.continueWorkflow);
		t.diagnostic(`n8n execute (continue on fail): ${seconds(result.ms)}`);
		assertRunSucceeded(result, 'continue on fail');
		const items = nodeItems(result.run, LIST_NODE);
		assert.equal(items.length, 1, 'one error item for the one input item');
		assert.match(String(items[0].json.error), /UNEXPECTED_ERROR/);
		assert.deepEqual(items[0].pairedItem, { item: 0 });
		assert.deepEqual(nodeItems(result.run, 'After').map((item) => item.json), [items[0].json], 'the next node received the error item');

		const requests = await requestsSince(baseline);
		assert.equal(countRoute(requests, 'fault:exception'), 1);
		assert.equal(countRoute(requests, 'auth'), 0, 'an API access token needs no login');
	});

	it('logs in only when needed over the whole suite, and never prints a secret', async () => {
		const stats = await ctx.simulator.stats();
		assert.equal(stats.counts.auth, 2, 'two logins in total: the first execution and the renewal');

		const credentials = await ctx.cli.exportCredentialsDecrypted();
		const stored = credentials.find((credential) => credential.id === IDS.passwordCredential);
		assert.ok(stored, 'the password credential is in n8n');
		assert.ok(typeof stored.data.sessionId === 'string' && stored.data.sessionId.length > 10, 'n8n stored the Vault session in the credential');

		const secrets = { password: ADMIN.password, 'access token': ADMIN_TOKEN, 'stored session ID': stored.data.sessionId };
		const printed = [
			...ctx.cli.transcript.map((entry) => ({ where: `n8n ${entry.args[0]}`, text: entry.output })),
			...ctx.slack.received.map((post) => ({ where: 'Slack message', text: post.body })),
		];
		assert.ok(printed.length >= 7);
		for (const { where, text } of printed) {
			for (const [name, secret] of Object.entries(secrets)) assert.ok(!text.includes(secret), `the ${name} appears in the output of ${where}`);
		}
	});
});

/** Manual Trigger → Veeva Vault (list upload sessions) → No Operation. */
function listWorkflow({ id, name, credential, continueOnFail = false }) {
	const listNode = readExample(EXAMPLES.staleToSlack).nodes.find((node) => node.type === NODE_TYPE);
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-trigger`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-vault`,
				name: LIST_NODE,
				type: listNode.type,
				typeVersion: listNode.typeVersion,
				position: [240, 0],
				parameters: { resource: 'uploadSession', operation: 'getAll', returnAll: true },
				credentials: { veevaVaultApi: credential },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
			{ id: `${id}-after`, name: 'After', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 0], parameters: {} },
		],
		connections: {
			Start: { main: [[{ node: LIST_NODE, type: 'main', index: 0 }]] },
			[LIST_NODE]: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}
