// The credential's fields for each sign-in method, and the hidden ones that hold what a sign-in
// gave (./VeevaVaultApi.credentials.ts puts them together).
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_LOGIN_HOST } from '../nodes/VeevaVault/auth/oauth';

/** How the credential signs in: the other fields shown depend on it. */
const AUTH_METHOD_PROPERTY: INodeProperties = {
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
};

const PASSWORD_PROPERTIES: INodeProperties[] = [
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
];

const TOKEN_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'An API access token that a Vault Admin or the user created for this integration, or an existing session ID',
		displayOptions: { show: { authMethod: ['token'] } },
	},
];

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

/** The sign-in method and the fields of each, in the order the form shows them. */
export const SIGN_IN_PROPERTIES: INodeProperties[] = [AUTH_METHOD_PROPERTY, ...PASSWORD_PROPERTIES, ...TOKEN_PROPERTIES, ...OAUTH_PROPERTIES];

/** Never shown: what the last sign-in gave, stored by n8n in the credential. */
export const STORED_SIGN_IN_PROPERTIES: INodeProperties[] = [
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
