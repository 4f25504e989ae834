// Signing in with an API access token (or a session ID pasted as one): sent as it is, no login.
import type { SignInMethod } from './signInMethod';

export const tokenSignIn: SignInMethod = {
	signIn: async () => ({}),
	storedSessionIsStale: () => false,
	// The token is what it is: signing in again would send the same one.
	renewable: false,
	hints: {
		INVALID_SESSION_ID:
			'Vault does not accept the API access token (expired, revoked or for another Vault). Create a new token in Vault and put it in the Veeva Vault credential.',
	},
};
