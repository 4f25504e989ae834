// What Vault answers, as the package reads it. Vault's field names are kept as they are: items
// pass them on to users unchanged.
import type { IDataObject } from 'n8n-workflow';

/** An active resumable upload session. Admins see absolute paths (/u{owner}/…), others paths in
 * their own folder. */
export interface UploadSession extends IDataObject {
	id: string;
	path: string;
	name?: string;
	overwrite?: boolean;
	owner: number;
	size: number;
	uploaded: number;
	uploaded_parts: number;
	created_date: string;
	last_uploaded_date?: string;
	expiration_date: string;
}

export interface UploadPart extends IDataObject {
	part_number: number;
	size: number;
	part_content_md5: string;
}

/** A file or folder of the File Staging area. */
export interface StagingItem extends IDataObject {
	kind: 'file' | 'folder';
	path: string;
	name: string;
	size?: number;
	modified_date?: string;
	file_content_md5?: string;
}

/** What a call that Vault runs as a job answers at once. */
export interface JobStarted extends IDataObject {
	job_id: number;
	url?: string;
}

export interface Job extends IDataObject {
	id: number;
	status: string;
	method?: string;
	links?: IDataObject[];
	created_by?: number;
	created_date?: string;
	run_start_date?: string;
	run_end_date?: string;
}
