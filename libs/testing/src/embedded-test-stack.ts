import { createStackController, findRepoRoot, parseStackSettings, stackPgConnection, stackPaths } from '@eap/stack';
import type { TestStack } from './test-stack.js';

export const embeddedTestStack = (env: NodeJS.ProcessEnv = process.env): TestStack => {
  const settings = parseStackSettings(env, findRepoRoot());
  const paths = stackPaths(settings);
  const connection = createStackController(settings, { log: () => undefined }).connection();
  return {
    provider: 'embedded',
    connection,
    pg: (database) => stackPgConnection(settings, paths, database),
    connectPasswordFile: paths.pgPasswordProperties,
    appEnv: {
      STACK_DIR: settings.stackDir,
      PGHOST: settings.host,
      PGPORT: String(settings.ports.postgres),
      PGUSER: 'postgres',
      PGPASSFILE: paths.pgpass,
      CONNECT_URL: connection.connectUrl,
      KAFKA_BROKERS: connection.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: connection.registryUrl,
      PIPELINE_DB_PASSWORD_FILE: paths.pgPasswordProperties,
    },
  };
};
