/** Unit tests: `*.spec.ts` beside the code; no broker, no store. */
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{services,libs,tools,bench,test}/**/*.spec.ts'],
};
