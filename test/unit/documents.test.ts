import { checkDocumentFileSize, documentsVql, parseVersion, validDocumentId } from '../../nodes/VeevaVault/rules/documents';

describe('documents rules', () => {
	test('a source file over 4 GB is refused with the way round it: stage it, then create from the staging path', () => {
		expect(() => checkDocumentFileSize(4 * 1024 ** 3, 'data')).not.toThrow();
		expect(() => checkDocumentFileSize(4 * 1024 ** 3 + 1, 'data')).toThrow('The file in "data" is 4.0 GB; Vault takes at most 4 GB in one request');
		const refusal = (() => {
			try {
				checkDocumentFileSize(5 * 1024 ** 3, 'scan');
			} catch (error) {
				return error;
			}
			return undefined;
		})();
		expect(refusal).toMatchObject({ description: expect.stringContaining('with Source set to "File Staging Path"') });
	});

	test('versions are major.minor, empty for the latest; document IDs whole numbers', () => {
		expect(parseVersion('')).toBeUndefined();
		expect(parseVersion(' 1.0 ')).toEqual({ major: 1, minor: 0 });
		expect(() => parseVersion('v1')).toThrow('Version → "v1" is not a version number');
		expect(validDocumentId(' 101 ')).toBe('101');
		expect(() => validDocumentId('101/../5')).toThrow('is not a document ID');
		expect(() => validDocumentId('')).toThrow('Document is empty');
	});

	test('filters as VQL: quotes escaped, dates as UTC instants, name or number as one OR, a raw WHERE in parentheses', () => {
		expect(documentsVql(['id'], {}, '')).toBe('SELECT id FROM documents');
		expect(documentsVql(['id', 'name__v'], { documentType: 'General', lifecycleState: 'Approved', modifiedSince: '2026-11-30', nameOrNumberContains: "O'Brien%" }, 'lifecycle__v = \'X\' OR id = 1')).toBe(
			"SELECT id, name__v FROM documents WHERE type__v = 'General' AND status__v = 'Approved' AND version_modified_date__v >= '2026-11-30T00:00:00.000Z' AND (name__v LIKE '%O\\'Brien%' OR document_number__v LIKE '%O\\'Brien%') AND (lifecycle__v = 'X' OR id = 1)",
		);
		expect(() => documentsVql(['id'], { modifiedSince: 'last monday' }, '')).toThrow('Filters → Modified Since "last monday" is not a date');
	});
});
