import nx from '@nx/eslint-plugin';
import jsonc from 'jsonc-eslint-parser';

const CLIENT_MESSAGE = 'a client library is imported by its adapter only: KafkaJS by @eap/kafka-io, pg and kysely by @eap/pg-io; use what the adapter exports';
/** The client libraries an adapter lib does not wrap: kafka-io passes 'kafkajs', pg-io passes 'pg' and 'kysely'. */
export const restrictedClients = (...allowed) =>
  ['kafkajs', 'pg', 'kysely'].filter((name) => !allowed.includes(name)).map((name) => ({ name, message: CLIENT_MESSAGE }));

const baseConfig = [
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
    // Each client library has one adapter that imports it: KafkaJS in libs/kafka-io, pg and Kysely in
    // libs/pg-io (their own eslint configs lift the ban for their client). Specs and benches included.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: restrictedClients(), patterns: [{ group: ['kafkajs/*', 'pg/*', 'kysely/*'], message: CLIENT_MESSAGE }] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];

export default baseConfig;

/**
 * A project's eslint config: the base, the `@nx/dependency-checks` of its package.json (unless
 * `dependencyChecks: false`, for a tool that runs from sources only), and its own `extra` entries.
 */
export const projectConfig = ({ dependencyChecks = true } = {}, ...extra) => [
  ...baseConfig,
  ...(dependencyChecks
    ? [
        {
          files: ['**/*.json'],
          rules: { '@nx/dependency-checks': ['error', { ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'] }] },
          languageOptions: { parser: jsonc },
        },
      ]
    : []),
  { ignores: ['**/out-tsc'] },
  ...extra,
];
