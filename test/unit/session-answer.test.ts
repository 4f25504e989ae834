import { sessionAnswerOf } from '../../nodes/VeevaVault/auth/signInSteps';

test('a sign-in answer is read field by field: the session ID, the user, and the Vaults that have an ID and a URL', () => {
	const answer = sessionAnswerOf({
		responseStatus: 'SUCCESS',
		sessionId: 'S1',
		userId: 61,
		vaultId: 2,
		vaultIds: [{ id: 2, name: 'Other Vault', url: 'https://other.veevavault.com/api' }, { id: '3', name: 'No number', url: 'https://x' }, null, { id: 4 }],
	});
	expect(answer).toEqual({ sessionId: 'S1', userId: 61, vaultId: 2, vaultIds: [{ id: 2, name: 'Other Vault', url: 'https://other.veevavault.com/api' }] });
});

test.each([[undefined], [''], [42]])('an answer whose session ID is %p has no session', (sessionId) => {
	expect(sessionAnswerOf({ responseStatus: 'SUCCESS', sessionId })).toBeNull();
});

test('an answer without Vaults reads as a session in no named Vault', () => {
	expect(sessionAnswerOf({ responseStatus: 'SUCCESS', sessionId: 'S1', vaultIds: 'none' })).toEqual({ sessionId: 'S1', vaultIds: [] });
});
