import { readFileSync } from 'node:fs';
import {
  buildConnectorConfig,
  ConnectError,
  converterConfig,
  createConnectClient,
  formatOfConnectorConfig,
  registerConnector,
  type ConnectClient,
  type RegistrarEvents,
} from '@eap/connect-io';
import { createTopicAdmin } from '@eap/kafka-io';
import { describePgConnection, migrateStreamingDb, pgIoErrorOf, probePostgres, type PgConnection } from '@eap/pg-io';
import { pipelineTopic } from '@eap/pipeline-config';
import type { RegistrarConfig } from './registrar-config.js';

const connectorFile = (file: string) => JSON.parse(readFileSync(new URL(`../connector/${file}`, import.meta.url), 'utf8')) as Record<string, string>;

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
  const base = {
    ...connectorFile('employee-connector.json'),
    ...converterConfig(config.format, connectorFile(`format-${config.format}.json`), {
      registryUrl: config.connectRegistryUrl,
      schemaCache: config.connectSchemaCache,
    }),
  };
  const client = createConnectClient({ baseUrl: config.connectUrl });
  await refuseFormatSwitch(client, config);
  const connectorConfig = buildConnectorConfig(
    base,
    config.names,
    { host: config.connectDb.host ?? db.host, port: config.connectDb.port ?? db.port, user: db.user, passwordFile: config.passwordFile },
    { sourcePartitions: config.sourcePartitions },
  );
  return registerConnector({
    client,
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

/**
 * A connector that already writes the other format is not switched unless asked: every record's key
 * bytes change with the format, so with several source partitions a row's later changes may land in
 * another partition than its earlier ones, and the compacted employees topic keeps the old-keyed records.
 */
const refuseFormatSwitch = async (client: ConnectClient, config: RegistrarConfig): Promise<void> => {
  const existing = await client.config(config.names.connector);
  if (existing === undefined || config.formatSwitch) return;
  const current = formatOfConnectorConfig(existing);
  if (current === config.format) return;
  const writes = typeof current === 'string' ? current : `with ${current.other}`;
  throw new ConnectError(
    'rejected',
    `connector ${config.names.connector} writes ${writes}, CONNECTOR_FORMAT=${config.format} would switch it: set CONNECTOR_FORMAT=${typeof current === 'string' ? current : 'json'} to keep it, or CONNECTOR_FORMAT_SWITCH=true to switch (records already written stay as they are; docs/capture-format.md)`,
  );
};
