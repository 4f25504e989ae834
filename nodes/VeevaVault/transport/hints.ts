// What a user can do about each of Vault's error types, in words.

const HINTS: Record<string, string> = {
	USERNAME_OR_PASSWORD_INCORRECT: 'Check the username and password in the Veeva Vault credential.',
	NO_PASSWORD_PROVIDED: 'Enter the password in the Veeva Vault credential.',
	USER_LOCKED_OUT: 'Vault locked this user out after failed logins. A Vault Admin can unlock the user.',
	PASSWORD_CHANGE_REQUIRED: 'Vault requires a new password for this user. Log into Vault in a browser, change it, then update the credential.',
	INACTIVE_USER: 'The Vault user is inactive. A Vault Admin can reactivate it.',
	INSUFFICIENT_ACCESS:
		'The Vault user lacks a permission: "API: Access API" for any API call and "File Staging: Access" for file staging. A Vault Admin grants them in the user\'s security profile or permission set.',
	API_LIMIT_EXCEEDED: 'Vault\'s API rate limit was reached. Run the workflow less often or spread workflows over time.',
	METHOD_NOT_SUPPORTED: 'This Vault does not support the call in the chosen API version. Choose a newer API version in the credential.',
	MALFORMED_URL: 'Check the Vault DNS and API version in the credential.',
	PARAMETER_REQUIRED: 'A required parameter is missing. Check the node\'s parameters.',
	INVALID_DATA: 'Vault rejected a value. Check the node\'s parameters.',
	OPERATION_NOT_ALLOWED: 'Vault does not allow this operation in the current state.',
	ITEM_NAME_EXISTS: 'A file or folder already exists at that path. Choose another path or name.',
	CONFIGURATION_MODE_ENABLED: 'The Vault is in configuration mode. Try again when a Vault Admin turns it off.',
	RACE_CONDITION: 'Another change to the same record ran at the same time. Try again.',
	UNEXPECTED_ERROR: 'Vault had an internal error. Try again later; if it persists, contact Veeva support with the execution ID.',
};

/** What to do about one of Vault's error types; `hints` (those of the credential's sign-in method
 * and of the operation) come first. */
export function hintFor(errorType: string, hints: Record<string, string> = {}): string {
	return hints[errorType] ?? HINTS[errorType] ?? 'See Vault\'s message above.';
}

/** At sign-in some error types mean something else than on an API call. */
const SIGN_IN_HINTS: Record<string, string> = {
	API_LIMIT_EXCEEDED: 'Vault refuses more logins for this user for now: too many in the last minute. Try again in a minute.',
};

/** What to do when Vault refuses a sign-in (or a credential test) with this error type. */
export function signInHintFor(errorType: string, signInHints: Record<string, string> = {}): string {
	return SIGN_IN_HINTS[errorType] ?? hintFor(errorType, signInHints);
}
