// Upload File's protocol, for any operation that uploads a whole file: one direct request for
// files of up to 50 MB, else an upload session (found again to resume, or created), the parts
// Vault lacks, and one commit.
import { createHash } from 'crypto';
import type { Hash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { waitForStartedJob } from '../api/jobs';
import { createStagingFile } from '../api/stagingItems';
import { commitUploadSession, createUploadSession, getUploadSession, listUploadParts, listUploadSessionPages, uploadPart } from '../api/uploadSessions';
import type { BinarySource } from '../binary/binarySource';
import { DIRECT_UPLOAD_MAX_BYTES, MIN_PART_BYTES, partLimits, planParts } from '../rules/stagingRules';
import type { VaultClient } from '../transport';

export interface UploadFileOptions {
	path: string;
	apiVersion: string;
	overwrite: boolean;
	alwaysUseUploadSession: boolean;
	/** Part size in MB; by default chosen by planParts. */
	partSizeMb?: number;
	resume: boolean;
	/** Whether to hash the whole file for the output's md5 when it goes in parts (each part is hashed either way). */
	fileMd5: boolean;
	waitForJob: boolean;
}

/** Uploads the file; the output item's json. `options.path` must already be a valid staging path. */
export async function uploadFile(vault: VaultClient, source: BinarySource, options: UploadFileOptions): Promise<IDataObject> {
	const { path, overwrite } = options;
	const partBytes = planParts(source.bytes, options.apiVersion, options.partSizeMb).partBytes;

	if (source.bytes <= DIRECT_UPLOAD_MAX_BYTES && !options.alwaysUseUploadSession) {
		const file = { path, bytes: source.bytes, md5: await source.md5(), content: source.framed, fileName: source.fileName, mimeType: source.mimeType, overwrite };
		const stored = await createStagingFile(vault, file);
		return { path: stored.path ?? path, size: source.bytes, md5: stored.md5, md5_checked_by_vault: 'file', method: 'direct' };
	}

	const resumable = options.resume ? await findResumableSession(vault, path, source.bytes, overwrite, options.apiVersion) : undefined;
	const sessionId = resumable?.id ?? String((await createUploadSession(vault, { path, size: source.bytes, overwrite })).id);
	const wholeFile = options.fileMd5 ? createHash('md5') : undefined;
	const uploaded = await sendMissingParts(vault, source, sessionId, resumable?.partBytes ?? partBytes, resumable?.parts ?? new Map(), wholeFile);
	const started = await commitUploadSession(vault, sessionId);
	return {
		path,
		size: source.bytes,
		...(wholeFile ? { md5: wholeFile.digest('hex') } : {}),
		md5_checked_by_vault: 'each_part',
		method: 'uploadSession',
		upload_session_id: sessionId,
		resumed: Boolean(resumable),
		parts: uploaded.parts,
		parts_sent: uploaded.sent,
		parts_already_in_vault: uploaded.parts - uploaded.sent,
		job: options.waitForJob ? await waitForStartedJob(vault, started) : started,
	};
}

interface StoredPart {
	size: number;
	md5: string;
}

interface ResumableSession {
	id: string;
	partBytes: number;
	parts: Map<number, StoredPart>;
}

/** The caller's own active session for the same path, size and overwrite flag, with its parts. */
async function findResumableSession(
	vault: VaultClient,
	path: string,
	size: number,
	overwrite: boolean,
	apiVersion: string,
): Promise<ResumableSession | undefined> {
	const candidates: IDataObject[] = [];
	for await (const { sessions, userId } of listUploadSessionPages(vault)) {
		for (const session of sessions) {
			const mine = userId === undefined || String(session.owner) === userId;
			if (mine && session.path === path && Number(session.size) === size) candidates.push(session);
		}
	}
	// Newest activity first. Vault's list documents no overwrite flag, so a session that lacks it
	// is asked for it; one whose flag stays unknown is not resumed (its commit could replace a file
	// the user did not ask to replace).
	candidates.sort((a, b) => String(b.last_uploaded_date ?? '').localeCompare(String(a.last_uploaded_date ?? '')));
	let candidate: IDataObject | undefined;
	for (const session of candidates) {
		const flag = typeof session.overwrite === 'boolean' ? session.overwrite : (await getUploadSession(vault, String(session.id))).overwrite;
		if (flag === overwrite) {
			candidate = session;
			break;
		}
	}
	if (!candidate) return undefined;

	const id = String(candidate.id);
	const listed = await listUploadParts(vault, id);
	const parts = new Map<number, StoredPart>(
		listed.map((part) => [Number(part.part_number), { size: Number(part.size), md5: String(part.part_content_md5 ?? '').toLowerCase() }]),
	);
	// Every part but the last has the size of part 1, so part 1 tells the size to keep using.
	const first = parts.get(1);
	if (!first) return { id, partBytes: planParts(size, apiVersion).partBytes, parts };
	const { maxPartBytes, maxParts } = partLimits(apiVersion);
	const usable = first.size === size || (first.size >= MIN_PART_BYTES && first.size <= maxPartBytes && Math.ceil(size / first.size) <= maxParts);
	return usable ? { id, partBytes: first.size, parts } : undefined;
}

/**
 * Streams the file part by part, sending each part Vault does not already hold unchanged, and
 * feeds every byte to `wholeFile` when given. The next part is read while the current one is sent.
 */
async function sendMissingParts(
	vault: VaultClient,
	source: BinarySource,
	sessionId: string,
	partBytes: number,
	inVault: Map<number, StoredPart>,
	wholeFile: Hash | undefined,
): Promise<{ parts: number; sent: number }> {
	const parts = source.parts(partBytes, wholeFile);
	let partNumber = 0;
	let sent = 0;
	try {
		let next = parts.next();
		for (;;) {
			const { value: part, done } = await next;
			if (done) break;
			partNumber++;
			next = parts.next();
			// If sending fails, the read-ahead's outcome no longer matters.
			next.catch(() => undefined);
			const stored = inVault.get(partNumber);
			if (stored && stored.size === part.data.length && stored.md5 === part.md5) continue;
			await uploadPart(vault, sessionId, { partNumber, data: part.data, md5: part.md5 });
			sent++;
		}
	} finally {
		await parts.return(undefined);
	}
	return { parts: partNumber, sent };
}
