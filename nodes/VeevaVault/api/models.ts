// What Vault answers, as the package reads it. Vault's field names are kept as they are: items
// pass them on to users unchanged. Types (not interfaces), so that a record is an n8n item's json
// as it is.

/** An active resumable upload session. Admins see absolute paths (/u{owner}/…), others paths in
 * their own folder. */
export type UploadSession = {
	id: string;
	path: string;
	/** Get and Create Upload Session; Vault's List Upload Sessions documents neither. */
	name?: string;
	overwrite?: boolean;
	owner: number;
	size: number;
	uploaded: number;
	uploaded_parts: number;
	created_date: string;
	last_uploaded_date?: string;
	expiration_date: string;
};

export type UploadPart = {
	part_number: number;
	size: number;
	part_content_md5: string;
};

/** A file or folder of the File Staging area. */
export type StagingItem = {
	kind: 'file' | 'folder';
	path: string;
	name: string;
	size?: number;
	modified_date?: string;
	file_content_md5?: string;
};

/** What a call that Vault runs as a job answers at once. */
export type JobStarted = {
	job_id: number;
	url?: string;
};

export type Job = {
	id: number;
	status: string;
	method?: string;
	links?: Array<Record<string, unknown>>;
	created_by?: number;
	created_date?: string;
	run_start_date?: string;
	run_end_date?: string;
};

/** Vault's `data` of an answer that holds one record; {} when it holds none (an abort, say). */
export function recordOf<T extends object>(data: unknown): T {
	return (data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {}) as T;
}

/** A record as Vault answers it: a VQL result row, a document, an object record. Its fields are
 * whatever the query or endpoint selects. */
export type VaultRecord = { [field: string]: unknown };
