// Signing in with an API access token (or a session ID pasted as one): sent as it is, no login.
import { keepAlive } from './signInSteps';
import type { SignInMethod } from './signInMethod';

/** Starts the message when the token's Vault cannot be reached. */
const UNREACHED = 'Could not check the access token';

export const tokenSignIn: SignInMethod = {
	// Nothing to store. The node never asks n8n to sign in with a token; n8n's credential test does,
	// and this check makes a Vault that cannot be reached fail there in the node's words (Vault's
	// verdict on the token is the test request's to report).
	signIn: async (helper, credentials) => {
		await keepAlive(helper, credentials, credentials.accessToken ?? '', UNREACHED);
		return {};
	},
	storedSessionIsStale: () => false,
	// The token is what it is: signing in again would send the same one.
	renewable: false,
	authorization: (credentials) => credentials.accessToken ?? '',
	hints: {
		INVALID_SESSION_ID:
			'Vault does not accept the API access token (expired, revoked or for another Vault). Create a new token in Vault and put it in the Veeva Vault credential.',
	},
};
