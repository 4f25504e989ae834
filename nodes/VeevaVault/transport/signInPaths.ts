// The paths of Vault's sign-in calls, in a leaf module: the sign-in methods (../auth) call them and
// the API layer's endpoint list (../api/endpoints) names them, and neither imports the other.

export const SIGN_IN_PATHS = {
	/** POST, below /api/{version}: log in with username and password. */
	auth: '/auth',
	/** POST, below /api/{version}: keep a session alive (SUCCESS while Vault still accepts it). */
	keepAlive: '/keep-alive',
	/** POST, on Vault's OAuth sign-in host: a session for an identity provider's token. */
	oauthSession: (profileId: string) => `/auth/oauth/session/${encodeURIComponent(profileId)}`,
} as const;
