/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// A local stand-in for a Veeva Vault: authentication, sessions, rate-limit headers and the
// File Staging upload-session API, answering the way Vault's documentation says it does
// (HTTP 200 with a FAILURE envelope for caller errors). Where the documentation is silent the
// behaviour chosen is listed in simulator/README.md under "Assumptions".

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { parseForm } from './forms.ts';
import type { ParsedForm } from './forms.ts';
import {
	DOCS_NOW,
	SIMULATED_VAULT_ID,
	defaultApiTokens,
	defaultUsers,
	defaultVaults,
	seedUploadSessions,
} from './seed.ts';
import type { SimUser, SimVault } from './seed.ts';

const MiB = 1024 * 1024;
const HOUR = 3600 * 1000;
const MAX_FILE_SIZE = 500 * 1024 ** 3;
const SESSION_LIFETIME_MS = 72 * HOUR;
const VAULT_SESSION_MAX_MS = 48 * HOUR;

export const SUPPORTED_VERSIONS = [
	'v21.1', 'v21.2', 'v21.3', 'v22.1', 'v22.2', 'v22.3', 'v23.1', 'v23.2', 'v23.3',
	'v24.1', 'v24.2', 'v24.3', 'v25.1', 'v25.2', 'v25.3', 'v26.1', 'v26.2',
];

export type FaultKind =
	| 'http502'
	| 'badJson'
	| 'reset'
	| 'delay'
	| 'apiLimit'
	| 'exception'
	| 'invalidSession'
	| 'foreignNextPage'
	| 'redirect'
	| 'echoCredentials'
	| 'stall'
	| 'stallBody';

export interface Fault {
	kind: FaultKind;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	/** Only requests whose path (after /api/{version}) starts with this. */
	path?: string;
	method?: string;
	/** For `delay`: milliseconds before the normal answer. */
	ms?: number;
	/** Let this many matching requests through first. */
	after?: number;
	/** For `redirect`: the Location header (absolute or relative) and the status (default 302). */
	location?: string;
	status?: number;
	/** For `echoCredentials`: the error type of the FAILURE that quotes the caller's credentials. */
	errorType?: string;
}

export interface SimulatorOptions {
	host?: string;
	port?: number;
	/** Start of the simulated clock (ISO string); the clock then runs in real time. Default: now. */
	clock?: string;
	/** Load the three sessions of Veeva's reference page (default true). */
	seed?: boolean;
	sessionIdleMinutes?: number;
	/** Requests per burst window before Vault starts delaying responses. */
	burstLimit?: number;
	burstWindowMs?: number;
	responseDelayMs?: number;
	/** /auth calls per username per minute; slower past half, API_LIMIT_EXCEEDED at the limit. */
	authBurstLimit?: number;
	minPartSize?: number;
	maxActiveSessions?: number;
	/** 0 = List Upload Sessions answers in one page. */
	listPageSize?: number;
	/** Answer an empty list without a `data` field (the docs do not say which Vault does). */
	omitEmptyData?: boolean;
	/** Milliseconds a commit job stays RUNNING before it ends. */
	jobDurationMs?: number;
	/** When set, Client ID filtering is on and only these IDs are accepted. */
	allowedClientIds?: string[];
	dataDir?: string;
	users?: SimUser[];
	apiTokens?: Record<string, number>;
	vaults?: SimVault[];
	log?: (line: string) => void;
}

interface UploadPart {
	part_number: number;
	size: number;
	part_content_md5: string;
	/** null for seeded parts: their content is that many zero bytes. */
	file: string | null;
}

interface UploadSession {
	id: string;
	/** Absolute path in the staging area (`/u{owner}/…` for a user's folder). */
	path: string;
	overwrite: boolean;
	owner: number;
	size: number;
	created: number;
	lastUploaded: number;
	expires: number;
	parts: Map<number, UploadPart>;
}

interface VaultSession {
	userId: number;
	created: number;
	lastUsed: number;
}

interface Job {
	id: number;
	status: string;
	method: string;
	createdBy: number;
	created: number;
	ends: number;
	result: 'SUCCESS' | 'ERRORS_ENCOUNTERED';
	stagingPath: string;
}

export interface RequestRecord {
	method: string;
	path: string;
	/** The query string without client_id (e.g. "?limit=1"), or "". */
	query: string;
	route: string;
	clientId: string | null;
	authorized: boolean;
	userId: number | null;
	responseStatus: string | null;
	/** Real time (ms since the epoch) the request arrived and its answer was sent. */
	startedAt: number;
	finishedAt: number | null;
}

interface Caller {
	user: SimUser;
}

interface Route {
	method: string;
	pattern: RegExp;
	name: string;
	handler: (ctx: RequestContext, params: string[]) => Promise<void>;
	public?: boolean;
}

interface RequestContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	version: string;
	apiPath: string;
	caller: Caller | null;
	record: RequestRecord;
}

class VaultFailure extends Error {
	readonly type: string;
	readonly errorType?: string;
	readonly status: 'FAILURE' | 'EXCEPTION';
	constructor(type: string, message: string, extra: { errorType?: string; status?: 'FAILURE' | 'EXCEPTION' } = {}) {
		super(message);
		this.type = type;
		this.errorType = extra.errorType;
		this.status = extra.status ?? 'FAILURE';
	}
}

