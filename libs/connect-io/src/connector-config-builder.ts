import type { PipelineNames } from '@eap/pipeline-config';

export interface ConnectorDatabase {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Absolute path of a properties file with a `password=` line, read by Connect's FileConfigProvider. */
  readonly passwordFile: string;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The stored connector config: the fixed settings from the JSON file beside the registrar, plus the
 * pipeline's names and the database. The password is a `${file:...}` reference, never the secret.
 */
export const buildConnectorConfig = (
  base: Readonly<Record<string, string>>,
  names: PipelineNames,
  db: ConnectorDatabase,
  { sourcePartitions = 1 }: { sourcePartitions?: number } = {},
): Readonly<Record<string, string>> => ({
  ...base,
  'topic.prefix': names.topicPrefix,
  'slot.name': names.slot,
  'publication.name': names.publication,
  'database.hostname': db.host,
  'database.port': String(db.port),
  'database.user': db.user,
  'database.dbname': names.database,
  'database.password': `\${file:${db.passwordFile}:password}`,
  'topic.creation.default.partitions': String(sourcePartitions),
  'topic.creation.employees.include': `${escapeRegex(names.topicPrefix)}\\.public\\.employees`,
});
