import { InvalidInputError } from '../../nodes/VeevaVault/rules/inputError';
import {
	DEFAULT_PART_MB,
	DIRECT_UPLOAD_MAX_BYTES,
	MAX_FILE_BYTES,
	MIN_PART_BYTES,
	MiB,
	partLimits,
	planParts,
	validFileSize,
	validIdSegment,
	validItemName,
	validItemPath,
	validStagingPath,
	withVisibleControlCharacters,
} from '../../nodes/VeevaVault/rules/stagingRules';

const GiB = 1024 * MiB;

/** The error a call throws; fails the test when it throws nothing or something else. */
function inputErrorOf(call: () => unknown): InvalidInputError {
	try {
		call();
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidInputError);
		return error as InvalidInputError;
	}
	throw new Error('expected an InvalidInputError, nothing was thrown');
}

test('the documented sizes: MiB, 5 MB smallest part, 50 MB direct uploads, 500 GB largest file', () => {
	expect(MiB).toBe(1_048_576);
	expect(MIN_PART_BYTES).toBe(5_242_880);
	expect(DIRECT_UPLOAD_MAX_BYTES).toBe(52_428_800);
	expect(MAX_FILE_BYTES).toBe(536_870_912_000);
});

describe('partLimits', () => {
	const before = { maxPartBytes: 50 * MiB, maxParts: 2000 };
	const since = { maxPartBytes: 52 * MiB, maxParts: 9616 };

	test.each([
		['v21.1', before],
		['v25.2', before],
		['v26.1', before],
		['v26.2', since],
		['v26.3', since],
		['v26.10', since],
		['v27.0', since],
		['v30.1', since],
		['26.2', since],
		['26.1', before],
	])('%s → %j', (version, limits) => {
		expect(partLimits(version)).toEqual(limits);
	});
});

