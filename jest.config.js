/** Jest 30 on native ESM (run with --experimental-vm-modules, see package.json). */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#(config|database|queue|i18n|mail|auth|domain)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/support/preload-esm.ts'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    // Domain services against the real database, no HTTP (test/support/domain-app.ts).
    { ...common, displayName: 'int', testMatch: ['<rootDir>/test/int/**/*.int-spec.ts'], slowTestThreshold: 30 },
    // The API and the worker over HTTP against the real services (test/support/test-app.ts).
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 30 },
  ],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
