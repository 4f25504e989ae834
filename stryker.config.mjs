// Mutation tests of the pure modules (`npm run test:mutation`), against the unit tests in
// test/unit only; not part of `npm test` or CI. Reports go to reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	jest: { configFile: 'jest.unit.config.js', enableFindRelatedTests: false },
	coverageAnalysis: 'perTest',
	mutate: [
		'nodes/VeevaVault/rules/stagingRules.ts',
		'nodes/VeevaVault/rules/itemFilters.ts',
		'nodes/VeevaVault/rules/sessionInsights.ts',
		'nodes/VeevaVault/transport/redirects.ts',
		'nodes/VeevaVault/transport/envelope.ts',
		'nodes/VeevaVault/transport/secrets.ts',
		'nodes/VeevaVault/transport/connection.ts',
		'nodes/VeevaVault/transport/network.ts',
		'nodes/VeevaVault/transport/headers.ts',
		'nodes/VeevaVaultTrigger/events.ts',
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
