// Opening a Vault session with username and password (POST /auth). Called by the credential's
// preAuthentication hook, which n8n runs when the stored session is empty or being renewed.
import { createHash } from 'crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { clientIdOf, hostOf, validApiVersion, vaultBaseUrl } from './connection';
import type { VeevaVaultCredentials } from './connection';
import { describeNetworkError, errorMessageOf, errorTypeOf, hintFor, isSuccess, parseVaultResponse } from './envelope';

/** Marks login failures so the transport can tell them from a failing API call. */
export const LOGIN_FAILED = 'Vault login failed';

interface AuthResponseBody {
	sessionId?: string;
	vaultId?: number;
	vaultIds?: Array<{ id: number; name: string; url: string }>;
}

/**
 * Identifies whom a stored session was opened for. n8n keeps the stored session when a user
 * edits the credential, so a changed Vault or username must not reuse the old user's session.
 */
export function sessionFingerprint(credentials: Pick<VeevaVaultCredentials, 'vaultDns' | 'username'>): string {
	const target = `${vaultBaseUrl(credentials.vaultDns)}\n${(credentials.username ?? '').trim().toLowerCase()}`;
	return createHash('sha256').update(target).digest('hex').slice(0, 32);
}

export async function openVaultSession(helper: IHttpRequestHelper, credentials: VeevaVaultCredentials): Promise<string> {
	const baseUrl = vaultBaseUrl(credentials.vaultDns);
	const authUrl = `${baseUrl}/api/${validApiVersion(credentials.apiVersion)}/auth`;
	if (!credentials.username || !credentials.password) {
		throw new Error(`${LOGIN_FAILED}: the credential has no username or password. Enter both, or choose API Access Token.`);
	}

	let statusCode = 0;
	let body = '';
	let unreachable: string | null = null;
	try {
		const response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: authUrl,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-VaultAPI-ClientID': clientIdOf(credentials),
			},
			body: new URLSearchParams({
				username: credentials.username,
				password: credentials.password,
				vaultDNS: new URL(baseUrl).host,
			}).toString(),
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		statusCode = response.statusCode;
		body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	} catch (error) {
		unreachable = describeNetworkError(error).problem;
	}
	if (unreachable !== null) {
		throw new Error(`${LOGIN_FAILED}: could not reach ${baseUrl}: ${unreachable}. Check the Vault DNS in the credential.`);
	}

	const parsed = parseVaultResponse(statusCode, body);
	if (parsed.kind === 'transport') {
		throw new Error(`${LOGIN_FAILED}: ${parsed.message} from ${authUrl}. Check the Vault DNS and API version in the credential.`);
	}
	const envelope = parsed.envelope;
	if (!isSuccess(envelope)) {
		throw new Error(`${LOGIN_FAILED}: ${errorMessageOf(envelope)}. ${hintFor(errorTypeOf(envelope))}`);
	}
	const auth = envelope as unknown as AuthResponseBody;
	if (!auth.sessionId) throw new Error(`${LOGIN_FAILED}: Vault's answer has no session ID.`);

	// When the user may not use the requested Vault, Vault logs them into another of theirs.
	const loggedInto = auth.vaultIds?.find((vault) => vault.id === auth.vaultId);
	const expectedHost = new URL(baseUrl).host;
	if (loggedInto && hostOf(loggedInto.url) !== expectedHost) {
		throw new Error(
			`${LOGIN_FAILED}: user ${credentials.username} cannot use the Vault at ${expectedHost}; Vault logged them into "${loggedInto.name}" (${hostOf(loggedInto.url)}) instead. Check the Vault DNS, or ask a Vault Admin for access to that Vault.`,
		);
	}
	return auth.sessionId;
}
