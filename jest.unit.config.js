/**
 * The pure unit tests alone (test/unit), for the mutation tests (`npm run test:mutation`):
 * the same ts-jest transform as jest.config.js, without the engine's set-up files.
 */
const base = require('./jest.config.js');

module.exports = {
	testEnvironment: base.testEnvironment,
	transform: base.transform,
	roots: ['<rootDir>/test/unit'],
	testMatch: base.testMatch,
};
