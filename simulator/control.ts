/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// The control API under /_sim/ (not Vault's): what tests, the demo and the benchmark use to look
// at and steer the simulator from another process.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { iso, readBody, sendJson } from './http.ts';
import { findObject } from './metadata.ts';
import type { Fault, SimRecord } from './model.ts';
import type { SparkSendOptions, SparkSendResult } from './spark.ts';
import type { SigningCertificate } from './sparkSigner.ts';
import type { SimState } from './state.ts';

/** What the control API steers: the state, and what the running simulator (VaultSimulator) adds. */
export interface ControlledSimulator extends SimState {
	readonly idpTokenUrl: string;
	readonly loginUrl: string;
	rolloverSparkCertificate(): SigningCertificate;
	sendSparkMessage(options: SparkSendOptions): Promise<SparkSendResult>;
}

export async function handleControl(simulator: ControlledSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
	const input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
	const ok = (data: unknown = { ok: true }) => sendJson(res, 200, data);
	const recordsPath = /^\/_sim\/records\/([^/]+)$/.exec(url.pathname);
	if (recordsPath) {
		const object = decodeURIComponent(recordsPath[1]);
		if (!findObject(object)) return sendJson(res, 404, { error: `No simulated object ${object}` });
		if (req.method === 'POST') return ok(simulator.addRecord(object, input as SimRecord));
		if (req.method === 'GET') return ok(simulator.recordsOf(object));
	}
	switch (`${req.method} ${url.pathname}`) {
		case 'GET /_sim/stats':
			return ok({
				counts: simulator.counts(),
				requests: simulator.requests,
				activeUploadSessions: simulator.activeUploadSessionCount(),
				vaultSessions: simulator.vaultSessions.size,
				peakStagingInFlight: simulator.peakStagingInFlight,
				held: simulator.heldCount,
			});
		case 'POST /_sim/reset':
			await simulator.reset();
			return ok();
		case 'POST /_sim/expire-sessions':
			return ok({ expired: simulator.expireSessions() });
		case 'POST /_sim/faults':
			simulator.injectFault(input as unknown as Fault);
			return ok();
		case 'POST /_sim/release':
			return ok({ released: simulator.releaseHeld() });
		case 'POST /_sim/clock':
			simulator.advanceClock(Number(input.advanceMs ?? 0));
			return ok({ now: iso(simulator.now()) });
		case 'POST /_sim/staged-files': {
			// Random content of `bytes` bytes at an absolute staging path; answers its MD5.
			const data = randomBytes(Number(input.bytes ?? 0));
			await simulator.addStagedFile(String(input.path), data, { modifiedAgoMs: Number(input.modifiedAgoMs ?? 0) });
			return ok({ md5: createHash('md5').update(data).digest('hex'), size: data.length });
		}
		case 'POST /_sim/staged-folders':
			await simulator.addStagedFolder(String(input.path));
			return ok();
		case 'POST /_sim/documents':
			return ok(simulator.addDocument(input as Parameters<ControlledSimulator['addDocument']>[0]));
		case 'GET /_sim/oauth':
			return ok({
				idpTokenUrl: simulator.idpTokenUrl,
				loginUrl: simulator.loginUrl,
				profiles: simulator.oauthProfiles.map((profile) => profile.id),
				clients: simulator.oauthClients.map((client) => client.clientId),
			});
		case 'POST /_sim/oauth/expire-tokens':
			return ok({ expired: simulator.expireIdpTokens() });
		case 'POST /_sim/oauth/refuse-client':
			simulator.refuseClient(String(input.clientId), input.refused !== false);
			return ok();
		case 'POST /_sim/oauth/clients':
			simulator.oauthClients.push(input as unknown as ControlledSimulator['oauthClients'][number]);
			return ok();
		case 'POST /_sim/oauth/profiles':
			simulator.oauthProfiles.push({ ...(input as unknown as ControlledSimulator['oauthProfiles'][number]), issuer: (input.issuer as string | undefined) ?? null });
			return ok();
		case 'GET /_sim/spark':
			return ok({ certificateId: simulator.spark.current.id, certificateIds: simulator.spark.ids });
		case 'POST /_sim/spark/rollover':
			return ok({ certificateId: simulator.rolloverSparkCertificate().id });
		case 'POST /_sim/spark/send':
			return ok(await simulator.sendSparkMessage(input as unknown as Parameters<ControlledSimulator['sendSparkMessage']>[0]));
		case 'POST /_sim/upload-sessions':
			return ok({ id: simulator.addUploadSession(input as unknown as Parameters<ControlledSimulator['addUploadSession']>[0]) });
		default:
			return sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}` });
	}
}
