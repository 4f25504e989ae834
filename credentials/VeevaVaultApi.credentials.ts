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
import { DEFAULT_LOGIN_HOST } from '../nodes/VeevaVault/auth/oauth';
import { tokenSignIn } from '../nodes/VeevaVault/auth/token';
import { signInHintFor } from '../nodes/VeevaVault/transport/hints';

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
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			default: 'password',
			options: [
				{
					name: 'Username & Password',
					value: 'password',
					description: 'Log in once and reuse the Vault session until Vault ends it',
				},
				{
					name: 'API Access Token',
					value: 'token',
					description: 'A Vault API access token (or an existing session ID), sent as is; no login call',
				},
				{
					name: 'OAuth 2.0 / OpenID Connect',
					value: 'oauth',
					description: 'A token from your identity provider (Okta, Entra ID, Ping…) for an app registered there, then a Vault session with it; no Vault password',
				},
			],
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'integration.user@example.com',
			required: true,
			description: 'The Vault user to sign in as, best a dedicated integration user with the permissions "API: Access API" and "File Staging: Access"',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Vault user\'s password. The node signs in once and reuses the session; the password is sent only to the Vault DNS above.',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'An API access token that a Vault Admin or the user created for this integration, or an existing session ID',
			displayOptions: { show: { authMethod: ['token'] } },
		},
		...OAUTH_PROPERTIES,
		{
			displayName: 'Vault API Client ID',
			name: 'clientId',
			type: 'string',
			default: DEFAULT_CLIENT_ID,
			description:
				'The name this integration gives itself to Vault, not a secret: sent as the X-VaultAPI-ClientID header on every request so Vault Admins can see which integration made a call (and allow it, where Client ID filtering is on). Up to 100 letters, digits, periods, underscores and hyphens.',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			// password: n8n then never sends the session to the browser that edits the credential.
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Fingerprint',
			name: 'sessionFingerprint',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'IdP Access Token',
			name: 'oauthAccessToken',
			type: 'hidden',
			// Like the session: stored by n8n, never sent to the browser.
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'IdP Token Expires',
			name: 'oauthTokenExpires',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'IdP Token Fingerprint',
			name: 'oauthTokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			// n8n runs preAuthentication before a request whose credentials have this field empty.
			// It is stored empty (see preAuthentication), and the node's requests fill it unless
			// they want a new session: nodes/VeevaVault/transport/signIn.ts.
			displayName: 'Sign-In Trigger',
			name: 'signInTrigger',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
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

const showForOAuth = { show: { authMethod: ['oauth'] } };

/** The fields of the OAuth 2.0 / OpenID Connect sign-in (README: "Signing in through your identity provider"). */
const OAUTH_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Token URL',
		name: 'oauthTokenUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.okta.com/oauth2/default/v1/token',
		description:
			'The identity provider\'s token endpoint. Okta: https://{domain}/oauth2/{authorization server}/v1/token; Entra ID: https://login.microsoftonline.com/{tenant ID}/oauth2/v2.0/token. Only the client secret is sent here.',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'IdP App Client ID',
		name: 'oauthClientId',
		type: 'string',
		default: '',
		required: true,
		description: 'The client ID of the app that IT registered at the identity provider for this integration (client credentials grant)',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'IdP App Client Secret',
		name: 'oauthClientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The app\'s client secret. It is sent to the Token URL\'s host and nowhere else.',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Scope',
		name: 'oauthScope',
		type: 'string',
		default: '',
		placeholder: 'veeva.vault',
		description:
			'Space-separated scopes the token is asked for: Okta, the custom scope the Vault profile\'s authorization server grants the app; Entra ID, {Application ID URI}/.default. Empty: the identity provider\'s default.',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Audience or Resource',
		name: 'oauthAudience',
		type: 'string',
		default: '',
		description: 'Only where the identity provider needs one (Auth0 and some Okta set-ups: audience; Entra ID v1 endpoints: resource): the audience the Vault profile expects',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Send Audience As',
		name: 'oauthAudienceParameter',
		type: 'options',
		default: 'audience',
		options: [
			{ name: 'Audience', value: 'audience' },
			{ name: 'Resource', value: 'resource' },
		],
		description: 'The name of the token request\'s parameter that carries the audience',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Client Authentication',
		name: 'oauthClientAuthentication',
		type: 'options',
		default: 'basic',
		options: [
			{ name: 'Send as Basic Auth Header', value: 'basic', description: 'In an Authorization: Basic header (OAuth calls it client_secret_basic); Okta\'s default' },
			{ name: 'Send in Body', value: 'body', description: 'As the form fields client_id and client_secret of the token request (OAuth calls it client_secret_post)' },
		],
		description: 'How the client ID and secret are sent to the identity provider, as the app is registered there',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'OAuth Profile ID',
		name: 'oauthProfileId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The ID of the Vault OAuth 2.0 / OpenID Connect profile that trusts this identity provider. A Vault Admin finds it in Admin > Settings > OAuth 2.0 / OpenID Connect Profiles.',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Vault Introspection Client ID',
		name: 'oauthVaultClientId',
		type: 'string',
		default: '',
		description: 'Optional, and not the IdP App Client ID unless the profile says so: the client ID Vault uses to introspect the token (sent to Vault as client_id), when the Vault OAuth profile asks for one',
		displayOptions: showForOAuth,
	},
	{
		displayName: 'Vault Sign-In Host',
		name: 'oauthLoginHost',
		type: 'string',
		default: DEFAULT_LOGIN_HOST,
		description: 'Where Vault opens a session for the identity provider\'s token, as Veeva documents it. Change it only for a Vault on another domain (or the local simulator). The token is sent here and nowhere else.',
		displayOptions: showForOAuth,
	},
];

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
