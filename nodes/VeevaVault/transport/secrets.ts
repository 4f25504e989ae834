// Keeping the credential's secrets out of everything built from Vault's answers. Vault may echo a
// session ID, token or password in an error message ("Invalid session <id>"); whatever the node
// shows, returns or attaches to an error passes through here first.
import type { VeevaVaultCredentials } from './connection';

export const REDACTED = '[redacted]';

/** Shorter values would match ordinary text; Vault requires longer passwords and tokens anyway. */
const MIN_SECRET_LENGTH = 6;

export function secretsOf(
	credentials: Partial<Pick<VeevaVaultCredentials, 'password' | 'accessToken' | 'sessionToken' | 'oauthClientSecret' | 'oauthAccessToken'>>,
): string[] {
	return [credentials.password, credentials.accessToken, credentials.sessionToken, credentials.oauthClientSecret, credentials.oauthAccessToken]
		.filter((secret): secret is string => typeof secret === 'string')
		.flatMap((secret) => [secret, secret.trim()])
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/**
 * Replaces every secret in `text`, as it is and in the forms it takes inside JSON strings and
 * URL-encoded text, longest first so that one secret containing another is removed whole.
 */
export function redact(text: string, secrets: readonly string[]): string {
	if (!text || secrets.length === 0) return text;
	const forms = new Set<string>();
	for (const secret of secrets) {
		forms.add(secret);
		forms.add(JSON.stringify(secret).slice(1, -1));
		forms.add(encodeURIComponent(secret));
		forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
	}
	let result = text;
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		if (form.length >= MIN_SECRET_LENGTH && result.includes(form)) result = result.split(form).join(REDACTED);
	}
	return result;
}
