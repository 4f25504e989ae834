// The simulated Vault's state: users, tokens, Vault sessions, upload sessions, jobs, documents and
// records, faults to come and the requests received (their types and the clock: model.ts; the
// files on disk: files.ts). Every API area's module reads and changes it.
import { createHash, randomBytes } from 'node:crypto';

import { SimFiles } from './files.ts';
import { lifecycleOf } from './lifecycleModel.ts';
import { findObject } from './metadata.ts';
import { MiB, SESSION_LIFETIME_MS, SimClock } from './model.ts';
import type { Fault, IdpToken, Job, ListCursor, QueryCursor, RequestRecord, SimRecord, SimulatorOptions, UploadPart, UploadSession, VaultSession } from './model.ts';
import { DOCS_NOW, defaultApiTokens, defaultOAuthClients, defaultOAuthProfiles, defaultUsers, defaultVaults, seedDocuments, seedUploadSessions } from './seed.ts';
import type { SimOAuthClient, SimOAuthProfile, SimUser, SimVault } from './seed.ts';
import { SparkSigner } from './sparkSigner.ts';

// query.ts and the document modules read these types here; the rest of the simulator, in model.ts.

export class SimState extends SimFiles {
	readonly options: Required<Omit<SimulatorOptions, 'allowedClientIds' | 'dataDir' | 'log' | 'clock' | 'port' | 'host' | 'idpPort' | 'loginPort'>> &
		SimulatorOptions;
	users: SimUser[] = [];
	apiTokens: Record<string, number> = {};
	vaults: SimVault[] = [];
	oauthClients: SimOAuthClient[] = [];
	oauthProfiles: SimOAuthProfile[] = [];
	/** Access tokens the identity provider issued, and clients it refuses (disabled by IT). */
	idpTokens = new Map<string, IdpToken>();
	refusedClients = new Set<string>();
	vaultSessions = new Map<string, VaultSession>();
	uploadSessions = new Map<string, UploadSession>();
	jobs = new Map<number, Job>();
	nextJobId = 70001;
	faults: Fault[] = [];
	burstWindowStart = 0;
	burstCount = 0;
	authWindows = new Map<string, { start: number; count: number }>();
	listCursors = new Map<string, ListCursor>();
	documents: SimRecord[] = [];
	nextDocumentId = 101;
	/** Object records by object name, each list in creation order. */
	records = new Map<string, SimRecord[]>();
	nextRecordNumber = 101;
	queryCursors = new Map<string, QueryCursor>();
	/** The signing certificates of Spark messages (the current one signs). */
	readonly spark = new SparkSigner(() => this.now());
	/** File Staging requests being answered now, and the most there were at once since the reset. */
	stagingInFlight = 0;
	peakStagingInFlight = 0;
	/** What lets each request a `hold` fault keeps waiting go on, and who waits for some to be held. */
	private held: Array<() => void> = [];
	private heldWatchers: Array<{ count: number; notify: () => void }> = [];
	private readonly clock = new SimClock();

	/** Every request received, in order (secrets are never recorded). */
	readonly requests: RequestRecord[] = [];

