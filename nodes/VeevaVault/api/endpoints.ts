// Every Vault endpoint the package calls, below /api/{version}. A value that goes into a path
// segment passes through pathSegment, which refuses ".", ".." and control characters.
import { pathSegment } from '../transport/paths';

export const ENDPOINTS = {
	/** POST: log in with username and password. */
	auth: '/auth',
	/** GET: list upload sessions; POST: create one. */
	uploadSessions: '/services/file_staging/upload',
	/** GET: one session; PUT: upload a part; POST: commit; DELETE: abort. */
	uploadSession: (sessionId: string) => `/services/file_staging/upload/${pathSegment(sessionId, 'Upload Session ID')}`,
	/** GET: the parts uploaded so far. */
	uploadSessionParts: (sessionId: string) => `/services/file_staging/upload/${pathSegment(sessionId, 'Upload Session ID')}/parts`,
	/** POST: create a folder, or a file of up to 50 MB. */
	items: '/services/file_staging/items',
	/** GET: a job's status. */
	job: (jobId: string | number) => `/services/jobs/${pathSegment(jobId, 'job ID')}`,
} as const;
