/**
 * Integration tests against the real broker and store, started once per run by the global setup
 * (local processes, testcontainers when Docker runs, or KAFKA_BROKERS/MONGODB_URI when given).
 * In band: two cores and one broker shared by every file.
 */
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/{services,libs,tools,test}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
  // The verdict is the tests' own; a client left open after the last test (a broker reconnecting,
  // a timer) must not hold the run until CI's time limit, which lands nothing at all.
  forceExit: true,
};
