// Mutation tests of the pure modules (`npm run test:mutation`), against the unit tests in
// test/unit only; not part of `npm test` or CI. Reports go to reports/mutation/.
//
// Surviving mutants judged equivalent (no behaviour a caller can observe differs), by source line:
// - envelope.ts 33, parseVaultResponse: the catch block emptied. `json` is already undefined there.
// - envelope.ts 37, `json && typeof json === 'object' && STATUSES.includes(status)`: the first two
//   tests replaced by `true`, or joined with `||`. JSON.parse gives null, an object or a primitive,
//   and neither null (optional chaining) nor a primitive has a responseStatus, so the includes()
//   test alone decides.
// - envelope.ts 88, burstInfo: `value === undefined` replaced by false. Number(undefined) is NaN,
//   which the last test turns into null anyway.
// - secrets.ts 23, redact: `secrets.length === 0` replaced by false. With no secrets the loop adds
//   no form and the text comes back unchanged.
// - connection.ts 60, validApiVersion: the `?? ''` default replaced by other text. A missing version
//   fails the pattern either way, with the same message (which quotes the value given).
// - redirects.ts 25, judgeRedirect: the `?? ''` default of a missing Location replaced by other text.
//   Both resolve against the request's URL, and the next line refuses a missing Location.
// - itemFilters.ts 31 and sessionInsights.ts 26, 58: a missing date's `?? ''` replaced by other
//   text. Date.parse gives NaN for both.
// - sessionInsights.ts 71, checkedHours: `typeof value !== 'number'` replaced by false.
//   Number.isFinite is false for anything that is not a number, so the next test refuses it.
// - events.ts 50 and 76, `new Set(fresh ? [] : (previous.seen ?? []))`: either empty list replaced
//   by one holding the text "Stryker was here". Stalled keys hold "@" and file keys "|", and a fresh
//   state reports no created session or file, so no key can equal it; an expiring (or created)
//   session's key is its Vault ID, which has no spaces.
// - vaultEvents.ts 113, startsAfresh: `typeof previous.cursor !== 'string'` replaced by false.
//   Date.parse of anything but a string of a date is NaN, which the next test catches. 159, the
//   same two `new Set(fresh ? [] : (previous.seen ?? []))` mutants as events.ts: a fresh state
//   reports nothing, and no key is "Stryker was here" (every key holds a Vault ID, and "@" or digits only).
// - loaderRows.ts 57, CsvTaskWriter's first `pending` replaced by other text: the first row sets
//   it to the header before anything is written. 94, `>=` replaced by `>`: a chunk one character
//   longer. 105, `task && this.pending` replaced by `||`: with no task, pending is always empty;
//   the encoding 'utf8' replaced by "": Buffer.from defaults to UTF-8.
// - loaderRows.ts 25, `typeof value === 'object'` replaced by true before the toISO test: only a
//   function with a toISO method would differ, and no item's JSON holds functions.
// - csv.ts 163 and 164, CsvReader.countQuotedLineBreaks: `if (piece.length === 0) return` removed,
//   and the fast path for a piece without CR or LF skipped (its condition replaced by false, or either
//   indexOf's text replaced by "", which makes it false). The loop below gives the same count and
//   flag for such a piece; the fast path only saves the loop. (Taking the fast path more often, e.g.
//   `true && no LF`, is killed.)
// Equivalent for every value that reaches them, not for arbitrary text:
// - stagingRules.ts 19, partLimits: /^v/ replaced by /v/. They differ only for a version with a "v"
//   after its start (e.g. "26v.2"); every caller passes a version validApiVersion accepted (v25.2).
// - sessionInsights.ts 63: a missing path's `?? ''` replaced by "Stryker was here!". Differs only
//   for a Path Prefix that is the start of that text; a prefix is a staging path, from "/".
// - connection.ts 31, vaultBaseUrl: the ^ of the scheme pattern removed. Differs only for input
//   that starts with a digit and holds "letters://" further on ("1host://"), refused by the mutant,
//   taken as https://1host by the code.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	jest: { configFile: 'jest.unit.config.js' },
	coverageAnalysis: 'perTest',
	mutate: [
		'nodes/VeevaVault/rules/stagingRules.ts',
		'nodes/VeevaVault/rules/itemFilters.ts',
		'nodes/VeevaVault/rules/sessionInsights.ts',
		'nodes/VeevaVault/rules/apiCall.ts',
		'nodes/VeevaVault/rules/csv.ts',
		'nodes/VeevaVault/rules/loaderRows.ts',
		'nodes/VeevaVault/rules/loaderLogs.ts',
		'nodes/VeevaVault/rules/loaderColumns.ts',
		'nodes/VeevaVault/transport/redirects.ts',
		'nodes/VeevaVault/transport/envelope.ts',
		'nodes/VeevaVault/transport/secrets.ts',
		'nodes/VeevaVault/transport/connection.ts',
		'nodes/VeevaVault/transport/network.ts',
		'nodes/VeevaVault/transport/headers.ts',
		'nodes/VeevaVaultTrigger/events.ts',
		'nodes/VeevaVaultTrigger/vaultEvents.ts',
	],
	// Only what the unit tests need is copied into Stryker's sandbox.
	ignorePatterns: ['/*', '!/nodes', '!/credentials', '!/simulator', '!/test', '!/jest.config.js', '!/jest.unit.config.js', '!/tsconfig*.json', '!/package.json'],
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'reports/mutation/mutation.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	tempDirName: '.stryker-tmp',
	concurrency: 2,
	thresholds: { high: 90, low: 80, break: null },
};
