// The simulated Vault's records as types, and its clock: a leaf module that every other module of
// the simulator may import (state.ts holds the records themselves).
import type { SimOAuthClient, SimOAuthProfile, SimUser, SimVault } from './seed.ts';

export const MiB = 1024 * 1024;
export const HOUR = 3600 * 1000;
export const SESSION_LIFETIME_MS = 72 * HOUR;

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
	/** When set, List Items answers pages of at most this many items whatever the limit asked. */
	itemsPageSize?: number;
	/** Answer an empty list without a `data` field (the docs do not say which Vault does). */
	omitEmptyData?: boolean;
	/** Milliseconds a commit job stays RUNNING before it ends. */
	jobDurationMs?: number;
	/** The largest source file Create Single Document and Create Document Version take (Vault: 4 GB). */
	documentFileMaxBytes?: number;
	/** File Staging requests answered at once; one more is refused with API_LIMIT_EXCEEDED (see README). */
	maxConcurrentStagingRequests?: number;
	/** When set, Client ID filtering is on and only these IDs are accepted. */
	allowedClientIds?: string[];
	dataDir?: string;
	users?: SimUser[];
	apiTokens?: Record<string, number>;
	vaults?: SimVault[];
	/** Also start the identity provider stand-in and Vault's OAuth sign-in host, each on its own
	 * port (their URLs: idpUrl, loginUrl). */
	oauth?: boolean;
	/** Ports of those two listeners (default 0: any free port). */
	idpPort?: number;
	loginPort?: number;
	oauthClients?: SimOAuthClient[];
	oauthProfiles?: SimOAuthProfile[];
	/** Lifetime of the identity provider's access tokens (expires_in), on the simulated clock. */
	idpTokenLifetimeSeconds?: number;
	log?: (line: string) => void;
}

/** An access token the identity provider issued. */
export interface IdpToken {
	clientId: string;
	issuer: string;
	audience: string;
	scope: string;
	expires: number;
}

export interface UploadPart {
	part_number: number;
	size: number;
	part_content_md5: string;
	/** null for seeded parts: their content is that many zero bytes. */
	file: string | null;
}

export interface UploadSession {
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

export interface VaultSession {
	userId: number;
	created: number;
	lastUsed: number;
}

export interface Job {
	id: number;
	status: string;
	method: string;
	createdBy: number;
	created: number;
	ends: number;
	result: 'SUCCESS' | 'ERRORS_ENCOUNTERED';
	stagingPath: string;
	/** What the job does, run once when it ends (a move, a delete); its outcome becomes the result. */
	effect?: () => Promise<'SUCCESS' | 'ERRORS_ENCOUNTERED'>;
	/** A Vault Loader job's tasks by task id, their logs or results filled in when the job ends. */
	loader?: LoaderJob;
}

export interface LoaderJob {
	kind: 'load' | 'extract';
	tasks: Map<string, LoaderTaskOutput>;
	/** The tasks' parameters as the request sent them, in order. */
	inputs: Array<Record<string, unknown>>;
}

/** The CSV text a Loader task answers: a load's two logs, an extract's results and renditions. */
export interface LoaderTaskOutput {
	successlog?: string;
	failurelog?: string;
	results?: string;
	renditions?: string;
}

/** A file kept by the simulated Vault (a document's source, a rendition, an attachment). */
export interface StoredFile {
	/** The file's name, as it was on staging. */
	name: string;
	/** Where its bytes are on this machine. */
	path: string;
}

export interface DocumentFiles {
	source?: StoredFile;
	/** By rendition type. */
	renditions: Map<string, StoredFile>;
	attachments: StoredFile[];
}

/** A document version other than the latest: its fields and files as they were. */
export interface DocumentVersion {
	fields: SimRecord;
	files: DocumentFiles;
}

/** A List Items page cursor: the listing it pages through, and when it was made. */
export interface ListCursor {
	items: Record<string, unknown>[];
	offset: number;
	limit: number;
	created: number;
	userId: number;
}

/** A document or other record VQL can select: field name → value. */
export type SimRecord = Record<string, string | number | boolean | null>;

/** The records of one query, paged through by its next_page links. */
export interface QueryCursor {
	id?: string;
	records: SimRecord[];
	pageSize: number;
	created: number;
	userId: number;
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
	/** The Content-MD5 header the client sent, or null. */
	contentMd5: string | null;
	/** The X-VaultAPI-MigrationMode and X-VaultAPI-NoTriggers headers, when sent. */
	migrationMode?: string;
	noTriggers?: string;
	/** On the identity provider: how the client authenticated ('basic' or 'body'). On Vault's OAuth
	 * sign-in: the `client_id` form field. Never a secret. */
	oauth?: string;
	/** Real time (ms since the epoch) the request arrived and its answer was sent. */
	startedAt: number;
	finishedAt: number | null;
}

/** A fault a test or demo asks for (faults.ts makes it happen): what a network, a proxy or a
 * misbehaving server would do. */
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
	| 'stallBody'
	| 'cutBody'
	| 'advanceClock'
	| 'editLoaderLog'
	| 'hold';

export interface Fault {
	kind: FaultKind;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	/** Only requests whose path (after /api/{version}; on the OAuth hosts, the whole path) starts with this. */
	path?: string;
	/** Which listener: the Vault (default), the identity provider ('idp') or Vault's OAuth sign-in host ('login'). */
	host?: 'vault' | 'idp' | 'login';
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
	/** For `cutBody`: how many bytes of the file are sent before the connection drops (default 1024). */
	bytes?: number;
	/** For `editLoaderLog`: leave out the log's last rows, or add this to each rowId (a log that
	 * misnumbers its rows). */
	dropRows?: number;
	shiftRowIds?: number;
}

/** The simulated clock: from a start (an ISO date, or now) it runs in real time, and tests move it on. */
export class SimClock {
	private base = 0;
	private realBase = 0;
	private offset = 0;

	/** Starts the clock again at `start` (default: now). */
	reset(start?: string): void {
		this.base = start ? Date.parse(start) : Date.now();
		this.realBase = Date.now();
		this.offset = 0;
	}

	now(): number {
		return this.base + (Date.now() - this.realBase) + this.offset;
	}

	/** A moment of real time (e.g. a file's mtime) on the simulated clock. */
	simulatedTime(realMs: number): number {
		return this.base + (realMs - this.realBase) + this.offset;
	}

	advance(ms: number): void {
		this.offset += ms;
	}

	/** Where the clock started, for moving seed dates that were written for another start. */
	get start(): number {
		return this.base;
	}
}
