// Redis and PostgreSQL for the queue-mode suite: private instances from Debian's packages (see
// scripts/install-services.sh), each on a free loopback port with its data in a temporary folder,
// tied to this process like every other child (stopped and removed at the end, whatever happens).
// The system's own services, if any, are never used or touched.
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describeExit, freePort, makeTempDir, runProcess, startTiedCommand, stopTied, tail, waitForOutput } from './processes.mjs';

/** Collects a child's stdout and stderr into `output.text`. */
function collectOutput(child) {
	const output = { text: '' };
	for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (chunk) => (output.text += chunk));
	return output;
}

// ------------------------------------------------------------------------------------ Redis

/** `redis-server` on 127.0.0.1:<free port>, no persistence, working folder in a temporary folder. */
export async function startRedis({ prefix = 'veeva-vault-redis-' } = {}) {
	const dir = makeTempDir(prefix);
	const port = await freePort();
	const child = startTiedCommand(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '', '--databases', '1'],
		{ cwd: dir, label: 'redis-server' },
	);
	const output = collectOutput(child);
	const started = new Promise((ok, fail) => {
		child.once('spawn', ok);
		child.once('error', (error) => fail(new Error(`redis-server could not start (${error.message}); run scripts/install-services.sh`)));
	});
	await started;
	await waitForOutput(child, /Ready to accept connections/, { label: 'redis-server', output });
	return {
		host: '127.0.0.1',
		port,
		dir,
		output: () => output.text,
		async stop() {
			await stopTied(child, 5000);
		},
	};
}

// ------------------------------------------------------------------------------------ PostgreSQL

/** The newest `/usr/lib/postgresql/<version>/bin` that has a `postgres` binary. */
export function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length) throw new Error(`no PostgreSQL server in ${root}/<version>/bin; run scripts/install-services.sh`);
	return { version: versions[0], bin: join(root, versions[0], 'bin') };
}

/**
 * The user PostgreSQL runs as. It refuses to run as root: as root, the `postgres` system user of
 * Debian's package (or `nobody`); as anyone else, that user. Returns { uid, gid, setprivArgs }.
 */
async function unprivilegedUser() {
	if (process.getuid() !== 0) return { uid: process.getuid(), gid: process.getgid(), setprivArgs: [] };
	for (const name of ['postgres', 'nobody']) {
		const uid = await runProcess('id', ['-u', name], { label: 'id' });
		const gid = await runProcess('id', ['-g', name], { label: 'id' });
		if (uid.code === 0 && gid.code === 0) {
			const ids = { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
			return { ...ids, name, setprivArgs: [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups'] };
		}
	}
	throw new Error('PostgreSQL cannot run as root, and there is neither a postgres nor a nobody user to run it as');
}

/**
 * A PostgreSQL server of its own: `initdb` into a temporary folder, `postgres` on
 * 127.0.0.1:<free port> (Unix socket in that folder too), as an unprivileged user; then a login
 * role and a database owned by it. Durability is off (fsync, synchronous_commit): the data is
 * thrown away at the end. Returns { host, port, database, user, password, stop(), output() }.
 */
export async function startPostgres({ prefix = 'veeva-vault-postgres-', database = 'n8n', user = 'n8n' } = {}) {
	const { bin, version } = postgresBinDir();
	const runAs = await unprivilegedUser();
	const dir = makeTempDir(prefix);
	const dataDir = join(dir, 'data');
	const socketDir = join(dir, 'socket');
	for (const path of [dataDir, socketDir]) mkdirSync(path, { mode: 0o700 });
	for (const path of [dir, dataDir, socketDir]) chownSync(path, runAs.uid, runAs.gid);
	const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' };

	// initdb runs to completion; run through startTiedCommand so that it, too, runs as runAs.
	const initdb = startTiedCommand(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'], {
		cwd: dir,
		env,
		label: 'initdb',
		setprivArgs: runAs.setprivArgs,
	});
	const initOutput = collectOutput(initdb);
	const initCode = await new Promise((done) => initdb.once('exit', (code, signal) => done(signal ?? code)));
	await stopTied(initdb);
	if (initCode !== 0) throw new Error(`initdb (PostgreSQL ${version}) exited with ${initCode}:\n${tail(initOutput.text)}`);

	const port = await freePort();
	const child = startTiedCommand(
		join(bin, 'postgres'),
		[
			'-D', dataDir,
			'-p', String(port),
			'-k', socketDir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=60',
			'-c', 'logging_collector=off',
		],
		{ cwd: dir, env, label: `postgres ${version}`, setprivArgs: runAs.setprivArgs, stopSignal: 'SIGINT' },
	);
	const output = collectOutput(child);
	await waitForOutput(child, /database system is ready to accept connections/, { label: `postgres ${version}`, output });

	const password = randomBytes(18).toString('base64url');
	const psql = await runProcess(
		join(bin, 'psql'),
		['-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q',
			'-c', `CREATE ROLE ${user} LOGIN PASSWORD '${password}'`,
			'-c', `CREATE DATABASE ${database} OWNER ${user}`],
		{ cwd: dir, env, label: 'psql', timeoutMs: 60_000 },
	);
	if (psql.code !== 0) {
		await stopTied(child, 10_000, 'SIGINT');
		throw new Error(`psql (creating the ${database} database) ${describeExit(psql)}:\n${tail(psql.stdout + psql.stderr)}`);
	}
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		password,
		version,
		runAs: runAs.name ?? `uid ${runAs.uid}`,
		dir,
		output: () => output.text,
		/** The env n8n (main and workers) needs to use this database. */
		n8nEnv() {
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: user,
				DB_POSTGRESDB_PASSWORD: password,
			};
		},
		async stop() {
			// SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
			await stopTied(child, 10_000, 'SIGINT');
		},
	};
}
