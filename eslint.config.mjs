import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // apps -> libs, never app -> app; core libs import no I/O package and no io lib;
            // an io lib wraps one client, an ops lib (pipeline-ops) composes io libs
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:io', 'type:ops'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:core', 'type:io', 'type:ops', 'type:test', 'type:tool'] },
            { sourceTag: 'type:io', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:ops', onlyDependOnLibsWithTags: ['type:core', 'type:io'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:core', 'type:io', 'type:ops', 'type:test', 'type:tool'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:core', 'type:io', 'type:ops', 'type:tool'] },
            {
              sourceTag: 'type:core',
              onlyDependOnLibsWithTags: ['type:core'],
              bannedExternalImports: [
                'kafkajs',
                '@kafkajs/*',
                'pg',
                'pg-*',
                'kysely',
                'node:fs',
                'fs',
                'node:http',
                'http',
                'node:https',
                'https',
                'node:net',
                'net',
                'node:child_process',
                'child_process',
                'undici',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // Tests of core libs may read their fixture files; the library code itself may not.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
