// `npm run demo`: runs the example workflow "stale upload sessions → Slack" in the real n8n CLI,
// headless, with this package installed as a community package, then prints the stale upload
// sessions the workflow's Veeva Vault node found (one line each, with its computed fields) and the
// Slack alert it would have posted. It prints what the workflow itself saw: the node asks Vault for
// the stale sessions only, so the others never reach the workflow (with the simulator, the demo
// also says how many sessions there were in all). Everything happens in a temporary folder that is
// removed at the end, together with every process the demo started.
//
// By default it talks to the simulated Vault (simulator/), with a few abandoned uploads added.
// With VAULT_DNS and VAULT_USERNAME + VAULT_PASSWORD (or VAULT_TOKEN) set, it talks to that real
// Vault instead, read-only: the workflow only lists upload sessions. In both cases the Slack
// message goes to a local receiver, never to Slack.
//   Optional: VAULT_API_VERSION (default v25.2), VAULT_CLIENT_ID, STALE_AFTER_HOURS (default 1).
import { SEED_ADMIN, startSimulator } from '../simulator/client.mjs';
import {
	EXAMPLES,
	N8n,
	NODE_TYPE,
	SLACK_PLACEHOLDER,
	buildAndPack,
	createWorkspace,
	ensureN8n,
	installCommunityPackage,
	nodeItems,
	prepareExample,
	startWebhookReceiver,
	vaultCredential,
} from '../tools/n8n.mjs';
import {
	assertNode24,
	cleanupNow,
	formatBytes,
	installCleanupHandlers,
	leftoversAfterCleanup,
	log,
	removeTempDir,
	seconds,
	setLogPrefix,
} from '../tools/processes.mjs';

const HOUR = 3600_000;
const MiB = 1024 * 1024;

/** Abandoned and finished uploads added to the simulator's three (recent) seeded sessions. */
const DEMO_SESSIONS = [
	{ path: '/u10001500/clinical/CSR-Appendix-16.zip', owner: 10001500, size: 2560 * MiB, uploaded: 1024 * MiB, createdAgoMs: 9 * HOUR, lastUploadAgoMs: 7 * HOUR },
	{ path: '/u10001400/Gludacta-2021/Gludacta-Training-Video.mp4', owner: 10001400, size: 800 * MiB, uploaded: 0, createdAgoMs: 26 * HOUR, lastUploadAgoMs: 26 * HOUR },
	{ path: '/u10001500/regulatory/eCTD-0007.zip', owner: 10001500, size: 300 * MiB, uploaded: 300 * MiB, createdAgoMs: 4 * HOUR, lastUploadAgoMs: 3 * HOUR },
];
const SIMULATOR_ADMIN = { username: SEED_ADMIN.username, password: SEED_ADMIN.password };

function readSettings() {
	const env = process.env;
	const staleAfterHours = Number(env.STALE_AFTER_HOURS ?? '1');
	if (!(staleAfterHours > 0)) throw new Error(`STALE_AFTER_HOURS must be a positive number of hours, not "${env.STALE_AFTER_HOURS}"`);
	if (!env.VAULT_DNS) return { real: null, staleAfterHours };
	const hasPassword = Boolean(env.VAULT_USERNAME && env.VAULT_PASSWORD);
	if (!env.VAULT_TOKEN && !hasPassword) {
		throw new Error('VAULT_DNS is set: also set VAULT_TOKEN (an API access token), or VAULT_USERNAME and VAULT_PASSWORD.');
	}
	return {
		staleAfterHours,
		real: {
			vaultDns: env.VAULT_DNS,
			apiVersion: env.VAULT_API_VERSION || 'v25.2',
			clientId: env.VAULT_CLIENT_ID || undefined,
			...(env.VAULT_TOKEN ? { accessToken: env.VAULT_TOKEN } : { username: env.VAULT_USERNAME, password: env.VAULT_PASSWORD }),
		},
	};
}

/** The demo promises read-only access to a real Vault: every Vault node must only list. */
function assertReadOnly(workflow) {
	for (const node of workflow.nodes.filter((candidate) => candidate.type === NODE_TYPE)) {
		const { resource, operation } = node.parameters;
		if (resource !== 'uploadSession' || operation !== 'getAll') {
			throw new Error(`The demo only runs read-only workflows, but node "${node.name}" does ${resource}/${operation}.`);
		}
	}
}

function hours(value) {
	return typeof value === 'number' ? `${value.toFixed(1)} h` : '—';
}

function utc(iso) {
	return iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '—';
}

