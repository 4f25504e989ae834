// VQL → Run Query: one item per record, Vault's pages followed, Vault's errors in the words of the field.
import { runVaultNode } from '../../harness/engine';
import { simulatorPerTest } from '../../harness/vault';

const vault = simulatorPerTest({ seed: false });
const runQuery = (query: string, extra = {}) => ({ resource: 'vql', operation: 'query', query, returnAll: true, ...extra });

async function addDocuments(count: number): Promise<void> {
	for (let index = 1; index <= count; index++) vault.simulator.addDocument({ name__v: `Doc ${index}`, createdAgoMs: index * 3_600_000 });
}

test('Return All gives one item per record, every page followed in order, each paired with its input item', async () => {
	await addDocuments(5);
	const { items, error } = await runVaultNode(vault.credentials, { parameters: runQuery('SELECT id, name__v FROM documents ORDER BY id PAGESIZE 2') });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.name__v)).toEqual(['Doc 1', 'Doc 2', 'Doc 3', 'Doc 4', 'Doc 5']);
	expect(Object.keys(items[0].json)).toEqual(['id', 'name__v']);
	expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(vault.simulator.count('query')).toBe(1);
	expect(vault.simulator.count('queryPage')).toBe(2);
});

test('Limit stops reading pages as soon as it has enough records', async () => {
	await addDocuments(7);
	const { items } = await runVaultNode(vault.credentials, { parameters: runQuery('SELECT id FROM documents PAGESIZE 2', { returnAll: false, limit: 3 }) });
	expect(items).toHaveLength(3);
	expect(vault.simulator.count('query') + vault.simulator.count('queryPage')).toBe(2);
});

test('a query that selects nothing gives no item', async () => {
	const { items, error } = await runVaultNode(vault.credentials, { parameters: runQuery("SELECT id FROM documents WHERE status__v = 'Obsolete'") });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(0);
});

test('each input item runs its own query (an expression), output in input order', async () => {
	await addDocuments(3);
	const { items } = await runVaultNode(vault.credentials, {
		parameters: runQuery("={{ \"SELECT name__v FROM documents WHERE name__v = '\" + $json.name + \"'\" }}"),
		inputItems: [{ json: { name: 'Doc 3' } }, { json: { name: 'Doc 1' } }, { json: { name: 'Doc 2' } }],
	});
	expect(items.map((item) => [item.json.name__v, (item.pairedItem as { item: number }).item])).toEqual([
		['Doc 3', 0],
		['Doc 1', 1],
		['Doc 2', 2],
	]);
});

test('Vault\'s refusal fails the item with Vault\'s words and what to fix in the VQL Query field', async () => {
	const syntax = await runVaultNode(vault.credentials, { parameters: runQuery('SELECT id FROM documents WHERE') });
	expect(syntax.error?.message).toContain('INCORRECT_QUERY_SYNTAX_ERROR');
	expect(syntax.error?.description).toContain('VQL Query field');
	const unknownField = await runVaultNode(vault.credentials, { parameters: runQuery('SELECT colour__c FROM documents') });
	expect(unknownField.error?.message).toContain('Invalid field [colour__c]');
	expect(unknownField.error?.description).toContain('VQL Query field');
});

test('an empty query is refused before any request, with the item index', async () => {
	const { error } = await runVaultNode(vault.credentials, { parameters: runQuery('   '), inputItems: [{ json: {} }] });
	expect(error?.message).toBe('The VQL Query is empty');
	expect(vault.simulator.requests).toHaveLength(0);
});

test('when Vault has ended the session, the query signs in once more and returns its records', async () => {
	await addDocuments(2);
	await runVaultNode(vault.credentials, { parameters: runQuery('SELECT id FROM documents') });
	vault.simulator.expireSessions();
	const { items, error } = await runVaultNode(vault.credentials, { parameters: runQuery('SELECT id FROM documents') });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(vault.simulator.count('auth')).toBe(2);
});
