import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnectClient } from '@eap/connect-io';
import { createTopicAdmin } from '@eap/kafka-io';
import { createPgPool, createStreamingDb, dropDatabase, migrateStreamingDb, type Kysely, type StreamingDb } from '@eap/pg-io';
import { isolatedPipelineNames, pipelineNamesEnv, sourceTopics, type PipelineNames } from '@eap/pipeline-config';
import { findRepoRoot } from '@eap/stack';
import type { TestStack } from './test-stack.js';

const run = promisify(execFile);

export interface TestPipeline {
  readonly names: PipelineNames;
  readonly topics: ReturnType<typeof sourceTopics>;
  readonly db: Kysely<StreamingDb>;
  /** A new pool, for after a database restart (pooled connections die with the server). */
  reconnect(): Promise<void>;
  readonly env: Readonly<Record<string, string>>;
  /** Runs one of our apps (its main.ts) with this pipeline's environment; resolves with its output. */
  runApp(app: string, extraEnv?: Readonly<Record<string, string>>): Promise<{ stdout: string; stderr: string }>;
  /** Deletes the connector, its slot, its database and its topics. */
  dispose(): Promise<void>;
}

/**
 * A pipeline of its own for one suite: unique topic prefix, connector, slot, publication and
 * database, so suites never see each other's data. Registers the connector through the real app.
 */
export const createTestPipeline = async (
  stack: TestStack,
  label: string,
  {
    beforeRegister,
    env: extra = {},
  }: {
    /** Runs on the migrated database before the connector exists (rows for its initial snapshot). */
    beforeRegister?: (db: Kysely<StreamingDb>) => Promise<void>;
    /** Settings for every app of this pipeline, the registrar's included (e.g. `CONNECTOR_FORMAT`). */
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<TestPipeline> => {
  const names = isolatedPipelineNames(`${label}_${randomBytes(3).toString('hex')}`);
  const root = findRepoRoot();
  const env = {
    ...stack.appEnv,
    ...pipelineNamesEnv(names),
    ...extra,
  };
  const runApp = (app: string, extraEnv: Readonly<Record<string, string>> = {}) =>
    run('node', ['--conditions=@eap/source', '--import', 'tsx', join('apps', app, 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, ...env, ...extraEnv },
      timeout: 180_000,
    });
  const connect = () => createStreamingDb(stack.pg(names.database), { max: 4, applicationName: 'pipeline-tests' });
  let db: Kysely<StreamingDb>;
  if (beforeRegister) {
    await migrateStreamingDb(stack.pg(names.database));
    db = connect();
    await beforeRegister(db);
    await runApp('connector-registrar');
  } else {
    await runApp('connector-registrar');
    db = connect();
  }
  const topics = sourceTopics(names);
  return {
    names,
    topics,
    get db() {
      return db;
    },
    async reconnect() {
      await db.destroy().catch(() => undefined);
      db = connect();
    },
    env,
    runApp,
    async dispose() {
      await db.destroy();
      await createConnectClient({ baseUrl: stack.connection.connectUrl }).deleteConnector(names.connector);
      await dropSlot(stack, names.slot);
      await dropDatabase(stack.pg('postgres'), names.database);
      const admin = await createTopicAdmin({ brokers: stack.connection.kafkaBrokers });
      try {
        await admin.deleteTopics(Object.values(topics).concat(names.processedTopic, names.summariesTopic, names.summariesChangelogTopic, names.dlqTopic));
      } finally {
        await admin.close();
      }
    },
  };
};

/** A deleted connector leaves its slot behind (slot.drop.on.stop=false); drop it once it is inactive. */
const dropSlot = async (stack: TestStack, slot: string): Promise<void> => {
  const pool = createPgPool(stack.pg('postgres'), { max: 1 });
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      if (rows.length === 0) return;
      if (!rows[0]!.active) {
        await pool.query('SELECT pg_drop_replication_slot($1)', [slot]);
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await pool.end();
  }
};