async function main() {
	setLogPrefix('[demo]');
	installCleanupHandlers();
	const started = Date.now();
	const { real, staleAfterHours } = readSettings();
	assertNode24();

	const n8n = await ensureN8n();
	log(`n8n ${n8n.version} (cached in ${n8n.dir})`);
	const workspace = await createWorkspace('veeva-vault-demo-');
	let simulator = null;
	let slack = null;
	try {
		log('building and packing the package, installing it as an n8n community package');
		const { tarball } = await buildAndPack(workspace.files);
		await installCommunityPackage(workspace.userFolder, tarball);

		let credential;
		if (real) {
			log(`using the real Vault at ${real.vaultDns} (read-only: the workflow only lists upload sessions)`);
			credential = vaultCredential({ id: 'demoVaultCredent', ...real });
		} else {
			simulator = await startSimulator({ dataDir: workspace.simulatorData });
			for (const session of DEMO_SESSIONS) await simulator.addUploadSession(session);
			log(`simulated Vault on ${simulator.url} (3 sessions from Veeva's docs + ${DEMO_SESSIONS.length} older ones)`);
			credential = vaultCredential({ id: 'demoVaultCredent', vaultDns: simulator.url, ...SIMULATOR_ADMIN });
		}
		slack = await startWebhookReceiver();

		const workflow = prepareExample(EXAMPLES.staleToSlack, {
			id: 'demoStaleToSlack',
			slackUrl: `${slack.url}/services/DEMO/LOCAL/receiver`,
			settings: { staleAfterHours },
		});
		assertReadOnly(workflow);
		const cli = new N8n(n8n, workspace);
		log('importing the credential and examples/stale-upload-sessions-to-slack.json into n8n');
		await cli.importCredentials([credential]);
		await cli.importWorkflows([workflow]);

		log(`running "${workflow.name}" headless (n8n execute)`);
		const result = await cli.execute(workflow.id);
		if (!result.ok) {
			console.error(`\nThe workflow failed: ${result.errorMessage ?? `n8n exited with ${result.signal ?? result.code} without a result`}`);
			const description = result.errorDescription;
			if (description) console.error(description);
			process.exitCode = 1;
			return;
		}

		const stale = nodeItems(result.run, 'Find stale upload sessions').map((item) => item.json);
		// Only the simulator can say how many sessions there are in all without another Vault call.
		const total = simulator ? (await simulator.stats()).activeUploadSessions : null;
		console.log(
			`\nStale upload sessions found by the workflow's Veeva Vault node (incomplete, no upload for more than ${staleAfterHours} h): ` +
				`${stale.length}${total === null ? '' : ` of the ${total} active sessions in the simulated Vault`}`,
		);
		if (stale.length === 0) console.log('  (none)');
		const pathWidth = Math.max(0, ...stale.map((session) => String(session.path).length));
		for (const session of stale) {
			const progress = `${formatBytes(session.uploaded)} of ${formatBytes(session.size)} (${session.percent_uploaded}%)`.padEnd(28);
			console.log(
				`  ${String(session.path).padEnd(pathWidth)}  ${progress}  idle ${hours(session.hours_since_last_upload).padStart(7)}  ` +
					`expires in ${hours(session.hours_until_expiry).padStart(7)} (${utc(session.expiration_date)})  owner ${session.owner}`,
			);
		}

		const [post] = slack.received;
		if (post) {
			console.log(`\nSlack alert it would have posted to ${SLACK_PLACEHOLDER.replace('REPLACE/ME', '…')} (caught locally instead):`);
			console.log(
				String(post.json?.text ?? post.body)
					.split('\n')
					.map((line) => `  │ ${line}`)
					.join('\n'),
			);
		} else {
			console.log('\nNo stale upload sessions, so no Slack alert would have been posted.');
		}
		console.log(`\nDone in ${seconds(Date.now() - started)} (n8n execute: ${seconds(result.ms)}).`);
	} finally {
		await simulator?.stop();
		await slack?.close();
		removeTempDir(workspace.root);
		cleanupNow();
		const left = await leftoversAfterCleanup();
		if (left.processes.length || left.folders.length) {
			console.error(`Could not clean up everything: ${[...left.processes, ...left.folders].join(', ')}`);
			process.exitCode = 1;
		} else {
			log(`cleaned up: ${simulator ? 'simulator stopped, ' : ''}temporary n8n folder removed`);
		}
	}
}

main().catch((error) => {
	console.error(`\ndemo failed: ${error.message}`);
	cleanupNow();
	process.exitCode = 1;
});
