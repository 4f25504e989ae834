/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// A local stand-in for a Veeva Vault, answering the way Vault's documentation says it does
// (HTTP 200 with a FAILURE envelope for caller errors). This file is the server: it records each
// request, applies a fault if one is due, and hands the request to its API area's route. Where
// the documentation is silent, the behaviour chosen is listed in simulator/README.md.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SUPPORTED_VERSIONS, authRoutes, authorize, checkClientId, listVersions } from './auth.ts';
import { handleControl } from './control.ts';
import { applyFault, takeFault } from './faults.ts';
import { VaultFailure, headerValue, queryWithout, sendEnvelope, sendJson } from './http.ts';
import type { RequestContext, Route } from './http.ts';
import { configurationRoutes } from './configuration.ts';
import { documentActionRoutes } from './documentActions.ts';
import { documentReadRoutes } from './documentReads.ts';
import { documentTypeRoutes } from './documentTypes.ts';
import { documentWriteRoutes } from './documentWrites.ts';
import { itemRoutes } from './items.ts';
import { jobRoutes, settleJobs } from './jobs.ts';
import { loaderRoutes } from './loader.ts';
import { metadataRoutes } from './metadataRoutes.ts';
import { objectActionRoutes } from './objectActions.ts';
import { objectRecordRoutes } from './objectRecords.ts';
import { handleIdp, handleLogin } from './oauth.ts';
import type { OAuthOrigins } from './oauth.ts';
import { queryRoutes } from './query.ts';
import { sendSparkMessage, sparkRoutes } from './spark.ts';
import type { SparkSendOptions, SparkSendResult } from './spark.ts';
import type { SigningCertificate } from './sparkSigner.ts';
import { SimState } from './state.ts';
import type { RequestRecord } from './model.ts';
import { uploadSessionRoutes } from './uploadSessions.ts';

export { SUPPORTED_VERSIONS } from './auth.ts';
export type { Fault, FaultKind } from './model.ts';
export type { RequestRecord, SimulatorOptions } from './model.ts';
export type { SparkSendOptions, SparkSendResult } from './spark.ts';

const ROUTES: Route[] = [...authRoutes, ...uploadSessionRoutes, ...itemRoutes, ...jobRoutes, ...queryRoutes, ...metadataRoutes, ...loaderRoutes, ...objectRecordRoutes, ...objectActionRoutes, ...sparkRoutes,
	...documentTypeRoutes, ...documentActionRoutes, ...documentReadRoutes, ...documentWriteRoutes, ...configurationRoutes];

export class VaultSimulator extends SimState {
	private server: Server | null = null;
	/** With the `oauth` option: the identity provider stand-in and Vault's OAuth sign-in host. */
	private idpServer: Server | null = null;
	private loginServer: Server | null = null;