describe('planParts', () => {
	test('a small file takes one part of the default 25 MB', () => {
		expect(DEFAULT_PART_MB).toBe(25);
		expect(planParts(1, 'v25.2')).toEqual({ partBytes: 25 * MiB, partCount: 1 });
		expect(planParts(60 * MiB, 'v25.2')).toEqual({ partBytes: 25 * MiB, partCount: 3 });
		expect(planParts(75 * MiB, 'v25.2')).toEqual({ partBytes: 25 * MiB, partCount: 3 });
		expect(planParts(75 * MiB + 1, 'v25.2')).toEqual({ partBytes: 25 * MiB, partCount: 4 });
	});

	test('keeps 25 MB parts up to exactly 2000 of them (50,000 MB)', () => {
		expect(planParts(2000 * 25 * MiB, 'v25.2')).toEqual({ partBytes: 25 * MiB, partCount: 2000 });
	});

	test('grows the part size by whole MB past 2000 × 25 MB, so the file still fits in 2000 parts', () => {
		expect(planParts(2000 * 25 * MiB + 1, 'v25.2')).toEqual({ partBytes: 26 * MiB, partCount: 1924 });
		// 50 GB: 25.6 MB per part at least, rounded up to 26 MB.
		expect(planParts(50 * GiB, 'v25.2')).toEqual({ partBytes: 26 * MiB, partCount: 1970 });
		expect(planParts(60 * GiB, 'v25.2')).toEqual({ partBytes: 31 * MiB, partCount: 1982 });
	});

	test('from v26.2 the 9616 parts keep 25 MB parts for much larger files', () => {
		expect(planParts(50 * GiB, 'v26.2')).toEqual({ partBytes: 25 * MiB, partCount: 2048 });
		expect(planParts(9616 * 25 * MiB, 'v26.2')).toEqual({ partBytes: 25 * MiB, partCount: 9616 });
		expect(planParts(9616 * 25 * MiB + 1, 'v26.2')).toEqual({ partBytes: 26 * MiB, partCount: 9247 });
	});

	test('uses a requested part size from 5 MB to the API version\'s maximum', () => {
		expect(planParts(100 * MiB, 'v25.2', 5)).toEqual({ partBytes: 5 * MiB, partCount: 20 });
		expect(planParts(100 * MiB, 'v25.2', 50)).toEqual({ partBytes: 50 * MiB, partCount: 2 });
		expect(planParts(104 * MiB, 'v26.2', 52)).toEqual({ partBytes: 52 * MiB, partCount: 2 });
		// A requested size is taken as it is, even where the default would be larger.
		expect(planParts(2000 * 25 * MiB, 'v25.2', 25)).toEqual({ partBytes: 25 * MiB, partCount: 2000 });
	});

	test.each([
		[4, 'v25.2', 'Part size 4 MB is out of range: use a whole number from 5 to 50 MB for API v25.2.'],
		[51, 'v25.2', 'Part size 51 MB is out of range: use a whole number from 5 to 50 MB for API v25.2.'],
		[53, 'v26.2', 'Part size 53 MB is out of range: use a whole number from 5 to 52 MB for API v26.2.'],
		[10.5, 'v25.2', 'Part size 10.5 MB is out of range: use a whole number from 5 to 50 MB for API v25.2.'],
		[Number.NaN, 'v25.2', 'Part size NaN MB is out of range: use a whole number from 5 to 50 MB for API v25.2.'],
	])('refuses a part size of %s MB for %s', (partMb, version, message) => {
		expect(inputErrorOf(() => planParts(100 * MiB, version, partMb)).message).toBe(message);
	});

	test('refuses a requested part size that would need more parts than the API version allows', () => {
		expect(planParts(2000 * 5 * MiB, 'v25.2', 5)).toEqual({ partBytes: 5 * MiB, partCount: 2000 });
		expect(inputErrorOf(() => planParts(2000 * 5 * MiB + 1, 'v25.2', 5)).message).toBe(
			'With 5 MB parts the file needs 2001 parts; API v25.2 allows 2000. Choose a part size of at least 6 MB.',
		);
		expect(inputErrorOf(() => planParts(90 * GiB, 'v25.2', 10)).message).toBe(
			'With 10 MB parts the file needs 9216 parts; API v25.2 allows 2000. Choose a part size of at least 47 MB.',
		);
	});

	test('refuses a file larger than the API version\'s parts can hold, whatever the part size, and says which version takes it', () => {
		expect(planParts(2000 * 50 * MiB, 'v25.2')).toEqual({ partBytes: 50 * MiB, partCount: 2000 });
		const before26 = inputErrorOf(() => planParts(2000 * 50 * MiB + 1, 'v25.2'));
		expect(before26.message).toBe(`The file has ${2000 * 50 * MiB + 1} bytes; API v25.2 takes at most 2000 parts of 50 MB (${2000 * 50 * MiB} bytes) in one upload session.`);
		expect(before26.description).toBe('Choose API version v26.2 or later in the credential: it allows 9616 parts of 52 MB.');
		expect(inputErrorOf(() => planParts(100 * GiB, 'v25.2', 10)).message).toBe(
			`The file has ${100 * GiB} bytes; API v25.2 takes at most 2000 parts of 50 MB (${2000 * 50 * MiB} bytes) in one upload session.`,
		);
		expect(planParts(9616 * 52 * MiB, 'v26.2')).toEqual({ partBytes: 52 * MiB, partCount: 9616 });
		const from26 = inputErrorOf(() => planParts(9616 * 52 * MiB + 1, 'v26.2'));
		expect(from26.message).toBe(`The file has ${9616 * 52 * MiB + 1} bytes; API v26.2 takes at most 9616 parts of 52 MB (${9616 * 52 * MiB} bytes) in one upload session.`);
		expect(from26.description).toBe('Split the file, e.g. into a multi-part archive.');
	});

	test('checks the file size first', () => {
		expect(inputErrorOf(() => planParts(0, 'v25.2', 4)).message).toBe('Size 0 is not a whole number of bytes of at least 1.');
		expect(inputErrorOf(() => planParts(MAX_FILE_BYTES + 1, 'v26.2')).message).toBe(
			"The file has 536870912001 bytes; Vault's File Staging accepts at most 500 GB (536870912000 bytes).",
		);
	});
});

describe('validFileSize', () => {
	test('accepts 1 byte to exactly 500 GB', () => {
		expect(MAX_FILE_BYTES).toBe(500 * GiB);
		expect(validFileSize(1)).toBe(1);
		expect(validFileSize(2)).toBe(2);
		expect(validFileSize(MAX_FILE_BYTES)).toBe(MAX_FILE_BYTES);
	});

	test('refuses one byte more than 500 GB', () => {
		expect(inputErrorOf(() => validFileSize(MAX_FILE_BYTES + 1)).message).toBe(
			"The file has 536870912001 bytes; Vault's File Staging accepts at most 500 GB (536870912000 bytes).",
		);
	});

	test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %s bytes', (bytes) => {
		expect(inputErrorOf(() => validFileSize(bytes)).message).toBe(`Size ${bytes} is not a whole number of bytes of at least 1.`);
	});
});

