/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// `npm run simulator -- --port 8123`: a simulated Vault on loopback for workflows and tests.
import { parseArgs } from 'node:util';

import { VaultSimulator } from './vault-simulator.ts';
import { SIM_OAUTH_AUDIENCE, defaultApiTokens, defaultOAuthClients, defaultOAuthProfiles, defaultUsers } from './seed.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.VAULT_SIM_PORT ?? '8123' },
		host: { type: 'string', default: process.env.VAULT_SIM_HOST ?? '127.0.0.1' },
		clock: { type: 'string' },
		'no-seed': { type: 'boolean', default: false },
		'session-idle-minutes': { type: 'string', default: '30' },
		'list-page-size': { type: 'string', default: '0' },
		'min-part-size': { type: 'string' },
		'burst-limit': { type: 'string', default: '2000' },
		'job-duration-ms': { type: 'string', default: '0' },
		'data-dir': { type: 'string' },
		'idp-port': { type: 'string' },
		'login-port': { type: 'string' },
		quiet: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

if (values.help) {
	console.log(`Usage: npm run simulator -- [options]
  --port N                   port on loopback (default 8123, env VAULT_SIM_PORT; 0 = any free port)
  --host H                   address to listen on (default 127.0.0.1)
  --clock ISO                start the simulated clock at this instant (default: now)
  --no-seed                  start without the three sessions of Veeva's reference page
  --session-idle-minutes N   Vault session idle timeout (default 30)
  --list-page-size N         page List Upload Sessions by N (default 0: one page)
  --min-part-size BYTES      smallest part but the last (default 5 MiB)
  --burst-limit N            requests per 5 minutes before responses are delayed (default 2000)
  --job-duration-ms N        how long a job (commit, move, delete, Loader) stays RUNNING (default 0: it has
                             ended by the next request, which runs its work)
  --data-dir DIR             where parts and staged files are kept (default: a temp folder)
  --idp-port N               port of the identity provider stand-in (default: --port + 1, or any free port with --port 0)
  --login-port N             port of Vault's OAuth sign-in host (default: --port + 2, or any free port with --port 0)
  --quiet                    do not log requests`);
	process.exit(0);
}

const port = Number(values.port);
const nextPort = (offset: number) => (port ? port + offset : 0);
const simulator = new VaultSimulator({
	port,
	oauth: true,
	idpPort: values['idp-port'] ? Number(values['idp-port']) : nextPort(1),
	loginPort: values['login-port'] ? Number(values['login-port']) : nextPort(2),
	host: values.host,
	clock: values.clock,
	seed: !values['no-seed'],
	sessionIdleMinutes: Number(values['session-idle-minutes']),
	listPageSize: Number(values['list-page-size']),
	burstLimit: Number(values['burst-limit']),
	jobDurationMs: Number(values['job-duration-ms']),
	...(values['min-part-size'] ? { minPartSize: Number(values['min-part-size']) } : {}),
	...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
});
async function main(): Promise<void> {
	await simulator.start();
	if (!values.quiet) simulator.options.log = (line: string) => console.log(line);
	console.log(`Simulated Vault listening on ${simulator.baseUrl}`);
	console.log('Users (username / password):');
	for (const user of defaultUsers) {
		console.log(`  ${user.username} / ${user.password}${user.admin ? '  (admin)' : ''}${user.apiAccess ? '' : '  (no API access)'}`);
	}
	console.log(`API access tokens: ${Object.keys(defaultApiTokens).join(', ')}`);
	console.log(`OAuth 2.0 / OpenID Connect: identity provider token URL ${simulator.idpTokenUrl}, Vault sign-in host ${simulator.loginUrl}`);
	console.log(`  profile ID ${defaultOAuthProfiles[0].id}, audience ${SIM_OAUTH_AUDIENCE}; clients (client ID / secret):`);
	for (const client of defaultOAuthClients) console.log(`  ${client.clientId} / ${client.clientSecret}  (scopes ${client.scopes.join(' ')})`);
	console.log('Control API: GET /_sim/stats, /_sim/oauth, POST /_sim/reset, /_sim/expire-sessions, /_sim/faults, /_sim/clock, /_sim/upload-sessions, /_sim/oauth/expire-tokens, /_sim/oauth/refuse-client');
}

const shutdown = () => {
	void simulator.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
main().catch((error: unknown) => {
	console.error(`The simulator could not start: ${(error as Error).message}`);
	process.exit(1);
});
