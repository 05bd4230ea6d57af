import { readFileSync } from 'node:fs';
import { buildConnectorConfig, ConnectError, createConnectClient, registerConnector, type RegistrarEvents } from '@eap/connect-io';
import { createTopicAdmin } from '@eap/kafka-io';
import { describePgConnection, migrateStreamingDb, pgIoErrorOf, probePostgres, type PgConnection } from '@eap/pg-io';
import { pipelineTopic } from '@eap/pipeline-config';
import type { RegistrarConfig } from './registrar-config.js';

const CONNECTOR_JSON = new URL('../connector/employee-connector.json', import.meta.url);

/** Migrates the source database, then creates or updates the connector and waits until it runs. */
export const registerPipelineSource = async (config: RegistrarConfig, db: PgConnection, on: RegistrarEvents) => {
  if (config.migrate) {
    const report = await migrateStreamingDb(db).catch((e: unknown) => {
      throw pgIoErrorOf(e, `migrating ${describePgConnection(db)}`);
    });
    on('registrar.preflight', { migrated: report.applied, databaseCreated: report.databaseCreated });
  }
  // The source topics exist before the connector runs, so consumers can subscribe before the first row.
  const admin = await createTopicAdmin({ brokers: config.brokers });
  try {
    const created = await admin.ensureTopics([
      pipelineTopic('activities', config.names, { activities: config.sourcePartitions }),
      pipelineTopic('employees', config.names),
    ]);
    if (created.length) on('registrar.preflight', { createdTopics: created });
  } finally {
    await admin.close();
  }
  const base = JSON.parse(readFileSync(CONNECTOR_JSON, 'utf8')) as Record<string, string>;
  const connectorConfig = buildConnectorConfig(
    base,
    config.names,
    { host: config.connectDb.host ?? db.host, port: config.connectDb.port ?? db.port, user: db.user, passwordFile: config.passwordFile },
    { sourcePartitions: config.sourcePartitions },
  );
  return registerConnector({
    client: createConnectClient({ baseUrl: config.connectUrl }),
    name: config.names.connector,
    config: connectorConfig,
    timeoutMs: config.timeoutMs,
    on,
    checkDatabase: async () => {
      const probe = await probePostgres(db).catch((e: unknown) => {
        throw pgIoErrorOf(e, `checking PostgreSQL at ${describePgConnection(db)}`);
      });
      if (probe.walLevel !== 'logical') {
        throw new ConnectError(
          'wal_level',
          `PostgreSQL at ${describePgConnection(db)} has wal_level=${probe.walLevel}; Debezium needs wal_level=logical (set it and restart PostgreSQL)`,
        );
      }
    },
  });
};
