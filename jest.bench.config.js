/** `pnpm bench`: benchmarks in tests/bench, one at a time; they print figures, they do not assert speed. */
const base = require('./jest.config');
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  testTimeout: 600_000,
  reporters: ['default'],
};
