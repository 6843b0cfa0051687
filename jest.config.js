/**
 * One jest run for the whole repository: unit specs beside the code, app e2e specs in
 * apps/<app>/test, cross-app flows in tests/e2e. Packages are mapped to their sources, so
 * tests need no build. NestJS 12 and a few other dependencies are ESM-only: @swc/jest turns
 * them into CommonJS (the pattern below lets them through under pnpm's .pnpm/ paths).
 */
const ESM_ONLY = [
  '@nestjs',
  '@electric-sql',
  'entities',
  'htmlparser2',
  'domhandler',
  'domutils',
  'dom-serializer',
  'domelementtype',
  'franc',
  'trigram-utils',
  'n-gram',
  'collapse-white-space',
  'commander',
  'uid',
  'ical\\.js',
  'standardwebhooks',
  'path-to-regexp',
  '@apidevtools',
];
const swc = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/packages/*/src/**/*.spec.ts',
    '<rootDir>/apps/*/src/**/*.spec.ts',
    '<rootDir>/apps/*/test/**/*.e2e-spec.ts',
    '<rootDir>/packages/*/test/**/*.e2e-spec.ts',
    '<rootDir>/tests/e2e/**/*.e2e-spec.ts',
  ],
  transform: { '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${ESM_ONLY.join('|')}))`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: { '^@pulse/(contracts|config|taxonomy|feeds|db|queue|mail|testing|poller|digest-core)$': '<rootDir>/packages/$1/src' },
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/infra/scripts/count-reporter.js'],
};
