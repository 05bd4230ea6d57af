import type { TestStack } from './test-stack.js';

/**
 * The stack of docker/compose.yaml started by testcontainers: same ports as the embedded one; the
 * database password is the compose file's development password, and Connect, inside Docker, reaches
 * PostgreSQL as `postgres:5432` and reads the password from the mounted /secrets.
 */
export const composeTestStack = (): TestStack => {
  const password = 'postgres';
  return {
    provider: 'testcontainers',
    connection: {
      postgresUrl: 'postgres://postgres@127.0.0.1:5433/streaming_db',
      pgpassFile: '',
      postgresPasswordProperties: '/secrets/postgres.properties',
      kafkaBrokers: ['127.0.0.1:9092'],
      connectUrl: 'http://127.0.0.1:8083',
      registryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
    },
    pg: (database) => ({ host: '127.0.0.1', port: 5433, user: 'postgres', database, password }),
    connectPasswordFile: '/secrets/postgres.properties',
    appEnv: {
      PGHOST: '127.0.0.1',
      PGPORT: '5433',
      PGUSER: 'postgres',
      PGPASSWORD: password,
      CONNECT_URL: 'http://127.0.0.1:8083',
      CONNECT_DB_HOST: 'postgres',
      CONNECT_DB_PORT: '5432',
      KAFKA_BROKERS: '127.0.0.1:9092',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
      PIPELINE_DB_PASSWORD_FILE: '/secrets/postgres.properties',
    },
  };
};
