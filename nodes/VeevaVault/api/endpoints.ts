// Every Vault endpoint the package calls, below /api/{version}. A value that goes into a path
// segment passes through urlSegment(), which refuses ".", ".." and control characters and encodes it.
import { validIdSegment } from '../rules/stagingRules';
import { SIGN_IN_PATHS } from '../transport/signInPaths';

function urlSegment(value: unknown, label: string): string {
	return encodeURIComponent(validIdSegment(value, label));
}

/** A staging path (/inbox/report.pdf) as URL path segments, each checked and encoded; "/" stays "/". */
export function stagingPathInUrl(path: string): string {
	const segments = path.split('/').filter((segment, index) => index > 0 && segment !== '');
	return `/${segments.map((segment) => urlSegment(segment, 'staging path segment')).join('/')}`;
}

export const ENDPOINTS = {
	/** POST: log in with username and password. */
	auth: SIGN_IN_PATHS.auth,
	/** POST: keep a session alive (SUCCESS while Vault still accepts it). */
	keepAlive: SIGN_IN_PATHS.keepAlive,
	/** GET: list upload sessions; POST: create one. */
	uploadSessions: '/services/file_staging/upload',
	/** GET: one session; PUT: upload a part; POST: commit; DELETE: abort. */
	uploadSession: (sessionId: string) => `/services/file_staging/upload/${urlSegment(sessionId, 'Upload Session ID')}`,
	/** GET: the parts uploaded so far. */
	uploadSessionParts: (sessionId: string) => `/services/file_staging/upload/${urlSegment(sessionId, 'Upload Session ID')}/parts`,
	/** POST: create a folder, or a file of up to 50 MB. */
	items: '/services/file_staging/items',
	/** GET: list a folder; PUT: move or rename; DELETE: delete. */
	item: (path: string) => `/services/file_staging/items${stagingPathInUrl(path)}`,
	/** GET: a file's content. */
	itemContent: (path: string) => `/services/file_staging/items/content${stagingPathInUrl(path)}`,
	/** POST: run a VQL query (form field q). Its next pages are the next_page links Vault answers with. */
	query: '/query',
	/** GET: a job's status. */
	job: (jobId: string | number) => `/services/jobs/${urlSegment(jobId, 'job ID')}`,
	/** POST: start a Vault Loader job of up to 10 load tasks (JSON array). */
	loaderLoad: '/services/loader/load',
	/** POST: start a Vault Loader job of up to 10 extract tasks (JSON array). */
	loaderExtract: '/services/loader/extract',
	/** GET: a load task's success log, failure log, or an extract task's rows (CSV). */
	loaderTaskFile: (jobId: string | number, taskId: string | number, file: 'successlog' | 'failurelog' | 'results' | 'results/renditions') =>
		`/services/loader/${urlSegment(jobId, 'job ID')}/tasks/${urlSegment(taskId, 'task ID')}/${file}`,
	/** GET: the Vault's objects. */
	objects: '/metadata/vobjects',
	/** GET: an object's fields. */
	object: (name: string) => `/metadata/vobjects/${urlSegment(name, 'object name')}`,
	/** POST: create (or, with idParam, upsert) up to 500 records; PUT: update them; DELETE: delete them. */
	objectRecords: (object: string) => `/vobjects/${urlSegment(object, 'object name')}`,
	/** GET: one record of an object. */
	objectRecord: (object: string, id: string) => `/vobjects/${urlSegment(object, 'object name')}/${urlSegment(id, 'record ID')}`,
	/** GET: the user actions a record's lifecycle state allows now. */
	objectRecordActions: (object: string, id: string) => `/vobjects/${urlSegment(object, 'object name')}/${urlSegment(id, 'record ID')}/actions`,
	/** POST: run a user action on one record. */
	objectRecordAction: (object: string, id: string, action: string) =>
		`/vobjects/${urlSegment(object, 'object name')}/${urlSegment(id, 'record ID')}/actions/${urlSegment(action, 'action name')}`,
	/** POST: run a user action on up to 500 records (form field ids). */
	objectRecordsAction: (object: string, action: string) => `/vobjects/${urlSegment(object, 'object name')}/actions/${urlSegment(action, 'action name')}`,
	/** GET: the certificate (PEM) whose key signs Spark messages, by the ID a message names. */
	signingCertificate: (certificateId: string) => `/services/certificate/${urlSegment(certificateId, 'certificate ID')}`,
	/** GET: the fields (properties) of documents. */
	documentProperties: '/metadata/objects/documents/properties',
	/** GET: the document types; one type (its properties, lifecycles, subtypes); one subtype (its classifications). */
	documentTypes: '/metadata/objects/documents/types',
	documentType: (type: string) => `/metadata/objects/documents/types/${urlSegment(type, 'document type')}`,
	documentSubtype: (type: string, subtype: string) => `/metadata/objects/documents/types/${urlSegment(type, 'document type')}/subtypes/${urlSegment(subtype, 'document subtype')}`,
	/** POST: create one document (multipart: fields and its source file). */
	documents: '/objects/documents',
	/** POST: create up to 500 documents from a CSV whose file column names staged files. */
	documentsBatch: '/objects/documents/batch',
	/** GET: the latest version's fields; PUT: update them; DELETE: delete the document; POST: a new draft. */
	document: (id: string) => `/objects/documents/${urlSegment(id, 'Document ID')}`,
	/** GET: a version's fields; with `/file`, `/renditions/{type}` or `/lifecycle_actions` appended by the helpers below. */
	documentVersion: (id: string, version?: DocumentVersion) =>
		`/objects/documents/${urlSegment(id, 'Document ID')}${version ? `/versions/${urlSegment(version.major, 'major version')}/${urlSegment(version.minor, 'minor version')}` : ''}`,
	/** GET: the source file of the latest or a given version. */
	documentFile: (id: string, version?: DocumentVersion) => `${ENDPOINTS.documentVersion(id, version)}/file`,
	/** GET: a rendition (e.g. viewable_rendition__v) of the latest or a given version. */
	documentRendition: (id: string, type: string, version?: DocumentVersion) => `${ENDPOINTS.documentVersion(id, version)}/renditions/${urlSegment(type, 'Rendition Type')}`,
	/** GET: the user actions the version's state allows now. */
	documentLifecycleActions: (id: string, version: DocumentVersion) => `${ENDPOINTS.documentVersion(id, version)}/lifecycle_actions`,
	/** PUT: run one; GET with `/entry_requirements`: the fields it needs first. */
	documentLifecycleAction: (id: string, version: DocumentVersion, action: string) => `${ENDPOINTS.documentLifecycleActions(id, version)}/${urlSegment(action, 'Action')}`,
	/** GET: the Vault's configuration of one component type (e.g. Doclifecycle), or of one component (Objectlifecycle.{name}). */
	configuration: (component: string) => `/configuration/${urlSegment(component, 'component')}`,
} as const;

/** A document version as Vault numbers it: major.minor. */
export interface DocumentVersion {
	major: number | string;
	minor: number | string;
}