describe('validStagingPath', () => {
	test.each([
		['/inbox/report.pdf', '/inbox/report.pdf'],
		['  /inbox/report.pdf \n', '/inbox/report.pdf'],
		['/report.pdf', '/report.pdf'],
		['/inbox/.hidden', '/inbox/.hidden'],
		['/inbox/a..b', '/inbox/a..b'],
		['/inbox/...', '/inbox/...'],
		['/in box/ré~sumé.pdf', '/in box/ré~sumé.pdf'],
	])('%j is the path %j', (path, expected) => {
		expect(validStagingPath(path)).toBe(expected);
	});

	test.each([
		['', 'Path is empty. Enter a staging path such as /inbox/report.pdf.'],
		['   ', 'Path is empty. Enter a staging path such as /inbox/report.pdf.'],
		['inbox/report.pdf', 'Path "inbox/report.pdf" must start with a slash, e.g. /inbox/report.pdf.'],
		['/inbox/', 'Path "/inbox/" ends with a slash; it must name a file, e.g. /inbox/report.pdf.'],
		['/', 'Path "/" ends with a slash; it must name a file, e.g. /report.pdf.'],
		['/inbox/../etc/passwd', 'Path "/inbox/../etc/passwd" contains "." or ".." segments; give the path from the staging root, e.g. /inbox/report.pdf.'],
		['/inbox/./report.pdf', 'Path "/inbox/./report.pdf" contains "." or ".." segments; give the path from the staging root, e.g. /inbox/report.pdf.'],
		['/inbox/..', 'Path "/inbox/.." contains "." or ".." segments; give the path from the staging root, e.g. /inbox/report.pdf.'],
		// The segment check comes before the slash check: the message says what is really wrong.
		['../report.pdf', 'Path "../report.pdf" contains "." or ".." segments; give the path from the staging root, e.g. /inbox/report.pdf.'],
		['/inbox/a\tb.pdf', 'Path "/inbox/a\\tb.pdf" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox/report.pdf.'],
		['/inbox/a\nb.pdf', 'Path "/inbox/a\\nb.pdf" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox/report.pdf.'],
		['/inbox/\u0000.pdf', 'Path "/inbox/\\u0000.pdf" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox/report.pdf.'],
		['/inbox/\u001f.pdf', 'Path "/inbox/\\u001f.pdf" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox/report.pdf.'],
		['/inbox/\u007f.pdf', 'Path "/inbox/\\u007f.pdf" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox/report.pdf.'],
	])('refuses %j', (path, message) => {
		expect(inputErrorOf(() => validStagingPath(path)).message).toBe(message);
	});

	test('a path that is not given at all is empty', () => {
		expect(inputErrorOf(() => validStagingPath(undefined as unknown as string)).message).toBe('Path is empty. Enter a staging path such as /inbox/report.pdf.');
	});

	test('names the field it checks', () => {
		expect(inputErrorOf(() => validStagingPath('', 'Destination')).message).toBe('Destination is empty. Enter a staging path such as /inbox/report.pdf.');
		expect(inputErrorOf(() => validStagingPath('/a/', 'Destination')).message).toBe('Destination "/a/" ends with a slash; it must name a file, e.g. /a/report.pdf.');
	});
});

describe('validItemPath', () => {
	test.each([
		['/inbox', '/inbox'],
		['/inbox/', '/inbox'],
		['/inbox///', '/inbox'],
		[' /inbox/old/ ', '/inbox/old'],
		['/inbox/report.pdf', '/inbox/report.pdf'],
		['/', '/'],
		['///', '/'],
	])('%j is the item %j', (path, expected) => {
		expect(validItemPath(path)).toBe(expected);
	});

	test('refuses the root where it is not allowed', () => {
		expect(inputErrorOf(() => validItemPath('/', { allowRoot: false })).message).toBe(
			'Path is the staging root "/"; name a file or folder in it, e.g. /inbox/old.',
		);
		expect(inputErrorOf(() => validItemPath('//', { what: 'Folder', allowRoot: false })).message).toBe('Folder is the staging root "/"; name a file or folder in it, e.g. /inbox/old.');
		expect(validItemPath('/inbox/', { allowRoot: false })).toBe('/inbox');
	});

	test.each([
		['', 'Path is empty. Enter a staging path such as /inbox.'],
		['inbox', 'Path "inbox" must start with a slash, e.g. /inbox.'],
		['/inbox/..', 'Path "/inbox/.." contains "." or ".." segments; give the path from the staging root, e.g. /inbox.'],
		['/.', 'Path "/." contains "." or ".." segments; give the path from the staging root, e.g. /inbox.'],
		['/in\u007fbox', 'Path "/in\\u007fbox" contains control characters (such as a line break or a tab). Remove them; a staging path has none, e.g. /inbox.'],
	])('refuses %j', (path, message) => {
		expect(inputErrorOf(() => validItemPath(path)).message).toBe(message);
	});

	test('names the field it checks', () => {
		expect(inputErrorOf(() => validItemPath('x', { what: 'Folder' })).message).toBe('Folder "x" must start with a slash, e.g. /x.');
	});
});

