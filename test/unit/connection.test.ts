import { createHash } from 'node:crypto';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeTypes } from 'n8n-workflow';

import { VeevaVaultApi } from '../../credentials/VeevaVaultApi.credentials';
import { CREDENTIAL_TYPE, DEFAULT_API_VERSION, apiBaseUrl, clientIdOf, hostOf, validApiVersion, vaultBaseUrl } from '../../nodes/VeevaVault/transport/connection';
import { sessionFingerprint } from '../../nodes/VeevaVault/auth/password';

describe('vaultBaseUrl', () => {
	test.each([
		['myvault.veevavault.com', 'https://myvault.veevavault.com'],
		['  MyVault.VeevaVault.com  ', 'https://myvault.veevavault.com'],
		['myvault.veevavault.com/', 'https://myvault.veevavault.com'],
		['myvault.veevavault.com/api', 'https://myvault.veevavault.com'],
		['https://myvault.veevavault.com', 'https://myvault.veevavault.com'],
		['https://myvault.veevavault.com/api/', 'https://myvault.veevavault.com'],
		['HTTPS://myvault.veevavault.com//', 'https://myvault.veevavault.com'],
		['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
		['127.0.0.1:8123', 'https://127.0.0.1:8123'],
		['http://localhost:8123/api', 'http://localhost:8123'],
	])('%j → %s', (input, expected) => {
		expect(vaultBaseUrl(input)).toBe(expected);
	});

	const EMPTY = "The Vault DNS is empty. Enter your Vault's host name, e.g. myvault.veevavault.com.";
	const notADns = (input: string) =>
		`"${input}" is not a Vault DNS. Enter the Vault's host name (myvault.veevavault.com) or its base URL (https://myvault.veevavault.com), without a user name or password.`;
	test.each([
		['', EMPTY],
		['   ', EMPTY],
		['ftp://myvault.veevavault.com', notADns('ftp://myvault.veevavault.com')],
		['https://myvault.veevavault.com/api/v25.2/objects', notADns('https://myvault.veevavault.com/api/v25.2/objects')],
		// The password typed into the URL never reaches the message.
		['https://user:secret@myvault.veevavault.com', notADns('https://…@myvault.veevavault.com')],
		['user:secret@myvault.veevavault.com/api', notADns('…@myvault.veevavault.com/api')],
		['https://myvault.veevavault.com?x=1', notADns('https://myvault.veevavault.com?x=1')],
		['my vault.veevavault.com', notADns('my vault.veevavault.com')],
		['myvault_.veevavault.com', notADns('myvault_.veevavault.com')],
	])('%j is refused: %s', (input, message) => {
		expect(() => vaultBaseUrl(input)).toThrow(message);
	});

	test('the refusal says what a valid value looks like', () => {
		expect(() => vaultBaseUrl('https://x.veevavault.com/somewhere')).toThrow(
			'"https://x.veevavault.com/somewhere" is not a Vault DNS. Enter the Vault\'s host name (myvault.veevavault.com) or its base URL (https://myvault.veevavault.com), without a user name or password.',
		);
	});
});

describe('API version and Client ID', () => {
	test.each(['v25.2', ' v21.1 ', 'v26.2'])('%j is a valid API version', (version) => {
		expect(validApiVersion(version)).toBe(version.trim());
	});

	test.each(['25.2', 'v25', 'v25.2.1', 'latest', ''])('%j is not', (version) => {
		expect(() => validApiVersion(version)).toThrow(`"${version}" is not a Vault API version. Use the form v25.2.`);
	});

	test('apiBaseUrl joins the normalised DNS and the version', () => {
		expect(apiBaseUrl({ vaultDns: 'myvault.veevavault.com/api/', apiVersion: 'v25.2' })).toBe('https://myvault.veevavault.com/api/v25.2');
	});

	test('an empty Client ID falls back to the package\'s own', () => {
		expect(clientIdOf({ clientId: '  ' })).toBe('n8n-nodes-veeva-vault');
		expect(clientIdOf({ clientId: ' acme-qa ' })).toBe('acme-qa');
	});
});

describe('session fingerprint', () => {
	const session = 'A1B2C3D4E5F6';
	const ann = { vaultDns: 'myvault.veevavault.com', username: 'ann@example.com', password: 'correct horse' };

	test('is the same for the same Vault and user however they are written', () => {
		expect(sessionFingerprint(ann, session)).toBe(
			sessionFingerprint({ ...ann, vaultDns: 'https://MyVault.veevavault.com/api/', username: ' Ann@Example.com' }, session),
		);
	});

	test('differs for another user, Vault or password, and for another session', () => {
		const base = sessionFingerprint(ann, session);
		expect(sessionFingerprint({ ...ann, username: 'bob@example.com' }, session)).not.toBe(base);
		expect(sessionFingerprint({ ...ann, vaultDns: 'other.veevavault.com' }, session)).not.toBe(base);
		expect(sessionFingerprint({ ...ann, password: 'correct horse!' }, session)).not.toBe(base);
		expect(sessionFingerprint(ann, 'F6E5D4C3B2A1')).not.toBe(base);
	});

	test('holds neither the password nor a plain hash of it', () => {
		const fingerprint = sessionFingerprint(ann, session);
		expect(fingerprint).not.toContain(ann.password);
		for (const algorithm of ['md5', 'sha1', 'sha256']) {
			expect(createHash(algorithm).update(ann.password).digest('hex')).not.toContain(fingerprint);
		}
	});
});

describe('the credential test\'s base URL expression', () => {
	const credential = new VeevaVaultApi();
	const node: INode = { id: 'n', name: 'Temp', type: 'test.noop', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodeTypes = { getByName: () => ({ description: { properties: [] } }), getByNameAndVersion: () => ({ description: { properties: [] } }), getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

	test.each([
		'myvault.veevavault.com',
		' https://myvault.veevavault.com/api/ ',
		'http://127.0.0.1:8123//',
		'HTTP://localhost:8123/API',
	])('resolves %j as vaultBaseUrl() does (case aside)', (vaultDns) => {
		const resolved = workflow.expression.getSimpleParameterValue(node, credential.test.request.baseURL!, 'internal', {
			$credentials: { vaultDns },
		});
		expect(String(resolved).toLowerCase()).toBe(vaultBaseUrl(vaultDns));
	});

	test('the hidden session fields default to empty, so n8n logs in on first use', () => {
		const defaults = NodeHelpers.getNodeParameters(credential.properties, {}, true, false, null, null);
		expect(defaults).toMatchObject({ sessionToken: '', sessionFingerprint: '', authMethod: 'password', apiVersion: 'v25.2' });
	});
});

describe('vaultBaseUrl at its edges', () => {
	test.each([
		['a.b', 'https://a.b'],
		['a', 'https://a'],
		['my-vault.veevavault.com', 'https://my-vault.veevavault.com'],
		['vault-01.eu-2.veevavault.com', 'https://vault-01.eu-2.veevavault.com'],
		['1.2.3.4', 'https://1.2.3.4'],
		['https://myvault.veevavault.com/API', 'https://myvault.veevavault.com'],
		['https://myvault.veevavault.com/api//', 'https://myvault.veevavault.com'],
		['https://myvault.veevavault.com:443', 'https://myvault.veevavault.com'],
		['http://myvault.veevavault.com:80/', 'http://myvault.veevavault.com'],
		['myvault.veevavault.com:65535', 'https://myvault.veevavault.com:65535'],
		['\thttps://myvault.veevavault.com\n', 'https://myvault.veevavault.com'],
	])('%j → %s', (input, expected) => {
		expect(vaultBaseUrl(input)).toBe(expected);
	});

	test.each([
		'https://myvault.veevavault.com#top',
		'https://:secret@myvault.veevavault.com',
		'https://user@myvault.veevavault.com',
		'https://myvault.veevavault.com/apix',
		'https://myvault.veevavault.com/x/api',
		'https://myvault.veevavault.com/api/x',
		'myvault.veevavault.com:65536',
		'-myvault.veevavault.com',
		'myvault-.veevavault.com',
		'myvault..veevavault.com',
		'https://[::1]:8123',
		'ws://myvault.veevavault.com',
		'file:///etc/passwd',
		'https://',
		'myvault.veevavault.com/api?x',
	])('%j is refused', (input) => {
		// What stands before an @ (a user name, a password) is never repeated.
		const shown = input.trim().replace(/^(https:\/\/)?[^/]*@/, '$1…@');
		expect(() => vaultBaseUrl(input)).toThrow(`"${shown}" is not a Vault DNS. Enter the Vault's host name`);
	});

	test('a value that is not given at all is empty', () => {
		expect(() => vaultBaseUrl(undefined as unknown as string)).toThrow(
			"The Vault DNS is empty. Enter your Vault's host name, e.g. myvault.veevavault.com.",
		);
	});

	test('a scheme is recognised whatever its case, and https is added only where none is given', () => {
		expect(vaultBaseUrl('Http://localhost:8123')).toBe('http://localhost:8123');
		expect(vaultBaseUrl('localhost:8123')).toBe('https://localhost:8123');
	});
});

describe('validApiVersion, apiBaseUrl, clientIdOf and hostOf at their edges', () => {
	test.each(['v1.0', 'v100.25'])('%j is a valid API version', (version) => {
		expect(validApiVersion(version)).toBe(version);
	});

	test.each(['V25.2', 'v25.2x', 'xv25.2', 'v.2', 'v25.', 'v2a.2'])('%j is not', (version) => {
		expect(() => validApiVersion(version)).toThrow(`"${version}" is not a Vault API version. Use the form v25.2.`);
	});

	test('a version that is not given at all is not valid', () => {
		expect(() => validApiVersion(undefined as unknown as string)).toThrow('"undefined" is not a Vault API version. Use the form v25.2.');
	});

	test('apiBaseUrl checks both halves', () => {
		expect(apiBaseUrl({ vaultDns: 'http://127.0.0.1:8123', apiVersion: ' v26.2 ' })).toBe('http://127.0.0.1:8123/api/v26.2');
		expect(() => apiBaseUrl({ vaultDns: 'myvault.veevavault.com', apiVersion: '26.2' })).toThrow('"26.2" is not a Vault API version. Use the form v25.2.');
		expect(() => apiBaseUrl({ vaultDns: '', apiVersion: 'v26.2' })).toThrow("The Vault DNS is empty. Enter your Vault's host name, e.g. myvault.veevavault.com.");
	});

	test('the nodes ask for the credential by its own name, and default to its API version', () => {
		const credential = new VeevaVaultApi();
		expect(CREDENTIAL_TYPE).toBe(credential.name);
		expect(credential.properties.find((property) => property.name === 'apiVersion')?.default).toBe(DEFAULT_API_VERSION);
	});

	test('a missing Client ID falls back to the package\'s own', () => {
		expect(clientIdOf({})).toBe('n8n-nodes-veeva-vault');
		expect(clientIdOf({ clientId: '' })).toBe('n8n-nodes-veeva-vault');
	});

	test('hostOf: host and port, lower-cased; null for what is no absolute URL', () => {
		expect(hostOf('https://MyVault.VeevaVault.com/api/v25.2')).toBe('myvault.veevavault.com');
		expect(hostOf('http://127.0.0.1:8123/x')).toBe('127.0.0.1:8123');
		expect(hostOf('https://myvault.veevavault.com:443/')).toBe('myvault.veevavault.com');
		expect(hostOf('/api/v25.2')).toBeNull();
		expect(hostOf('not a url')).toBeNull();
		expect(hostOf('')).toBeNull();
	});
});