	constructor(options: SimulatorOptions = {}) {
		super();
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
			itemsPageSize: 0,
			omitEmptyData: false,
			jobDurationMs: 0,
			maxConcurrentStagingRequests: 10,
			documentFileMaxBytes: 4 * 1024 ** 3,
			users: defaultUsers,
			apiTokens: defaultApiTokens,
			vaults: defaultVaults,
			oauth: false,
			oauthClients: defaultOAuthClients,
			oauthProfiles: defaultOAuthProfiles,
			idpTokenLifetimeSeconds: 3600,
			...options,
		};
	}

	/** Back to the initial state: seed data, no sessions, no faults, no recorded requests. */
	async reset(): Promise<void> {
		this.users = structuredClone(this.options.users);
		this.apiTokens = { ...this.options.apiTokens };
		this.vaults = structuredClone(this.options.vaults);
		this.oauthClients = structuredClone(this.options.oauthClients);
		this.oauthProfiles = structuredClone(this.options.oauthProfiles);
		this.idpTokens.clear();
		this.refusedClients.clear();
		this.vaultSessions.clear();
		this.uploadSessions.clear();
		this.jobs.clear();
		this.listCursors.clear();
		this.documents = [];
		this.nextDocumentId = 101;
		this.records.clear();
		this.nextRecordNumber = 101;
		this.queryCursors.clear();
		this.spark.reset();
		this.faults = [];
		this.releaseHeld();
		this.requests.length = 0;
		this.authWindows.clear();
		this.burstCount = 0;
		this.peakStagingInFlight = this.stagingInFlight;
		this.clock.reset(this.options.clock);
		this.burstWindowStart = this.now();
		await this.resetFiles();
		if (this.options.seed) this.loadSeed();
	}

	now(): number {
		return this.clock.now();
	}

	/** A moment of real time (e.g. a file's mtime) on the simulated clock. */
	simulatedTime(realMs: number): number {
		return this.clock.simulatedTime(realMs);
	}

	advanceClock(ms: number): void {
		this.clock.advance(ms);
	}

	injectFault(fault: Fault): void {
		this.faults.push({ times: 1, ...fault });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Keeps a request waiting until releaseHeld(). */
	async hold(): Promise<void> {
		await new Promise<void>((release) => {
			this.held.push(release);
			const due = this.heldWatchers.filter((watcher) => this.held.length >= watcher.count);
			this.heldWatchers = this.heldWatchers.filter((watcher) => !due.includes(watcher));
			for (const watcher of due) watcher.notify();
		});
	}

	/** How many requests a `hold` fault keeps waiting now. */
	get heldCount(): number {
		return this.held.length;
	}

	/** Resolves once `count` requests are held at once (at once if they already are). */
	async whenHeld(count: number): Promise<void> {
		if (this.held.length >= count) return;
		await new Promise<void>((notify) => this.heldWatchers.push({ count, notify }));
	}

	/** Lets every held request go on, to be answered as usual; returns how many there were. */
	releaseHeld(): number {
		const released = this.held;
		this.held = [];
		for (const release of released) release();
		return released.length;
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

	/** The parameters of every Loader task received, in order (load and extract). */
	loaderTasks(): Array<Record<string, unknown>> {
		return [...this.jobs.values()].flatMap((job) => job.loader?.inputs ?? []);
	}

	count(route: string): number {
		return this.requests.filter((request) => request.route === route).length;
	}

	purgeExpiredUploadSessions(): void {
		const now = this.now();
		for (const [id, session] of this.uploadSessions) {
			if (session.expires <= now) this.uploadSessions.delete(id);
		}
	}

	/** Ends every Vault session, as an idle timeout or a security event would. */
	expireSessions(): number {
		const count = this.vaultSessions.size;
		this.vaultSessions.clear();
		return count;
	}
	/** Ends every access token the identity provider issued, as their expiry would; the clients
	 * still get new ones. */
	expireIdpTokens(): number {
		const count = this.idpTokens.size;
		for (const token of this.idpTokens.values()) token.expires = Math.min(token.expires, this.now() - 1);
		return count;
	}

	/** The identity provider refuses this client (IT disabled it or revoked its secret) and its
	 * tokens stop working; `false` takes it back. */
	refuseClient(clientId: string, refused = true): void {
		if (!refused) {
			this.refusedClients.delete(clientId);
			return;
		}
		this.refusedClients.add(clientId);
		for (const [token, issued] of this.idpTokens) if (issued.clientId === clientId) this.idpTokens.delete(token);
	}

	activeUploadSessionCount(): number {
		this.purgeExpiredUploadSessions();
		return this.uploadSessions.size;
	}
	/** Adds an upload session directly (for tests and demos), owned by `owner`. */
	addUploadSession(session: { path: string; size: number; owner: number; uploaded?: number; createdAgoMs?: number; lastUploadAgoMs?: number; overwrite?: boolean }): string {
		const id = newUploadSessionId();
		const created = this.now() - (session.createdAgoMs ?? 0);
		const uploaded = session.uploaded ?? 0;
		const parts = new Map<number, UploadPart>();
		if (uploaded > 0) parts.set(1, zeroPart(1, uploaded));
		this.uploadSessions.set(id, {
			id,
			path: session.path,
			overwrite: session.overwrite ?? false,
			owner: session.owner,
			size: session.size,
			created,
			lastUploaded: this.now() - (session.lastUploadAgoMs ?? session.createdAgoMs ?? 0),
			expires: created + SESSION_LIFETIME_MS,
			parts,
		});
		return id;
	}

	/** Adds a document that VQL can select, created `createdAgoMs` before now on the simulated
	 * clock; the fields not given get plausible values. */
	addDocument(fields: SimRecord & { createdAgoMs?: number } = {}): SimRecord {
		const { createdAgoMs = 0, ...given } = fields;
		const id = this.nextDocumentId++;
		const created = new Date(Math.floor((this.now() - Number(createdAgoMs)) / 1000) * 1000).toISOString();
		const document: SimRecord = {
			id,
			name__v: `Document ${id}`,
			title__v: '',
			document_number__v: `VV-${String(id).padStart(6, '0')}`,
			type__v: 'General',
			status__v: 'Draft',
			major_version_number__v: 0,
			minor_version_number__v: 1,
			document_creation_date__v: created,
			version_modified_date__v: created,
			created_by__v: defaultUsers[0].id,
			...given,
		};
		this.documents.push(document);
		return document;
	}

	/** The records of an object of the model (metadata.ts), in creation order. */
	recordsOf(object: string): SimRecord[] {
		if (!findObject(object)) throw new Error(`No simulated object ${object}`);
		let records = this.records.get(object);
		if (!records) {
			records = [];
			this.records.set(object, records);
		}
		return records;
	}

	/** Adds a record of an object as given (no checks), with a new id like Vault's (the object's
	 * prefix and 12 digits) and, where the object has them, its created and modified dates and its
	 * lifecycle's starting state. */
	addRecord(object: string, fields: SimRecord = {}): SimRecord {
		const model = findObject(object);
		if (!model) throw new Error(`No simulated object ${object}`);
		const now = new Date(Math.floor(this.now() / 1000) * 1000).toISOString();
		const record: SimRecord = { id: `${model.prefix}${String(this.nextRecordNumber++).padStart(12, '0')}` };
		for (const field of model.fields) {
			if (field.name === 'created_date__v' || field.name === 'modified_date__v') record[field.name] = now;
		}
		const lifecycle = lifecycleOf(object);
		if (lifecycle) Object.assign(record, { lifecycle__v: lifecycle.name, state__v: lifecycle.initial });
		Object.assign(record, fields);
		this.recordsOf(object).push(record);
		return record;
	}

	loadSeed(): void {
		for (const document of seedDocuments) this.addDocument(document);
		const shift = this.clock.start - Date.parse(DOCS_NOW);
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


	log(line: string): void {
		this.options.log?.(line);
	}
}

export function newUploadSessionId(): string {
	return `${randomBytes(54).toString('base64url').replace(/-/g, '.')}--`;
}

const ZERO_MD5 = new Map<number, string>();

/** A part whose content is that many zero bytes (seeded sessions hold no real data). */
export function zeroPart(partNumber: number, size: number): UploadPart {
	let md5 = ZERO_MD5.get(size);
	if (!md5) {
		md5 = createHash('md5').update(Buffer.alloc(size)).digest('hex');
		ZERO_MD5.set(size, md5);
	}
	return { part_number: partNumber, size, part_content_md5: md5, file: null };
}