	/** Counts a File Staging request as in flight until its answer is sent or its connection closes. */
	private countStagingRequest(res: ServerResponse): void {
		this.stagingInFlight++;
		this.peakStagingInFlight = Math.max(this.peakStagingInFlight, this.stagingInFlight);
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			this.stagingInFlight--;
		};
		res.on('finish', finish);
		res.on('close', finish);
	}

	private readonly sockets = new Set<Socket>();
	private ownsDataDir = false;

	/** Runs the effect of every job that has ended, as the next request would (for tests). */
	async settleJobs(): Promise<void> {
		await settleJobs(this);
	}

	/** POSTs a signed Spark message to `options.url` as Vault does; answers what the receiver said. */
	async sendSparkMessage(options: SparkSendOptions): Promise<SparkSendResult> {
		return await sendSparkMessage(this, new URL(this.baseUrl).host, options);
	}

	/** A certificate rollover: a new key pair under a new certificate ID signs from now on. */
	rolloverSparkCertificate(): SigningCertificate {
		return this.spark.rollover();
	}

	get baseUrl(): string {
		return this.urlOf(this.server, 'The simulator is not running');
	}

	/** The identity provider's origin; its token endpoint is `${idpUrl}/oauth2/token`. */
	get idpUrl(): string {
		return this.urlOf(this.idpServer, 'The identity provider runs only with the oauth option');
	}

	/** Vault's OAuth sign-in host (login.veevavault.com in Vault): `${loginUrl}/auth/oauth/session/{profile}`. */
	get loginUrl(): string {
		return this.urlOf(this.loginServer, 'The OAuth sign-in host runs only with the oauth option');
	}

	get idpTokenUrl(): string {
		return `${this.idpUrl}/oauth2/token`;
	}

	private urlOf(server: Server | null, notRunning: string): string {
		const address = server?.address() as AddressInfo | null;
		if (!address) throw new Error(notRunning);
		return `http://${this.options.host ?? '127.0.0.1'}:${address.port}`;
	}

	private oauthOrigins(): OAuthOrigins {
		return { idpUrl: this.idpUrl, vaultHost: new URL(this.baseUrl).host };
	}

	/** A server on its own port whose requests go to `handler`, its sockets closed by stop(). */
	private async listen(port: number, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Server> {
		const server = createServer((req, res) => {
			handler(req, res).catch((error: unknown) => {
				this.log(`internal error: ${String(error)}`);
				if (!res.headersSent) sendJson(res, 500, { responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message: 'Simulator error' }] });
				else res.destroy();
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, this.options.host ?? '127.0.0.1', () => resolve());
		});
		return server;
	}

	async start(): Promise<this> {
		if (this.options.dataDir) {
			this.dataDir = this.options.dataDir;
			await mkdir(this.dataDir, { recursive: true });
		} else {
			this.dataDir = await mkdtemp(join(tmpdir(), 'vault-sim-'));
			this.ownsDataDir = true;
		}
		await this.reset();
		this.server = await this.listen(this.options.port ?? 0, async (req, res) => await this.handle(req, res));
		if (this.options.oauth) {
			this.idpServer = await this.listen(this.options.idpPort ?? 0, async (req, res) => await handleIdp(this, this.oauthOrigins(), req, res));
			this.loginServer = await this.listen(this.options.loginPort ?? 0, async (req, res) => await handleLogin(this, this.oauthOrigins(), req, res));
		}
		return this;
	}

	async stop(): Promise<void> {
		const servers = [this.server, this.idpServer, this.loginServer].filter((server): server is Server => server !== null);
		this.server = this.idpServer = this.loginServer = null;
		for (const socket of this.sockets) socket.destroy();
		this.releaseHeld();
		await Promise.all(servers.map(async (server) => await new Promise<void>((resolve) => server.close(() => resolve()))));
		if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://simulator.invalid');
		if (url.pathname.startsWith('/_sim/')) return await handleControl(this, req, res, url);

		const match = /^\/api(?:\/(v[^/]+))?(\/.*)?$/.exec(url.pathname);
		const record: RequestRecord = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: queryWithout(url, 'client_id'),
			route: 'unknown',
			clientId: url.searchParams.get('client_id') ?? headerValue(req, 'x-vaultapi-clientid'),
			authorized: false,
			userId: null,
			responseStatus: null,
			contentMd5: headerValue(req, 'content-md5'),
			startedAt: Date.now(),
			finishedAt: null,
		};
		const migrationMode = headerValue(req, 'x-vaultapi-migrationmode');
		const noTriggers = headerValue(req, 'x-vaultapi-notriggers');
		if (migrationMode !== null) record.migrationMode = migrationMode;
		if (noTriggers !== null) record.noTriggers = noTriggers;
		this.requests.push(record);
		res.on('finish', () => {
			record.finishedAt = Date.now();
		});
		if (!match) {
			req.resume();
			return sendJson(res, 404, { responseStatus: 'FAILURE', errors: [{ type: 'MALFORMED_URL', message: 'The resource cannot be found.' }] });
		}

		const version = match[1] ?? '';
		const apiPath = match[2] ?? '';
		const ctx: RequestContext = { req, res, url, version, apiPath: version ? apiPath : '', caller: null, record };
		const staging = ctx.apiPath.startsWith('/services/file_staging');
		if (staging) this.countStagingRequest(res);

		try {
			if (staging && this.stagingInFlight > this.options.maxConcurrentStagingRequests) {
				record.route = 'stagingConcurrencyLimit';
				throw new VaultFailure('API_LIMIT_EXCEEDED', `More than ${this.options.maxConcurrentStagingRequests} concurrent File Staging requests. Try again later.`);
			}
			const fault = takeFault(this, record.method, ctx.apiPath);
			if (fault && (await applyFault(this, fault, ctx))) return;

			if (!version) {
				if (apiPath && apiPath !== '/') throw new VaultFailure('MALFORMED_URL', 'The API version is missing from the URL.');
				record.route = 'versions';
				return await listVersions(this, ctx);
			}
			if (!SUPPORTED_VERSIONS.includes(version)) {
				throw new VaultFailure('MALFORMED_URL', `The API version ${version} is not supported by this Vault.`);
			}
			const route = ROUTES.find((candidate) => candidate.method === req.method && candidate.pattern.test(apiPath));
			if (!route) {
				const pathKnown = ROUTES.some((candidate) => candidate.pattern.test(apiPath));
				throw new VaultFailure(pathKnown ? 'METHOD_NOT_SUPPORTED' : 'MALFORMED_URL', pathKnown ? `${req.method} is not supported for this resource.` : 'The resource cannot be found.');
			}
			record.route = route.name;
			await settleJobs(this);
			checkClientId(this, record.clientId);
			if (!route.public) ctx.caller = authorize(this, ctx);
			const params = (route.pattern.exec(apiPath) ?? []).slice(1).map((value) => decodeURIComponent(value));
			await route.handler(this, ctx, params);
		} catch (error) {
			if (!(error instanceof VaultFailure)) throw error;
			req.resume();
			await sendEnvelope(this, ctx, {
				responseStatus: error.status,
				errors: [{ type: error.type, message: error.message }],
				...(error.errorType ? { errorType: error.errorType } : {}),
			});
		}
	}
}