export class VaultSimulator {
	readonly options: Required<Omit<SimulatorOptions, 'allowedClientIds' | 'dataDir' | 'log' | 'clock' | 'port' | 'host'>> &
		SimulatorOptions;
	private server: Server | null = null;
	private readonly sockets = new Set<Socket>();
	private dataDir = '';
	private ownsDataDir = false;
	private clockBase = 0;
	private realBase = 0;
	private clockOffset = 0;

	private users: SimUser[] = [];
	private apiTokens: Record<string, number> = {};
	private vaults: SimVault[] = [];
	private vaultSessions = new Map<string, VaultSession>();
	private uploadSessions = new Map<string, UploadSession>();
	private jobs = new Map<number, Job>();
	private nextJobId = 70001;
	private faults: Fault[] = [];
	private burstWindowStart = 0;
	private burstCount = 0;
	private authWindows = new Map<string, { start: number; count: number }>();

	/** Every request received, in order (secrets are never recorded). */
	readonly requests: RequestRecord[] = [];

	constructor(options: SimulatorOptions = {}) {
		this.options = {
			seed: true,
			sessionIdleMinutes: 30,
			burstLimit: 2000,
			burstWindowMs: 5 * 60 * 1000,
			responseDelayMs: 500,
			authBurstLimit: 30,
			minPartSize: 5 * MiB,
			maxActiveSessions: 50,
			listPageSize: 0,
			omitEmptyData: false,
			jobDurationMs: 0,
			users: defaultUsers,
			apiTokens: defaultApiTokens,
			vaults: defaultVaults,
			...options,
		};
	}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error('The simulator is not running');
		return `http://${this.options.host ?? '127.0.0.1'}:${address.port}`;
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
		const server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				this.log(`internal error: ${String(error)}`);
				if (!res.headersSent) this.sendJson(res, 500, { responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message: 'Simulator error' }] });
				else res.destroy();
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
		});
		this.server = server;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = null;
		if (server) {
			for (const socket of this.sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
	}

	/** Back to the initial state: seed data, no sessions, no faults, no recorded requests. */
	async reset(): Promise<void> {
		this.users = structuredClone(this.options.users);
		this.apiTokens = { ...this.options.apiTokens };
		this.vaults = structuredClone(this.options.vaults);
		this.vaultSessions.clear();
		this.uploadSessions.clear();
		this.jobs.clear();
		this.faults = [];
		this.requests.length = 0;
		this.authWindows.clear();
		this.burstCount = 0;
		this.clockBase = this.options.clock ? Date.parse(this.options.clock) : Date.now();
		this.realBase = Date.now();
		this.clockOffset = 0;
		this.burstWindowStart = this.now();
		await rm(join(this.dataDir, 'uploads'), { recursive: true, force: true });
		await rm(join(this.dataDir, 'staging'), { recursive: true, force: true });
		if (this.options.seed) this.loadSeed();
	}

	now(): number {
		return this.clockBase + (Date.now() - this.realBase) + this.clockOffset;
	}

	advanceClock(ms: number): void {
		this.clockOffset += ms;
	}

	/** Ends every Vault session, as an idle timeout or a security event would. */
	expireSessions(): number {
		const count = this.vaultSessions.size;
		this.vaultSessions.clear();
		return count;
	}

	injectFault(fault: Fault): void {
		this.faults.push({ times: 1, ...fault });
	}

	clearFaults(): void {
		this.faults = [];
	}

	setUser(username: string, changes: Partial<SimUser>): void {
		const user = this.users.find((candidate) => candidate.username === username);
		if (!user) throw new Error(`No simulated user ${username}`);
		Object.assign(user, changes);
	}

	/** Requests counted by route name, e.g. `auth`, `listUploadSessions`. */
	counts(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const request of this.requests) counts[request.route] = (counts[request.route] ?? 0) + 1;
		return counts;
	}

	count(route: string): number {
		return this.requests.filter((request) => request.route === route).length;
	}

	activeUploadSessionCount(): number {
		this.purgeExpiredUploadSessions();
		return this.uploadSessions.size;
	}

	/** Adds an upload session directly (for tests and demos), owned by `owner`. */
	addUploadSession(session: { path: string; size: number; owner: number; uploaded?: number; createdAgoMs?: number; lastUploadAgoMs?: number }): string {
		const id = newUploadSessionId();
		const created = this.now() - (session.createdAgoMs ?? 0);
		const uploaded = session.uploaded ?? 0;
		const parts = new Map<number, UploadPart>();
		if (uploaded > 0) parts.set(1, zeroPart(1, uploaded));
		this.uploadSessions.set(id, {
			id,
			path: session.path,
			overwrite: false,
			owner: session.owner,
			size: session.size,
			created,
			lastUploaded: this.now() - (session.lastUploadAgoMs ?? session.createdAgoMs ?? 0),
			expires: created + SESSION_LIFETIME_MS,
			parts,
		});
		return id;
	}

	/** Absolute file path, on this machine, of a file in the simulated staging area. */
	stagingFilePath(stagingPath: string): string {
		return join(this.dataDir, 'staging', ...stagingPath.split('/').filter(Boolean));
	}

	private log(line: string): void {
		this.options.log?.(line);
	}

	private loadSeed(): void {
		const shift = this.clockBase - Date.parse(DOCS_NOW);
		for (const seed of seedUploadSessions) {
			const parts = new Map<number, UploadPart>();
			let remaining = seed.uploaded;
			for (let number = 1; number <= seed.uploaded_parts; number++) {
				const size = number === seed.uploaded_parts ? remaining : Math.floor(seed.uploaded / seed.uploaded_parts);
				parts.set(number, zeroPart(number, size));
				remaining -= size;
			}
			this.uploadSessions.set(seed.id, {
				id: seed.id,
				path: seed.path,
				overwrite: seed.overwrite ?? false,
				owner: seed.owner,
				size: seed.size,
				created: Date.parse(seed.created_date) + shift,
				lastUploaded: Date.parse(seed.last_uploaded_date) + shift,
				expires: Date.parse(seed.expiration_date) + shift,
				parts,
			});
		}
	}

	// ---------------------------------------------------------------- HTTP plumbing

	private readonly routes: Route[] = [
		{ method: 'GET', pattern: /^$/, name: 'versions', handler: async (ctx) => this.listVersions(ctx), public: true },
		{ method: 'POST', pattern: /^\/auth$/, name: 'auth', handler: async (ctx) => this.authenticate(ctx), public: true },
		{ method: 'POST', pattern: /^\/keep-alive$/, name: 'keepAlive', handler: async (ctx) => this.success(ctx, {}) },
		{ method: 'DELETE', pattern: /^\/session$/, name: 'endSession', handler: async (ctx) => this.endSession(ctx) },
		{ method: 'GET', pattern: /^\/services\/file_staging\/upload$/, name: 'listUploadSessions', handler: async (ctx) => this.listUploadSessions(ctx) },
		{ method: 'POST', pattern: /^\/services\/file_staging\/upload$/, name: 'createUploadSession', handler: async (ctx) => this.createUploadSession(ctx) },
		{ method: 'GET', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'getUploadSession', handler: async (ctx, [id]) => this.getUploadSession(ctx, id) },
		{ method: 'GET', pattern: /^\/services\/file_staging\/upload\/([^/]+)\/parts$/, name: 'listParts', handler: async (ctx, [id]) => this.listParts(ctx, id) },
		{ method: 'PUT', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'uploadPart', handler: async (ctx, [id]) => this.uploadPart(ctx, id) },
		{ method: 'POST', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'commitUploadSession', handler: async (ctx, [id]) => this.commitUploadSession(ctx, id) },
		{ method: 'DELETE', pattern: /^\/services\/file_staging\/upload\/([^/]+)$/, name: 'abortUploadSession', handler: async (ctx, [id]) => this.abortUploadSession(ctx, id) },
		{ method: 'GET', pattern: /^\/services\/file_staging\/items\/content(\/.*)$/, name: 'downloadItem', handler: async (ctx, [path]) => this.downloadItem(ctx, path) },
		{ method: 'POST', pattern: /^\/services\/file_staging\/items$/, name: 'createItem', handler: async (ctx) => this.createItem(ctx) },
		{ method: 'GET', pattern: /^\/services\/jobs\/(\d+)$/, name: 'jobStatus', handler: async (ctx, [id]) => this.jobStatus(ctx, Number(id)) },
	];

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://simulator.invalid');
		if (url.pathname.startsWith('/_sim/')) return this.handleControl(req, res, url);

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
			startedAt: Date.now(),
			finishedAt: null,
		};
		this.requests.push(record);
		res.on('finish', () => {
			record.finishedAt = Date.now();
		});
		if (!match) {
			req.resume();
			return this.sendJson(res, 404, { responseStatus: 'FAILURE', errors: [{ type: 'MALFORMED_URL', message: 'The resource cannot be found.' }] });
		}

		const version = match[1] ?? '';
		const apiPath = match[2] ?? '';
		const ctx: RequestContext = { req, res, url, version, apiPath: version ? apiPath : '', caller: null, record };

		try {
			const fault = this.takeFault(record.method, ctx.apiPath);
			if (fault && (await this.applyFault(fault, ctx))) return;

			if (!version) {
				if (apiPath && apiPath !== '/') throw new VaultFailure('MALFORMED_URL', 'The API version is missing from the URL.');
				record.route = 'versions';
				return this.listVersions(ctx);
			}
			if (!SUPPORTED_VERSIONS.includes(version)) {
				throw new VaultFailure('MALFORMED_URL', `The API version ${version} is not supported by this Vault.`);
			}
			const route = this.routes.find((candidate) => candidate.method === req.method && candidate.pattern.test(apiPath));
			if (!route) {
				const pathKnown = this.routes.some((candidate) => candidate.pattern.test(apiPath));
				throw new VaultFailure(pathKnown ? 'METHOD_NOT_SUPPORTED' : 'MALFORMED_URL', pathKnown ? `${req.method} is not supported for this resource.` : 'The resource cannot be found.');
			}
			record.route = route.name;
			this.checkClientId(record.clientId);
			if (!route.public) ctx.caller = this.authorize(ctx);
			const params = (route.pattern.exec(apiPath) ?? []).slice(1).map((value) => decodeURIComponent(value));
			await route.handler(ctx, params);
		} catch (error) {
			if (!(error instanceof VaultFailure)) throw error;
			req.resume();
			await this.sendEnvelope(ctx, {
				responseStatus: error.status,
				errors: [{ type: error.type, message: error.message }],
				...(error.errorType ? { errorType: error.errorType } : {}),
			});
		}
	}

	private takeFault(method: string, apiPath: string): Fault | null {
		const index = this.faults.findIndex(
			(fault) => (!fault.method || fault.method === method) && (!fault.path || apiPath.startsWith(fault.path)),
		);
		if (index === -1) return null;
		const fault = this.faults[index];
		if ((fault.after ?? 0) > 0) {
			fault.after = (fault.after ?? 0) - 1;
			return null;
		}
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** Returns true when the fault answered the request itself. */
	private async applyFault(fault: Fault, ctx: RequestContext): Promise<boolean> {
		ctx.record.route = `fault:${fault.kind}`;
		switch (fault.kind) {
			case 'http502':
				ctx.req.resume();
				ctx.res.writeHead(502, { 'Content-Type': 'text/html' });
				ctx.res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
				return true;
			case 'badJson':
				ctx.req.resume();
				ctx.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
				ctx.res.end('{"responseStatus":"SUCCESS","data":[{"path":');
				return true;
			case 'reset':
				ctx.req.socket.destroy();
				return true;
			case 'apiLimit':
				ctx.req.resume();
				await this.sendEnvelope(ctx, { responseStatus: 'FAILURE', errors: [{ type: 'API_LIMIT_EXCEEDED', message: 'You have exceeded the maximum number of authentication API calls allowed in a one minute period.' }] });
				return true;
			case 'exception':
				ctx.req.resume();
				await this.sendEnvelope(ctx, { responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred.' }] });
				return true;
			case 'foreignNextPage':
				ctx.req.resume();
				await this.sendEnvelope(ctx, {
					responseStatus: 'SUCCESS',
					responseDetails: { next_page: `https://elsewhere.example/api/${ctx.version}${ctx.apiPath}?offset=1` },
					data: [],
				});
				return true;
			case 'redirect':
				ctx.req.resume();
				ctx.res.writeHead(fault.status ?? 302, { Location: fault.location ?? '/', 'Content-Length': 0 });
				ctx.res.end();
				return true;
			case 'echoCredentials': {
				// Some servers quote what they were sent in their error text; the node must not pass it on.
				const fields = ctx.apiPath === '/auth' ? (await this.readForm(ctx)).fields : {};
				ctx.req.resume();
				const quoted = [headerValue(ctx.req, 'authorization'), fields.username, fields.password].filter(Boolean).join(' / ');
				await this.sendEnvelope(ctx, {
					responseStatus: 'FAILURE',
					errors: [{ type: fault.errorType ?? 'INVALID_DATA', message: `Rejected request with credentials ${quoted}.` }],
				});
				return true;
			}
			case 'stall':
				// No answer at all until the client gives up (or the simulator stops).
				ctx.req.resume();
				await new Promise((resolve) => ctx.req.socket.once('close', resolve));
				return true;
			case 'stallBody':
				// The headers and the start of the body, then nothing until the client gives up.
				ctx.req.resume();
				ctx.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': 4096 });
				ctx.res.write('{"responseStatus":"SUCCESS","data":[');
				await new Promise((resolve) => ctx.req.socket.once('close', resolve));
				return true;
			case 'invalidSession':
				this.expireSessions();
				ctx.record.route = 'unknown';
				return false;
			case 'delay':
				await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
				ctx.record.route = 'unknown';
				return false;
		}
	}

	private checkClientId(clientId: string | null): void {
		if (clientId !== null && !/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
			throw new VaultFailure('INVALID_DATA', 'Invalid client ID: use up to 100 letters, digits, periods, underscores and hyphens.');
		}
		const allowed = this.options.allowedClientIds;
		if (allowed && (clientId === null || !allowed.includes(clientId))) {
			throw new VaultFailure('INSUFFICIENT_ACCESS', 'Client ID filtering is enabled and this client ID is not allowed.');
		}
	}

	private authorize(ctx: RequestContext): Caller {
		const header = headerValue(ctx.req, 'authorization');
		const credential = header?.replace(/^Bearer\s+/i, '').trim();
		if (!credential) throw new VaultFailure('INVALID_SESSION_ID', 'Invalid or expired session ID.');
		const now = this.now();
		let userId: number | undefined;
		const tokenUser = this.apiTokens[credential];
		if (tokenUser !== undefined) {
			userId = tokenUser;
		} else {
			const session = this.vaultSessions.get(credential);
			const idleMs = this.options.sessionIdleMinutes * 60 * 1000;
			if (session && (now - session.lastUsed > idleMs || now - session.created > VAULT_SESSION_MAX_MS)) {
				this.vaultSessions.delete(credential);
			} else if (session) {
				session.lastUsed = now;
				userId = session.userId;
			}
		}
		const user = this.users.find((candidate) => candidate.id === userId);
		if (!user) throw new VaultFailure('INVALID_SESSION_ID', 'Invalid or expired session ID.');
		ctx.record.authorized = true;
		ctx.record.userId = user.id;
		if (!user.active) throw new VaultFailure('INACTIVE_USER', 'User is inactive or not found.');
		if (!user.apiAccess) throw new VaultFailure('INSUFFICIENT_ACCESS', 'User does not have sufficient privileges to perform the action.');
		return { user };
	}

	private burstHeaders(ctx: RequestContext): { headers: Record<string, string>; delayMs: number } {
		const now = this.now();
		if (now - this.burstWindowStart >= this.options.burstWindowMs) {
			this.burstWindowStart = now;
			this.burstCount = 0;
		}
		this.burstCount++;
		const remaining = Math.max(0, this.options.burstLimit - this.burstCount);
		const delayMs = this.burstCount > this.options.burstLimit ? this.options.responseDelayMs : 0;
		const headers: Record<string, string> = {
			'X-VaultAPI-BurstLimit': String(this.options.burstLimit),
			'X-VaultAPI-BurstLimitRemaining': String(remaining),
			'X-VaultAPI-ExecutionId': randomUUID(),
			'X-VaultAPI-VaultId': String(SIMULATED_VAULT_ID),
		};
		if (ctx.caller) headers['X-VaultAPI-UserId'] = String(ctx.caller.user.id);
		if (delayMs > 0) headers['X-VaultAPI-ResponseDelay'] = String(delayMs);
		return { headers, delayMs };
	}

	private async sendEnvelope(ctx: RequestContext, body: Record<string, unknown>): Promise<void> {
		const { headers, delayMs } = this.burstHeaders(ctx);
		if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
		ctx.record.responseStatus = String(body.responseStatus);
		headers['X-VaultAPI-Status'] = String(body.responseStatus);
		this.sendJson(ctx.res, 200, body, headers);
	}

	private success(ctx: RequestContext, extra: Record<string, unknown>): Promise<void> {
		return this.sendEnvelope(ctx, { responseStatus: 'SUCCESS', ...extra });
	}

	private sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	private async readBody(req: IncomingMessage, limit = 60 * MiB): Promise<Buffer> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > limit) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'The request body is too large.');
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks);
	}

	private async readForm(ctx: RequestContext): Promise<ParsedForm> {
		return parseForm(headerValue(ctx.req, 'content-type') ?? undefined, await this.readBody(ctx.req));
	}

	// ---------------------------------------------------------------- auth

	private listVersions(ctx: RequestContext): Promise<void> {
		const base = `http://${headerValue(ctx.req, 'host') ?? 'localhost'}/api`;
		return this.success(ctx, { values: Object.fromEntries(SUPPORTED_VERSIONS.map((version) => [version, `${base}/${version}`])) });
	}

	private async authenticate(ctx: RequestContext): Promise<void> {
		const { fields } = await this.readForm(ctx);
		const username = fields.username ?? '';
		const password = fields.password ?? '';
		if (!username || !password) {
			throw new VaultFailure(password ? 'USERNAME_OR_PASSWORD_INCORRECT' : 'NO_PASSWORD_PROVIDED', 'Authentication failed for user: ' + username, { errorType: 'AUTHENTICATION_FAILED' });
		}
		await this.countAuthBurst(username);
		const user = this.users.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
		if (!user || user.password !== password) {
			throw new VaultFailure('USERNAME_OR_PASSWORD_INCORRECT', `Authentication failed for user: ${username}.`, { errorType: 'AUTHENTICATION_FAILED' });
		}
		if (!user.active) throw new VaultFailure('INACTIVE_USER', 'User is inactive or not found.', { errorType: 'AUTHENTICATION_FAILED' });

		const requestHost = headerValue(ctx.req, 'host') ?? '';
		const requestedHost = (fields.vaultDNS || requestHost).toLowerCase();
		const vaultIds = this.vaults
			.filter((vault) => user.vaultIds.includes(vault.id))
			.map((vault) => ({ id: vault.id, name: vault.name, url: `${vault.host ? 'https' : 'http'}://${vault.host ?? requestHost}/api` }));
		// Vault logs the user into the requested Vault when they may use it, and silently into
		// another of their Vaults when they may not.
		const requested = vaultIds.find((vault) => new URL(vault.url).host.toLowerCase() === requestedHost);
		const vaultId = (requested ?? vaultIds[0]).id;

		const sessionId = randomBytes(48).toString('hex').toUpperCase();
		const now = this.now();
		this.vaultSessions.set(sessionId, { userId: user.id, created: now, lastUsed: now });
		ctx.record.userId = user.id;
		return this.success(ctx, { sessionId, userId: user.id, vaultIds, vaultId });
	}

	private async countAuthBurst(username: string): Promise<void> {
		const now = this.now();
		const key = username.toLowerCase();
		let window = this.authWindows.get(key);
		if (!window || now - window.start >= 60_000) {
			window = { start: now, count: 0 };
			this.authWindows.set(key, window);
		}
		window.count++;
		if (window.count > this.options.authBurstLimit) {
			throw new VaultFailure('API_LIMIT_EXCEEDED', 'You have exceeded the maximum number of authentication API calls allowed in a one minute period.');
		}
		if (window.count > this.options.authBurstLimit / 2) await new Promise((resolve) => setTimeout(resolve, this.options.responseDelayMs));
	}

	private endSession(ctx: RequestContext): Promise<void> {
		const credential = headerValue(ctx.req, 'authorization')?.replace(/^Bearer\s+/i, '').trim() ?? '';
		this.vaultSessions.delete(credential);
		return this.success(ctx, {});
	}

	// ---------------------------------------------------------------- upload sessions

	private purgeExpiredUploadSessions(): void {
		const now = this.now();
		for (const [id, session] of this.uploadSessions) {
			if (session.expires <= now) this.uploadSessions.delete(id);
		}
	}

	private visibleSession(ctx: RequestContext, id: string): UploadSession {
		this.purgeExpiredUploadSessions();
		const session = this.uploadSessions.get(id);
		const user = ctx.caller!.user;
		if (!session || (!user.admin && session.owner !== user.id)) {
			throw new VaultFailure('INVALID_DATA', `Invalid upload session ID: ${id}`);
		}
		return session;
	}

	private sessionJson(session: UploadSession, viewer: SimUser): Record<string, unknown> {
		const parts = [...session.parts.values()];
		return {
			id: session.id,
			path: this.pathFor(viewer, session.path),
			name: session.path.split('/').pop(),
			overwrite: session.overwrite,
			owner: session.owner,
			size: session.size,
			uploaded: parts.reduce((sum, part) => sum + part.size, 0),
			uploaded_parts: parts.length,
			created_date: iso(session.created),
			last_uploaded_date: iso(session.lastUploaded),
			expiration_date: iso(session.expires),
		};
	}

	/** Admins see absolute staging paths; other users see paths relative to their own folder. */
	private pathFor(viewer: SimUser, absolutePath: string): string {
		const home = `/u${viewer.id}`;
		if (!viewer.admin && absolutePath.startsWith(`${home}/`)) return absolutePath.slice(home.length);
		return absolutePath;
	}

	private absolutePath(user: SimUser, path: string): string {
		return user.admin ? path : `/u${user.id}${path}`;
	}

	private listUploadSessions(ctx: RequestContext): Promise<void> {
		this.purgeExpiredUploadSessions();
		const user = ctx.caller!.user;
		const all = [...this.uploadSessions.values()]
			.filter((session) => user.admin || session.owner === user.id)
			.sort((a, b) => a.created - b.created)
			.map((session) => this.sessionJson(session, user));
		return this.sendPage(ctx, all, this.options.listPageSize);
	}

	/** Answers one page of `items`, with `responseDetails.next_page` when more remain. */
	private sendPage(ctx: RequestContext, items: unknown[], pageSize: number): Promise<void> {
		if (items.length === 0 && this.options.omitEmptyData) return this.success(ctx, {});
		if (!pageSize) return this.success(ctx, { data: items });
		const offset = Number(ctx.url.searchParams.get('offset') ?? '0');
		if (!Number.isInteger(offset) || offset < 0) throw new VaultFailure('INVALID_DATA', 'Invalid page cursor.');
		const page = items.slice(offset, offset + pageSize);
		const responseDetails: Record<string, unknown> = { total: items.length, offset, limit: pageSize };
		if (offset + pageSize < items.length) {
			const next = new URLSearchParams(ctx.url.searchParams);
			next.set('offset', String(offset + pageSize));
			next.delete('client_id');
			responseDetails.next_page = `/api/${ctx.version}${ctx.apiPath}?${next.toString()}`;
		}
		return this.success(ctx, { responseDetails, data: page });
	}

	private async createUploadSession(ctx: RequestContext): Promise<void> {
		const { fields } = await this.readForm(ctx);
		const user = ctx.caller!.user;
		if (!fields.path) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [path]');
		if (fields.size === undefined || fields.size === '') throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [size]');
		if (!fields.path.startsWith('/') || fields.path.split('/').includes('..') || fields.path.endsWith('/')) {
			throw new VaultFailure('INVALID_DATA', `Invalid value for [path]: ${fields.path}`);
		}
		const size = Number(fields.size);
		if (!Number.isSafeInteger(size) || size < 1) throw new VaultFailure('INVALID_DATA', `Invalid value for [size]: ${fields.size}`);
		if (size > MAX_FILE_SIZE) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'File size exceeds the 500 GB maximum.');
		if (this.activeUploadSessionCount() >= this.options.maxActiveSessions) {
			throw new VaultFailure('OPERATION_NOT_ALLOWED', `The Vault already has ${this.options.maxActiveSessions} active upload sessions.`);
		}
		const now = this.now();
		const session: UploadSession = {
			id: newUploadSessionId(),
			path: this.absolutePath(user, fields.path),
			overwrite: fields.overwrite === 'true',
			owner: user.id,
			size,
			created: now,
			lastUploaded: now,
			expires: now + SESSION_LIFETIME_MS,
			parts: new Map(),
		};
		this.uploadSessions.set(session.id, session);
		return this.success(ctx, { data: this.sessionJson(session, user) });
	}

	private getUploadSession(ctx: RequestContext, id: string): Promise<void> {
		const session = this.visibleSession(ctx, id);
		return this.success(ctx, { data: this.sessionJson(session, ctx.caller!.user) });
	}

	private listParts(ctx: RequestContext, id: string): Promise<void> {
		const session = this.visibleSession(ctx, id);
		const limitParam = ctx.url.searchParams.get('limit');
		const limit = limitParam === null ? 1000 : Number(limitParam);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new VaultFailure('INVALID_DATA', `Invalid value for [limit]: ${limitParam}`);
		const parts = [...session.parts.values()]
			.sort((a, b) => a.part_number - b.part_number)
			.map(({ size, part_number, part_content_md5 }) => ({ size, part_number, part_content_md5 }));
		return this.sendPage(ctx, parts, limit);
	}

	private partLimits(version: string): { maxPartSize: number; maxParts: number } {
		const [major, minor] = version.slice(1).split('.').map(Number);
		return major > 26 || (major === 26 && minor >= 2) ? { maxPartSize: 52 * MiB, maxParts: 9616 } : { maxPartSize: 50 * MiB, maxParts: 2000 };
	}

	private async uploadPart(ctx: RequestContext, id: string): Promise<void> {
		const session = this.visibleSession(ctx, id);
		if (session.owner !== ctx.caller!.user.id) throw new VaultFailure('INSUFFICIENT_ACCESS', 'Only the owner of an upload session may upload parts to it.');
		const partHeader = headerValue(ctx.req, 'x-vaultapi-filepartnumber');
		const partNumber = Number(partHeader);
		const { maxPartSize, maxParts } = this.partLimits(ctx.version);
		if (!partHeader) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required header [X-VaultAPI-FilePartNumber]');
		if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > maxParts) {
			throw new VaultFailure('INVALID_DATA', `Invalid value for [X-VaultAPI-FilePartNumber]: ${partHeader}`);
		}
		const highest = Math.max(0, ...session.parts.keys());
		if (partNumber > highest + 1) throw new VaultFailure('INVALID_DATA', `Parts must be uploaded in order: expected part ${highest + 1} or lower.`);
		const lengthHeader = headerValue(ctx.req, 'content-length');
		if (lengthHeader === null) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required header [Content-Length]');
		const length = Number(lengthHeader);
		if (length > maxPartSize) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', `A part may hold at most ${maxPartSize} bytes.`);
		const uploadedElsewhere = [...session.parts.values()].filter((part) => part.part_number !== partNumber).reduce((sum, part) => sum + part.size, 0);
		if (uploadedElsewhere + length > session.size) {
			throw new VaultFailure('OPERATION_NOT_ALLOWED', `Uploading this part would exceed the session size of ${session.size} bytes.`);
		}
		const isLast = uploadedElsewhere + length === session.size;
		if (length < this.options.minPartSize && !isLast) {
			throw new VaultFailure('INVALID_DATA', `Every part but the last must be at least ${this.options.minPartSize} bytes.`);
		}

		// The part (at most 52 MB) is held in memory and written with one call once checked. Writing
		// each 64 KiB chunk as it arrived cost a thread-pool hand-off per chunk and paused the socket
		// between them: the simulator, not the client, was then the limit of the upload benchmark.
		const hash = createHash('md5');
		const chunks: Buffer[] = [];
		let received = 0;
		for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
			hash.update(chunk);
			received += chunk.length;
			chunks.push(chunk);
		}
		const md5 = hash.digest('hex');
		if (received !== length) throw new VaultFailure('INVALID_DATA', `Received ${received} bytes but Content-Length said ${length}.`);
		const expectedMd5 = headerValue(ctx.req, 'content-md5');
		if (expectedMd5 && expectedMd5.toLowerCase() !== md5 && expectedMd5 !== Buffer.from(md5, 'hex').toString('base64')) {
			throw new VaultFailure('INVALID_DATA', 'The part content does not match its Content-MD5.');
		}
		const directory = join(this.dataDir, 'uploads', safeName(session.id));
		await mkdir(directory, { recursive: true });
		const file = join(directory, `${partNumber}.${randomUUID()}.part`);
		const handle = await open(file, 'w');
		try {
			await handle.writev(chunks);
		} finally {
			await handle.close();
		}
		const previous = session.parts.get(partNumber);
		if (previous?.file) await rm(previous.file, { force: true });
		session.parts.set(partNumber, { part_number: partNumber, size: received, part_content_md5: md5, file });
		session.lastUploaded = this.now();
		return this.success(ctx, { data: { size: received, part_number: partNumber, part_content_md5: md5 } });
	}

	private async commitUploadSession(ctx: RequestContext, id: string): Promise<void> {
		const session = this.visibleSession(ctx, id);
		const user = ctx.caller!.user;
		if (session.owner !== user.id) throw new VaultFailure('INSUFFICIENT_ACCESS', 'Only the owner of an upload session may commit it.');
		const parts = [...session.parts.values()].sort((a, b) => a.part_number - b.part_number);
		const uploaded = parts.reduce((sum, part) => sum + part.size, 0);
		if (uploaded !== session.size) {
			throw new VaultFailure('OPERATION_NOT_ALLOWED', `Upload session is incomplete: ${uploaded} of ${session.size} bytes uploaded.`);
		}
		const body = parts.slice(0, -1);
		if (body.some((part) => part.size !== parts[0].size || part.size < this.options.minPartSize)) {
			throw new VaultFailure('INVALID_DATA', `Every part but the last must have the same size of at least ${this.options.minPartSize} bytes.`);
		}
		this.uploadSessions.delete(id);
		const target = this.stagingFilePath(session.path);
		const exists = await stat(target).then(() => true, () => false);
		const job: Job = {
			id: this.nextJobId++,
			status: 'RUNNING',
			method: 'POST',
			createdBy: user.id,
			created: this.now(),
			ends: this.now() + this.options.jobDurationMs,
			result: exists && !session.overwrite ? 'ERRORS_ENCOUNTERED' : 'SUCCESS',
			stagingPath: session.path,
		};
		this.jobs.set(job.id, job);
		if (job.result === 'SUCCESS') {
			await mkdir(dirname(target), { recursive: true });
			const temporary = `${target}.${randomUUID()}.assembling`;
			const out = createWriteStream(temporary);
			for (const part of parts) {
				if (part.file) await pipeline(createReadStream(part.file), out, { end: false });
				else await new Promise<void>((resolve, reject) => out.write(Buffer.alloc(part.size), (error) => (error ? reject(error) : resolve())));
			}
			await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
			await rename(temporary, target);
		}
		await rm(join(this.dataDir, 'uploads', safeName(session.id)), { recursive: true, force: true });
		return this.success(ctx, { data: { job_id: job.id, url: `/api/${ctx.version}/services/jobs/${job.id}` } });
	}

	private async abortUploadSession(ctx: RequestContext, id: string): Promise<void> {
		const session = this.visibleSession(ctx, id);
		this.uploadSessions.delete(session.id);
		await rm(join(this.dataDir, 'uploads', safeName(session.id)), { recursive: true, force: true });
		return this.success(ctx, {});
	}

	private jobStatus(ctx: RequestContext, id: number): Promise<void> {
		const job = this.jobs.get(id);
		if (!job) throw new VaultFailure('INVALID_DATA', `Invalid job ID: ${id}`);
		const ended = this.now() >= job.ends;
		return this.success(ctx, {
			data: {
				id: job.id,
				status: ended ? job.result : 'RUNNING',
				method: job.method,
				links: [{ rel: 'self', href: `/api/${ctx.version}/services/jobs/${job.id}`, method: 'GET', accept: 'application/json' }],
				created_by: job.createdBy,
				created_date: iso(job.created),
				run_start_date: iso(job.created),
				...(ended ? { run_end_date: iso(job.ends) } : {}),
			},
		});
	}

	/** "Create Folder or File": a file of up to 50 MB in one multipart request. */
	private async createItem(ctx: RequestContext): Promise<void> {
		const { fields, files } = await this.readForm(ctx);
		const user = ctx.caller!.user;
		if (!fields.kind) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [kind]');
		if (!fields.path) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [path]');
		if (!fields.path.startsWith('/') || fields.path.split('/').includes('..')) throw new VaultFailure('INVALID_DATA', `Invalid value for [path]: ${fields.path}`);
		const target = this.stagingFilePath(this.absolutePath(user, fields.path));
		if (fields.kind === 'folder') {
			await mkdir(target, { recursive: true });
			return this.success(ctx, { data: { kind: 'folder', path: fields.path, name: fields.path.split('/').pop() } });
		}
		const file = files.file;
		if (fields.kind !== 'file' || !file) throw new VaultFailure('PARAMETER_REQUIRED', 'Missing required parameter [file]');
		if (file.data.length > 50 * MiB) throw new VaultFailure('EXCEEDS_FILE_MAX_SIZE', 'A file created this way may hold at most 50 MB; use an upload session.');
		const md5 = createHash('md5').update(file.data).digest('hex');
		const expectedMd5 = headerValue(ctx.req, 'content-md5');
		if (expectedMd5 && expectedMd5.toLowerCase() !== md5 && expectedMd5 !== Buffer.from(md5, 'hex').toString('base64')) {
			throw new VaultFailure('INVALID_DATA', 'The file content does not match its Content-MD5.');
		}
		if (fields.overwrite !== 'true' && (await stat(target).then(() => true, () => false))) {
			throw new VaultFailure('ITEM_NAME_EXISTS', `An item already exists at ${fields.path}.`);
		}
		await mkdir(dirname(target), { recursive: true });
		await writeFile(target, file.data);
		return this.success(ctx, {
			data: { kind: 'file', path: fields.path, name: fields.path.split('/').pop(), size: file.data.length, file_content_md5: md5 },
		});
	}

	private async downloadItem(ctx: RequestContext, path: string): Promise<void> {
		const user = ctx.caller!.user;
		const file = this.stagingFilePath(this.absolutePath(user, decodeURIComponent(path)));
		const info = await stat(file).catch(() => null);
		if (!info?.isFile()) throw new VaultFailure('INVALID_DATA', `No file at ${path}`);
		const { headers } = this.burstHeaders(ctx);
		ctx.res.writeHead(200, {
			...headers,
			'Content-Type': 'application/octet-stream',
			'Content-Length': info.size,
			'Content-Disposition': `attachment;filename="${path.split('/').pop()}"`,
		});
		await pipeline(createReadStream(file), ctx.res);
	}

	// ---------------------------------------------------------------- control API (not Vault's)

	private async handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const body = req.method === 'POST' ? await this.readBody(req) : Buffer.alloc(0);
		const input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
		const ok = (data: unknown = { ok: true }) => this.sendJson(res, 200, data);
		switch (`${req.method} ${url.pathname}`) {
			case 'GET /_sim/stats':
				return ok({ counts: this.counts(), requests: this.requests, activeUploadSessions: this.activeUploadSessionCount(), vaultSessions: this.vaultSessions.size });
			case 'POST /_sim/reset':
				await this.reset();
				return ok();
			case 'POST /_sim/expire-sessions':
				return ok({ expired: this.expireSessions() });
			case 'POST /_sim/faults':
				this.injectFault(input as unknown as Fault);
				return ok();
			case 'POST /_sim/clock':
				this.advanceClock(Number(input.advanceMs ?? 0));
				return ok({ now: iso(this.now()) });
			case 'POST /_sim/upload-sessions':
				return ok({ id: this.addUploadSession(input as unknown as Parameters<VaultSimulator['addUploadSession']>[0]) });
			default:
				return this.sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}` });
		}
	}
}

function queryWithout(url: URL, name: string): string {
	const params = new URLSearchParams(url.searchParams);
	params.delete(name);
	const query = params.toString();
	return query ? `?${query}` : '';
}

function headerValue(req: IncomingMessage, name: string): string | null {
	const value = req.headers[name];
	if (Array.isArray(value)) return value[0] ?? null;
	return value ?? null;
}

function iso(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function newUploadSessionId(): string {
	return `${randomBytes(54).toString('base64url').replace(/-/g, '.')}--`;
}

function safeName(id: string): string {
	return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

const ZERO_MD5 = new Map<number, string>();

function zeroPart(partNumber: number, size: number): UploadPart {
	let md5 = ZERO_MD5.get(size);
	if (!md5) {
		md5 = createHash('md5').update(Buffer.alloc(size)).digest('hex');
		ZERO_MD5.set(size, md5);
	}
	return { part_number: partNumber, size, part_content_md5: md5, file: null };
}
