// Shared set-up for engine tests: a fresh simulator per test file, credential presets.
import type { IDataObject } from 'n8n-workflow';

import { DOCS_NOW, SEED_ADMIN, SEED_ADMIN_TOKEN, SEED_UPLOADER, defaultOAuthClients, defaultOAuthProfiles, defaultUsers } from '../../simulator/seed.ts';
import type { SimOAuthClient } from '../../simulator/seed.ts';
import { VaultSimulator } from '../../simulator/vault-simulator.ts';
import type { SimulatorOptions } from '../../simulator/vault-simulator.ts';
import { CREDENTIAL_ID, newCredentialStore } from './engine';
import type { CredentialStore } from './engine';

export const ADMIN = SEED_ADMIN;
export const UPLOADER = SEED_UPLOADER;
export const NO_API = defaultUsers.find((user) => !user.apiAccess)!;
export const ELSEWHERE = defaultUsers.find((user) => user.username.startsWith('elsewhere'))!;
export const ADMIN_TOKEN = SEED_ADMIN_TOKEN;

/** The simulator's clock starts at the reference page's moment, so seeded values match the docs. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<VaultSimulator> {
	return await new VaultSimulator({ clock: DOCS_NOW, ...options }).start();
}

export function passwordCredentials(simulator: VaultSimulator, user = ADMIN, extra: IDataObject = {}): CredentialStore {
	const store = newCredentialStore();
	store.set(CREDENTIAL_ID, {
		vaultDns: simulator.baseUrl,
		apiVersion: 'v25.2',
		authMethod: 'password',
		username: user.username,
		password: user.password,
		...extra,
	});
	return store;
}

export function tokenCredentials(simulator: VaultSimulator, token = ADMIN_TOKEN, extra: IDataObject = {}): CredentialStore {
	const store = newCredentialStore();
	store.set(CREDENTIAL_ID, { vaultDns: simulator.baseUrl, apiVersion: 'v25.2', authMethod: 'token', accessToken: token, ...extra });
	return store;
}

/** The simulator's IdP clients: mapped to the admin, to the user of another Vault, to nobody. */
export const [OAUTH_CLIENT, OAUTH_ELSEWHERE_CLIENT, OAUTH_UNMAPPED_CLIENT] = defaultOAuthClients;
export const OAUTH_PROFILE = defaultOAuthProfiles[0].id;

/** An OAuth 2.0 / OpenID Connect credential for a simulator started with `oauth: true`. */
export function oauthCredentials(simulator: VaultSimulator, client: SimOAuthClient = OAUTH_CLIENT, extra: IDataObject = {}): CredentialStore {
	const store = newCredentialStore();
	store.set(CREDENTIAL_ID, {
		vaultDns: simulator.baseUrl,
		apiVersion: 'v25.2',
		authMethod: 'oauth',
		oauthTokenUrl: simulator.idpTokenUrl,
		oauthClientId: client.clientId,
		oauthClientSecret: client.clientSecret,
		oauthScope: 'veeva.vault',
		oauthProfileId: OAUTH_PROFILE,
		oauthLoginHost: simulator.loginUrl,
		...extra,
	});
	return store;
}

export const listAll = { resource: 'uploadSession', operation: 'getAll', returnAll: true };

/** A fresh simulator (with `options`) and a password credential for the admin, for each test. */
export function simulatorPerTest(options: SimulatorOptions = {}): { simulator: VaultSimulator; credentials: CredentialStore } {
	const vault = {} as { simulator: VaultSimulator; credentials: CredentialStore };
	beforeEach(async () => {
		vault.simulator = await startSimulator(options);
		vault.credentials = passwordCredentials(vault.simulator);
	});
	afterEach(async () => {
		await vault.simulator.stop();
	});
	return vault;
}

/** The parameters of an Upload Session operation. */
export function uploadSessionOp(operation: string, parameters: IDataObject = {}): IDataObject {
	return { resource: 'uploadSession', operation, ...parameters };
}