describe('validItemName', () => {
	test.each([
		['report.pdf', 'report.pdf'],
		['  report.pdf\t', 'report.pdf'],
		['.hidden', '.hidden'],
		['...', '...'],
		['a..b', 'a..b'],
		['résumé final', 'résumé final'],
	])('%j is the name %j', (name, expected) => {
		expect(validItemName(name)).toBe(expected);
	});

	test.each([
		['', ''],
		['   ', ''],
		['.', '.'],
		['..', '..'],
		[' .. ', '..'],
		['a/b', 'a/b'],
		['/b', '/b'],
		['a\\b', 'a\\b'],
		['a\nb', 'a\nb'],
		['a\u007fb', 'a\u007fb'],
		['a\u0001b', 'a\u0001b'],
	])('refuses %j', (name, shown) => {
		expect(inputErrorOf(() => validItemName(name)).message).toBe(`New Name "${shown}" is not a file or folder name: no slashes, not "." or "..".`);
	});

	test('a name that is not given at all is refused', () => {
		expect(inputErrorOf(() => validItemName(undefined as unknown as string)).message).toBe('New Name "" is not a file or folder name: no slashes, not "." or "..".');
	});
});

describe('validIdSegment', () => {
	const fix = 'Map the upload session ID from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.';

	test.each([
		['0D1A2B3C', '0D1A2B3C'],
		['  0D1A2B3C \n', '0D1A2B3C'],
		[12345, '12345'],
		[0, '0'],
		['...', '...'],
		['a.b', 'a.b'],
		['.x', '.x'],
	])('%j is the ID %j', (value, expected) => {
		expect(validIdSegment(value, 'upload session ID')).toBe(expected);
	});

	test.each(['', '   ', '\n', undefined, null, true, {}, ['id']])('refuses %j as empty', (value) => {
		const error = inputErrorOf(() => validIdSegment(value, 'upload session ID'));
		expect(error.message).toBe('The upload session ID is empty');
		expect(error.description).toBe(fix);
	});

	test.each([
		['.', '.'],
		['..', '..'],
		[' .. ', '..'],
		['\t.', '.'],
	])('refuses %j: it would change the address', (value, shown) => {
		const error = inputErrorOf(() => validIdSegment(value, 'upload session ID'));
		expect(error.message).toBe(`The upload session ID "${shown}" is not an ID: "." and ".." would change which address the request goes to`);
		expect(error.description).toBe(fix);
	});

	test.each(['12\n34', 'ab\rcd', 'a\u0000b', 'a\u001fb', 'a\u007fb', '\u007f'])('refuses %j: control characters', (value) => {
		const error = inputErrorOf(() => validIdSegment(value, 'job ID'));
		expect(error.message).toBe('The job ID contains control characters (such as a line break)');
		expect(error.description).toBe('Remove them. Map the job ID from an earlier node, e.g. {{ $json.id }}, or paste it as Vault shows it.');
	});

	test('characters from space on (other than DEL) are kept, to be URL-encoded by the caller', () => {
		expect(validIdSegment('a b~cé', 'ID')).toBe('a b~cé');
	});
});

describe('found by mutation testing, then fixed', () => {
	test('an ID that is NaN or Infinity is refused like an empty one', () => {
		expect(inputErrorOf(() => validIdSegment(Number.NaN, 'job ID')).message).toBe('The job ID is empty');
		expect(inputErrorOf(() => validIdSegment(Number.POSITIVE_INFINITY, 'job ID')).message).toBe('The job ID is empty');
		expect(validIdSegment(70001, 'job ID')).toBe('70001');
	});

	test.each([['\u0085'], ['\u0080'], ['\u009f']])('the C1 control character %j is refused in IDs, paths and names', (character) => {
		expect(inputErrorOf(() => validIdSegment(`abc${character}def`, 'job ID')).message).toContain('control characters');
		expect(inputErrorOf(() => validStagingPath(`/inbox/a${character}b.pdf`)).message).toContain('control characters');
		expect(inputErrorOf(() => validItemName(`a${character}b`)).message).toContain('is not a file or folder name');
		expect(validItemName('a\u00a0b')).toBe('a\u00a0b');
	});
});

describe('withVisibleControlCharacters', () => {
	test.each([
		['/inbox/a\nb\r\t.pdf', '/inbox/a\\nb\\r\\t.pdf'],
		['/in\u0000\u001f\u007f\u0085\u009fbox', '/in\\u0000\\u001f\\u007f\\u0085\\u009fbox'],
		['/inbox/ä é\u00a0.pdf', '/inbox/ä é\u00a0.pdf'],
	])('%j is shown as %j', (text, shown) => {
		expect(withVisibleControlCharacters(text)).toBe(shown);
	});
});
