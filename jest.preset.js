// Nx's preset without its ts-jest transform: every project transforms with @swc/jest (its jest.config.cjs).
const { transform: _tsJest, ...nxPreset } = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // Resolve workspace packages to their TypeScript sources (the "@eap/source" export condition),
  // so tests never need a prior build.
  testEnvironmentOptions: {
    customExportConditions: ['@eap/source', 'node', 'require', 'default'],
  },
};
