import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestMethods,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_API_VERSION, DEFAULT_CLIENT_ID, validApiVersion, vaultBaseUrl } from '../nodes/VeevaVault/transport/connection';
import type { VeevaVaultCredentials } from '../nodes/VeevaVault/transport/connection';
import { ENDPOINTS } from '../nodes/VeevaVault/api/endpoints';
import { signInMethodOf } from '../nodes/VeevaVault/auth';
import { tokenSignIn } from '../nodes/VeevaVault/auth/token';
import { signInHintFor } from '../nodes/VeevaVault/transport/hints';
import { SIGN_IN_PROPERTIES, STORED_SIGN_IN_PROPERTIES } from './signInFields';

// n8n expressions cannot import code: this mirrors vaultBaseUrl() for the credential test.
// Invalid input never gets this far, because preAuthentication validates it first.
const BASE_URL_EXPRESSION =
	"={{ ((/^https?:\\/\\//i.test($credentials.vaultDns.trim()) ? '' : 'https://') + $credentials.vaultDns.trim()).replace(/\\/+$/, '').replace(/\\/api$/i, '') }}";

export class VeevaVaultApi implements ICredentialType {
	name = 'veevaVaultApi';

	displayName = 'Veeva Vault API';

	icon: Icon = { light: 'file:../icons/veevaVault.svg', dark: 'file:../icons/veevaVault.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-veeva-vault/n8n-nodes-veeva-vault#credential-veeva-vault-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Vault DNS',
			name: 'vaultDns',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'myvault.veevavault.com',
			description: 'Your Vault\'s address as in the browser when you are logged in, e.g. myvault.veevavault.com (https is assumed)',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_API_VERSION,
			required: true,
			placeholder: DEFAULT_API_VERSION,
			description: 'Vault REST API version, e.g. v25.2. https://{vault}/api/ lists the versions a Vault serves.',
		},
		...SIGN_IN_PROPERTIES,
		{
			displayName: 'Vault API Client ID',
			name: 'clientId',
			type: 'string',
			default: DEFAULT_CLIENT_ID,
			description:
				'The name this integration gives itself to Vault, not a secret: sent as the X-VaultAPI-ClientID header on every request so Vault Admins can see which integration made a call (and allow it, where Client ID filtering is on). Up to 100 letters, digits, periods, underscores and hyphens.',
		},
		...STORED_SIGN_IN_PROPERTIES,
	];

	/**
	 * A session for the credential's values (the stored one while Vault takes it, else a new
	 * login), or for a token a check that its Vault can be reached. n8n stores what this returns
	 * when it holds the expirable field, which is therefore returned empty: n8n then runs this for
	 * every credential test too, and a test that cannot reach Vault fails in the node's words.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const vault = credentials as unknown as VeevaVaultCredentials;
		vaultBaseUrl(vault.vaultDns);
		validApiVersion(vault.apiVersion);
		const signedIn = await signInMethodOf(vault).signIn(this, vault);
		return signedIn.sessionToken ? { ...signedIn, signInTrigger: '' } : {};
	}

	// No `authenticate`: with it n8n would offer this credential to its HTTP Request node and a
	// "Custom API Call" on the node, which know nothing of Vault's sessions (an ended session
	// answers HTTP 200 with INVALID_SESSION_ID). The node's requests carry the session themselves.

	// n8n runs preAuthentication first (it reaches Vault with the dialog's DNS, and signs in when
	// the stored session is gone or was opened with other values). A stored session can outlive a
	// password changed in Vault, so the test itself logs in with the values in the dialog; a token
	// is tried on the list call, which also proves the API permissions. For OAuth 2.0 / OpenID
	// Connect the proof is preAuthentication's own: a new IdP token and a new Vault session with the
	// dialog's values (see nodes/VeevaVault/auth/oauth.ts); the request is then Vault's list of API
	// versions, which needs no secret.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: `={{ '/api/' + ($credentials.authMethod === 'oauth' ? '' : $credentials.apiVersion.trim() + ($credentials.authMethod === 'token' ? '${ENDPOINTS.uploadSessions}' : '${ENDPOINTS.auth}')) }}`,
			method: `={{ $credentials.authMethod === 'password' ? 'POST' : 'GET' }}` as IHttpRequestMethods,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/x-www-form-urlencoded',
				Authorization: "={{ $credentials.authMethod === 'token' ? $credentials.accessToken : undefined }}",
				'X-VaultAPI-ClientID': `={{ ($credentials.clientId || '').trim() || '${DEFAULT_CLIENT_ID}' }}`,
			},
			body: {
				username: `={{ $credentials.authMethod === 'password' ? $credentials.username : undefined }}`,
				password: `={{ $credentials.authMethod === 'password' ? $credentials.password : undefined }}`,
			},
			disableFollowRedirect: true,
		},
		rules: [
			...TEST_ERRORS.map((errorType) => rule(errorType, signInHintFor(errorType, tokenSignIn.hints))),
			{
				type: 'responseSuccessBody',
				properties: { key: 'responseStatus', value: 'FAILURE', message: 'Vault refused the test request. Check the Vault DNS, API version, username and password or token.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'responseStatus', value: 'EXCEPTION', message: 'Vault had an internal error answering the test request. Try again later.' },
			},
		],
	};
}


/** What Vault may answer the test's login or token call with; the hints say what to do, in the
 * same words as the node's errors. INVALID_SESSION_ID only answers a token. */
const TEST_ERRORS = [
	'USERNAME_OR_PASSWORD_INCORRECT',
	'NO_PASSWORD_PROVIDED',
	'USER_LOCKED_OUT',
	'PASSWORD_CHANGE_REQUIRED',
	'INACTIVE_USER',
	'API_LIMIT_EXCEEDED',
	'INSUFFICIENT_ACCESS',
	'INVALID_SESSION_ID',
	'MALFORMED_URL',
];

function rule(errorType: string, advice: string): IAuthenticateRuleResponseSuccessBody {
	return { type: 'responseSuccessBody', properties: { key: 'errors[0].type', value: errorType, message: `Vault refused the test (${errorType}). ${advice}` } };
}
