// Spark's signing certificates. Retrieve Signing Certificate answers the PEM text itself, not
// Vault's envelope, so it is read as a file; a FAILURE still comes as an envelope.
import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { nodeErrorOf } from '../rules/inputError';
import type { VaultClient } from '../vaultClient';
import { vaultApiRequestWithHeaders } from '../transport';
import { ENDPOINTS } from './endpoints';

/** A certificate is a few KB; anything longer is not one. */
const MAX_CERTIFICATE_BYTES = 64 * 1024;

/** The Vault error type a failed request was refused with, if Vault refused it. */
function refusedWith(error: unknown): string | undefined {
	const errors = (error as { errorResponse?: { errors?: Array<{ type?: unknown }> } })?.errorResponse?.errors;
	const type = Array.isArray(errors) ? errors[0]?.type : undefined;
	return typeof type === 'string' ? type : undefined;
}

/**
 * The certificate (PEM) under `certificateId`, or undefined when Vault has no such certificate
 * (it answers INVALID_DATA). Other failures (network, sign-in, permissions) are thrown.
 */
export async function signingCertificate(vault: VaultClient, certificateId: string): Promise<string | undefined> {
	let stream: AsyncIterable<Buffer> | undefined;
	try {
		({ stream } = await vaultApiRequestWithHeaders(vault, { method: 'GET', path: ENDPOINTS.signingCertificate(certificateId), binary: true }));
	} catch (error) {
		if (refusedWith(error) === 'INVALID_DATA') return undefined;
		throw nodeErrorOf(vault.ctx.getNode(), error);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream ?? []) {
		size += chunk.length;
		if (size > MAX_CERTIFICATE_BYTES) {
			const message = `Vault's answer for certificate ${certificateId} is over ${MAX_CERTIFICATE_BYTES} bytes: not a certificate`;
			throw new NodeApiError(vault.ctx.getNode(), { message } as JsonObject, { message });
		}
		chunks.push(Buffer.from(chunk));
	}
	return Buffer.concat(chunks).toString('utf8');
}
