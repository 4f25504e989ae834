import { createHash } from 'crypto';
import type { Hash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binarySource } from '../../helpers/binary';
import type { BinarySource } from '../../helpers/binary';
import { DEFAULT_PART_MB, DIRECT_UPLOAD_MAX_BYTES, MIN_PART_BYTES, partLimits, planParts, validStagingPath } from '../../helpers/staging';
import { createStagingFile } from '../../helpers/stagingItems';
import { UPLOAD_SESSIONS_PATH, commitUploadSession, uploadPart, uploadSessionPath } from '../../helpers/uploadSessions';
import { recordsOf, vaultApiPages, vaultApiRequest, vaultApiRequestAllItems } from '../../transport';
import { binaryPropertyNameProperty, overwriteOption, stagingPathProperty, timeoutOption, waitForJobOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	binaryPropertyNameProperty,
	stagingPathProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Always Use an Upload Session',
				name: 'alwaysUseUploadSession',
				type: 'boolean',
				default: false,
				description:
					'Whether to upload files of 50 MB or less through a resumable upload session too. By default they are sent in one request.',
			},
			{
				displayName: 'Compute File MD5',
				name: 'fileMd5',
				type: 'boolean',
				default: true,
				description:
					"Whether to compute the whole file's MD5 for the output field md5. Each part's MD5 goes to Vault either way. Turning it off saves n8n about 1.4 s of CPU per GB, on the thread that runs every workflow.",
			},
			overwriteOption,
			{
				displayName: 'Part Size (MB)',
				name: 'partSize',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 52 },
				default: DEFAULT_PART_MB,
				description:
					'Size of each part but the last, 5 to 50 MB (52 MB from API v26.2). Larger parts mean fewer requests and more memory. By default 25 MB, more when the file would need more parts than Vault allows.',
			},
			{
				displayName: 'Resume',
				name: 'resume',
				type: 'boolean',
				default: true,
				description:
					'Whether to continue an unfinished upload session of yours for the same path and size, sending only the parts Vault does not have yet',
			},
			timeoutOption,
			waitForJobOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['uploadFile'] } }, properties);

interface UploadOptions {
	alwaysUseUploadSession?: boolean;
	fileMd5?: boolean;
	overwrite?: boolean;
	partSize?: number;
	resume?: boolean;
	waitForJob?: boolean;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const apiVersion = String((await this.getCredentials('veevaVaultApi', itemIndex)).apiVersion ?? '').trim();
	const source = await binarySource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	let path: string;
	let partBytes: number;
	try {
		path = validStagingPath(this.getNodeParameter('path', itemIndex) as string);
		partBytes = planParts(source.bytes, apiVersion, options.partSize).partBytes;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
	const overwrite = options.overwrite ?? false;

	if (source.bytes <= DIRECT_UPLOAD_MAX_BYTES && !options.alwaysUseUploadSession) {
		const stored = await createStagingFile(this, { path, data: await source.buffer(), fileName: source.fileName, mimeType: source.mimeType, overwrite }, itemIndex);
		return [{ json: { path: stored.path ?? path, size: source.bytes, md5: stored.md5, method: 'direct' } }];
	}

	const resumable = options.resume === false ? undefined : await findResumableSession(this, path, source.bytes, overwrite, apiVersion, itemIndex);
	const sessionId = resumable?.id ?? (await createSession(this, path, source.bytes, overwrite, itemIndex));
	const wholeFile = options.fileMd5 === false ? undefined : createHash('md5');
	const uploaded = await sendMissingParts(this, source, sessionId, resumable?.partBytes ?? partBytes, resumable?.parts ?? new Map(), wholeFile, itemIndex);
	const job = await commitUploadSession(this, sessionId, options.waitForJob ?? false, itemIndex);
	return [
		{
			json: {
				path,
				size: source.bytes,
				...(wholeFile ? { md5: wholeFile.digest('hex') } : {}),
				method: 'uploadSession',
				upload_session_id: sessionId,
				resumed: Boolean(resumable),
				parts: uploaded.parts,
				parts_sent: uploaded.sent,
				parts_already_in_vault: uploaded.parts - uploaded.sent,
				job,
			},
		},
	];
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
	ctx: IExecuteFunctions,
	path: string,
	size: number,
	overwrite: boolean,
	apiVersion: string,
	itemIndex: number,
): Promise<ResumableSession | undefined> {
	let candidate: IDataObject | undefined;
	for await (const { envelope, headers } of vaultApiPages.call(ctx, { method: 'GET', path: UPLOAD_SESSIONS_PATH }, itemIndex)) {
		const userId = headers['x-vaultapi-userid'];
		for (const session of recordsOf(envelope)) {
			const mine = userId === undefined || String(session.owner) === String(userId);
			const same = session.path === path && Number(session.size) === size && Boolean(session.overwrite ?? false) === overwrite;
			if (mine && same && (!candidate || String(session.last_uploaded_date) > String(candidate.last_uploaded_date))) candidate = session;
		}
	}
	if (!candidate) return undefined;

	const id = String(candidate.id);
	const listed = await vaultApiRequestAllItems.call(ctx, { method: 'GET', path: uploadSessionPath(id, '/parts'), qs: { limit: 1000 } }, itemIndex);
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

async function createSession(ctx: IExecuteFunctions, path: string, size: number, overwrite: boolean, itemIndex: number): Promise<string> {
	const { data } = await vaultApiRequest.call(
		ctx,
		{ method: 'POST', path: UPLOAD_SESSIONS_PATH, form: { path, size: String(size), overwrite: String(overwrite) } },
		itemIndex,
	);
	return String((data as IDataObject).id);
}

/**
 * Streams the file part by part, sending each part Vault does not already hold unchanged, and
 * feeds every byte to `wholeFile` when given. The next part is read while the current one is sent.
 */
async function sendMissingParts(
	ctx: IExecuteFunctions,
	source: BinarySource,
	sessionId: string,
	partBytes: number,
	inVault: Map<number, StoredPart>,
	wholeFile: Hash | undefined,
	itemIndex: number,
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
			await uploadPart(ctx, sessionId, partNumber, part.data, itemIndex, part.md5);
			sent++;
		}
	} finally {
		await parts.return(undefined);
	}
	return { parts: partNumber, sent };
}
