// Default data of the simulated Vault. The three upload sessions are the ones on Veeva's
// "List Upload Sessions" reference page; their dates are rebased onto the simulator's clock.

export interface SimUser {
	id: number;
	username: string;
	password: string;
	admin: boolean;
	/** "API: Access API" permission. Without it /auth works and every other call fails. */
	apiAccess: boolean;
	active: boolean;
	/** Vault ids the user may log into; the first one is where Vault's silent fallback lands. */
	vaultIds: number[];
	/** Federated ID: the subject of an identity provider's token that Vault maps to this user. */
	federatedId?: string;
}

/** An application registered at the simulated identity provider (client credentials grant). */
export interface SimOAuthClient {
	clientId: string;
	clientSecret: string;
	/** Scopes the client may ask for; a request without `scope` gets them all. */
	scopes: string[];
	/** The token's audience when the request names none. */
	audience: string;
}

/** A Vault OAuth 2.0 / OpenID Connect profile: whose tokens Vault takes, for which audience. */
export interface SimOAuthProfile {
	id: string;
	name: string;
	/** The tokens' issuer; null means the simulator's own identity provider. */
	issuer: string | null;
	audience: string;
}

export interface SimVault {
	id: number;
	name: string;
	/** Host (and port) of the Vault; `null` means "the host the simulator is reached on". */
	host: string | null;
}

export interface SeedUploadSession {
	id: string;
	path: string;
	owner: number;
	size: number;
	uploaded: number;
	uploaded_parts: number;
	created_date: string;
	last_uploaded_date: string;
	expiration_date: string;
	overwrite?: boolean;
}

/** The moment the reference page's examples were taken (just after its last upload). */
export const DOCS_NOW = '2020-10-07T20:00:00.000Z';

export const SIMULATED_VAULT_ID = 1000;

export const defaultVaults: SimVault[] = [
	{ id: SIMULATED_VAULT_ID, name: 'Simulated Vault', host: null },
	{ id: 2000, name: 'Other Vault', host: 'other-vault.veevavault.example' },
];

export const defaultUsers: SimUser[] = [
	{
		id: 10001400,
		username: 'admin@sim.veevavault.example',
		password: 'admin-password',
		admin: true,
		apiAccess: true,
		active: true,
		vaultIds: [SIMULATED_VAULT_ID, 2000],
		federatedId: 'vault-sim-integration',
	},
	{
		id: 10001500,
		username: 'uploader@sim.veevavault.example',
		password: 'uploader-password',
		admin: false,
		apiAccess: true,
		active: true,
		vaultIds: [SIMULATED_VAULT_ID],
	},
	{
		id: 10001600,
		username: 'noapi@sim.veevavault.example',
		password: 'noapi-password',
		admin: false,
		apiAccess: false,
		active: true,
		vaultIds: [SIMULATED_VAULT_ID],
	},
	{
		id: 10001700,
		username: 'elsewhere@sim.veevavault.example',
		password: 'elsewhere-password',
		admin: false,
		apiAccess: true,
		active: true,
		vaultIds: [2000],
		federatedId: 'vault-sim-elsewhere',
	},
];

/** API access tokens: token → user id. */
export const defaultApiTokens: Record<string, number> = {
	'veeva-vault-sim-admin-token': 10001400,
	'veeva-vault-sim-uploader-token': 10001500,
};

/** The audience of tokens for the simulated Vault, as an API registered at an IdP names it. */
export const SIM_OAUTH_AUDIENCE = 'api://veeva-vault-sim';

/** Applications registered at the simulated identity provider. The client ID is the token's
 * subject, which Vault maps to the user with that Federated ID. */
export const defaultOAuthClients: SimOAuthClient[] = [
	{ clientId: 'vault-sim-integration', clientSecret: 'vault-sim-integration-secret', scopes: ['veeva.vault', 'openid'], audience: SIM_OAUTH_AUDIENCE },
	{ clientId: 'vault-sim-elsewhere', clientSecret: 'vault-sim-elsewhere-secret', scopes: ['veeva.vault'], audience: SIM_OAUTH_AUDIENCE },
	{ clientId: 'vault-sim-unmapped', clientSecret: 'vault-sim-unmapped-secret', scopes: ['veeva.vault'], audience: SIM_OAUTH_AUDIENCE },
];

export const defaultOAuthProfiles: SimOAuthProfile[] = [
	{ id: '0oa-sim-profile', name: 'Simulated IdP', issuer: null, audience: SIM_OAUTH_AUDIENCE },
];

export const seedUploadSessions: SeedUploadSession[] = [
	{
		path: '/u10001400/Gludacta-2021/Gludacta-Flyer.docx',
		id: 'yYFg7jN_fZBmUD9Tj98RkL2yqtbTdIh17iy02nd5pby62oqVJLXv.R.ea1jSr786rgwpf7Vx3RmmQ--',
		expiration_date: '2020-10-10T18:32:55.000Z',
		created_date: '2020-10-07T18:32:55.000Z',
		last_uploaded_date: '2020-10-07T19:27:07.000Z',
		owner: 10001400,
		uploaded_parts: 1,
		size: 1273267,
		uploaded: 1273267,
	},
	{
		path: '/u10001400/Gludacta-2021/GludactaPackageBrochure.pdf',
		id: 'JEtOyUb9i.DXVbtW7xZT7jWr2rNLWtdWrV7IPCo9aILqd.k8nlNNlG3SbplEVDJulPijrFwnelJw--',
		expiration_date: '2020-10-10T19:11:57.000Z',
		created_date: '2020-10-07T19:11:57.000Z',
		last_uploaded_date: '2020-10-07T19:11:57.000Z',
		owner: 10001400,
		uploaded_parts: 0,
		size: 1438827,
		uploaded: 0,
	},
	{
		path: '/u10001400/cholecap-2021/Cholecap-Commercial-2021.mp4',
		id: 'TpE_3roGfhpCppmk9ltKaEAbb8.kWbZEe6xDuW3lNa42801RbIEPJaWG07xvwrITJgVmXDw3UVL1w--',
		expiration_date: '2020-10-10T19:30:18.000Z',
		created_date: '2020-10-07T19:30:18.000Z',
		last_uploaded_date: '2020-10-07T19:38:29.000Z',
		owner: 10001400,
		uploaded_parts: 2,
		size: 32862312,
		uploaded: 10485760,
	},
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Documents for VQL, by age: two from this week, one older (field names as in Vault's documents). */
export const seedDocuments: Array<Record<string, string | number> & { createdAgoMs: number }> = [
	{ name__v: 'Gludacta Flyer', title__v: 'Gludacta flyer 2021', type__v: 'Promotional Piece', status__v: 'Approved', major_version_number__v: 1, minor_version_number__v: 0, createdAgoMs: 40 * DAY_MS },
	{ name__v: 'Cholecap Protocol', title__v: 'Cholecap phase III protocol', type__v: 'Clinical', status__v: 'Draft', createdAgoMs: 1 * DAY_MS },
	{ name__v: 'Cholecap Label', title__v: 'Cholecap US label', type__v: 'Regulatory', status__v: 'In Review', createdAgoMs: 2 * 60 * 60 * 1000 },
];

/** The seed's Vault Admin, user without admin rights, and the admin's API token, for tests, the
 * demo and the benchmark. */
export const SEED_ADMIN = defaultUsers.find((user) => user.admin)!;
export const SEED_UPLOADER = defaultUsers.find((user) => user.username.startsWith('uploader'))!;
export const SEED_ADMIN_TOKEN = Object.keys(defaultApiTokens).find((token) => defaultApiTokens[token] === SEED_ADMIN.id)!;
