import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_API_VERSION, DEFAULT_CLIENT_ID, validApiVersion, vaultBaseUrl } from '../nodes/VeevaVault/transport/connection';
import type { VeevaVaultCredentials } from '../nodes/VeevaVault/transport/connection';
import { openVaultSession, sessionFingerprint } from '../nodes/VeevaVault/transport/login';

// n8n expressions cannot import code: this mirrors vaultBaseUrl() for the credential test.
// Invalid input never gets this far, because preAuthentication validates it first.
const BASE_URL_EXPRESSION =
	"={{ ((/^https?:\\/\\//i.test($credentials.vaultDns.trim()) ? '' : 'https://') + $credentials.vaultDns.trim()).replace(/\\/+$/, '').replace(/\\/api$/i, '') }}";

export class VeevaVaultApi implements ICredentialType {
	name = 'veevaVaultApi';

	displayName = 'Veeva Vault API';

	icon: Icon = { light: 'file:../nodes/VeevaVault/veevaVault.svg', dark: 'file:../nodes/VeevaVault/veevaVault.dark.svg' };

	documentationUrl = 'https://developer.veevavault.com/api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Vault DNS',
			name: 'vaultDns',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'myvault.veevavault.com',
			description: 'Host name of the Vault (https is assumed), or its base URL, e.g. http://127.0.0.1:8123 for the local simulator',
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
			],
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'integration.user@example.com',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
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
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: DEFAULT_CLIENT_ID,
			description:
				'Sent as X-VaultAPI-ClientID on every request so Vault Admins can see which integration made a call. Up to 100 letters, digits, periods, underscores and hyphens.',
		},
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			displayName: 'Session Fingerprint',
			name: 'sessionFingerprint',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const vault = credentials as unknown as VeevaVaultCredentials;
		vaultBaseUrl(vault.vaultDns);
		validApiVersion(vault.apiVersion);
		if (vault.authMethod === 'token') return {};
		return { sessionId: await openVaultSession(this, vault), sessionFingerprint: sessionFingerprint(vault) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: "={{ $credentials.authMethod === 'token' ? $credentials.accessToken : $credentials.sessionId }}",
				'X-VaultAPI-ClientID': `={{ $credentials.clientId ? $credentials.clientId.trim() : '${DEFAULT_CLIENT_ID}' }}`,
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '=/api/{{ $credentials.apiVersion.trim() }}/services/file_staging/upload',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors[0].type',
					value: 'INSUFFICIENT_ACCESS',
					message:
						'Vault accepted the login but the user may not use the API (INSUFFICIENT_ACCESS). A Vault Admin must grant "API: Access API" and "File Staging: Access".',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors[0].type',
					value: 'INVALID_SESSION_ID',
					message: 'Vault rejected the access token or session (INVALID_SESSION_ID). Create a new API access token in Vault.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors[0].type',
					value: 'MALFORMED_URL',
					message: 'Vault does not know this URL (MALFORMED_URL). Check the API version.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'responseStatus',
					value: 'FAILURE',
					message: 'Vault refused the test request. Check the Vault DNS, API version and the user\'s permissions.',
				},
			},
		],
	};
}
