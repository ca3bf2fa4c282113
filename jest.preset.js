// Shared by the unit and integration configs. Tests compile to CommonJS with swc; NestJS 12 ships
// ES modules only, which Node 24 loads through require(esm) — inside Jest's VM that needs
// NODE_OPTIONS=--experimental-vm-modules (set by the npm scripts).
const { readFileSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.json');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
  ),
  // .local-<name>/: second local instances (CC_LOCAL_DIR), which may hold a build of their own.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local'],
};
