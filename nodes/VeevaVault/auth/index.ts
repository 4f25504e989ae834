// How a credential signs in to Vault. The credential's preAuthentication asks the credential's
// sign-in method to sign in; the transport is handed its session rules (signInMethodOf is a
// SessionRulesOf) and so never imports this folder.
import type { VeevaVaultCredentials } from '../transport/connection';
import { oauthSignIn } from './oauth';
import { passwordSignIn } from './password';
import type { SignInMethod } from './signInMethod';
import { tokenSignIn } from './token';

export type { SignInMethod };

const METHODS: Record<VeevaVaultCredentials['authMethod'], SignInMethod> = { password: passwordSignIn, token: tokenSignIn, oauth: oauthSignIn };

export function signInMethodOf(credentials: Pick<VeevaVaultCredentials, 'authMethod'>): SignInMethod {
	return METHODS[credentials.authMethod] ?? passwordSignIn;
}
