// Makes docs/canvas.png, the README's picture: the example "approved this week → disk" opened in
// the n8n editor of the tested n8n, with this package installed as a community package, taken by
// a headless Chromium. Not part of the tests or CI; run it again when the node's look changes:
//
//   apt-get install chromium                      (Debian's; or set CHROMIUM=/path/to/chrome)
//   npm install --prefix /tmp/pw playwright-core  (outside the project: it is no dependency of it)
//   PLAYWRIGHT_CORE=/tmp/pw/node_modules/playwright-core bash scripts/run.sh node scripts/canvas-screenshot.mjs
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { EXAMPLES, N8n, buildAndPack, createWorkspace, ensureN8n, installCommunityPackage, prepareExample, vaultCredential } from '../tools/n8n.mjs';
import { PROJECT_ROOT, assertNode24, cleanupNow, installCleanupHandlers, log, setLogPrefix } from '../tools/processes.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE ?? 'playwright-core');
const OUTPUT = join(PROJECT_ROOT, 'docs', 'canvas.png');
const WORKFLOW_ID = 'ReadmeCanvas0001';

setLogPrefix('screenshot');
assertNode24();
installCleanupHandlers();
try {
	const n8nInstall = await ensureN8n();
	const workspace = await createWorkspace('veeva-vault-screenshot-');
	await installCommunityPackage(workspace.userFolder, (await buildAndPack(workspace.files)).tarball);
	const n8n = new N8n(n8nInstall, workspace);
	await n8n.importCredentials([vaultCredential({ id: 'ReadmeCredential1', vaultDns: 'https://myvault.veevavault.com', username: 'integration@example.com', password: 'not-used' })]);
	await n8n.importWorkflows([prepareExample(EXAMPLES.approvedToDisk, { id: WORKFLOW_ID, slackUrl: 'https://hooks.slack.com/services/REPLACE/ME' })]);
	const server = await n8n.startServer();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 620 }, deviceScaleFactor: 1 });
		await page.request.post(`${server.url}/rest/login`, { data: { emailOrLdapLoginId: 'owner@e2e.example', password: 'E2e-owner-password-1' } });
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`, { waitUntil: 'networkidle' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		// The editor may greet a new owner with dialogs; Escape closes them.
		await page.keyboard.press('Escape');
		await page.keyboard.press('Shift+1'); // zoom to fit
		await page.waitForTimeout(1500);
		const canvas = page.locator('[data-test-id="canvas"]').first();
		await (await canvas.count() ? canvas : page).screenshot({ path: OUTPUT });
		log(`wrote ${OUTPUT}`);
	} finally {
		await browser.close();
		await server.stop();
	}
} finally {
	cleanupNow();
}
