import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { processedActivitySchema } from '@eap/avro-schemas';
import { createRecordWriter, createSchemaRegistryCodec, createTopicAdmin } from '@eap/kafka-io';
import { startApp, type AppProcess, type TestStack } from '@eap/testing';
import { MICROS_PER_HOUR } from '@eap/windowing';
import { benchEnv, hasCurrentBuild, metricSum, residentBytes } from './bench-apps.js';

export interface RestoreFigures {
  readonly keys: number;
  readonly partitions: number;
  readonly memoryBytes: number;
  readonly bytesPerKey: number;
  /** The process's resident memory: idle, holding the keys, and restarted with them restored. */
  readonly rss: { readonly idle: number; readonly loaded: number; readonly restored: number };
  readonly changelogRecords: number;
  /** The slowest partition's changelog restore (partitions restore side by side). */
  readonly restoreSeconds: number;
  /** The folder of the restarted aggregator's CPU profile, when asked for. */
  readonly profile?: string;
  /** From spawning the new process to every partition having committed again. */
  readonly restartSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PARTITIONS = 3;

const events = (lines: readonly string[], event: string) =>
  lines.filter((l) => l.includes(`"event":"${event}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * Loads `keys` distinct window groups (1,000 employees x 10 types x hours, within retention) into a
 * real summary aggregator, reads its memory per live key, then SIGKILLs it and times the restart:
 * the new process restores every partition from the changelog before its first commit.
 */
export const runRestoreBench = async ({
  stack,
  keys,
  log,
  cpuProfileDir,
}: {
  stack: TestStack;
  keys: number;
  log: (line: string) => void;
  /** When set, the restarted aggregator runs under `node --cpu-prof`, writing its profile under it. */
  cpuProfileDir?: string;
}): Promise<RestoreFigures> => {
  const prefix = `bench-rs-${randomBytes(3).toString('hex')}`;
  const env = benchEnv(stack, prefix);
  const brokers = stack.connection.kafkaBrokers;
  const topic = env['PIPELINE_PROCESSED_TOPIC']!;
  const admin = await createTopicAdmin({ brokers });
  await admin.ensureTopics([{ topic, partitions: PARTITIONS }]);
  const apps: AppProcess[] = [];
  try {
    const compiled = hasCurrentBuild('summary-aggregator');
    const first = startApp('summary-aggregator', env, [], { compiled });
    apps.push(first);
    const health = (await first.waitForEvent('aggregator.started'))['health'] as string;
    await sleep(2_000);
    const baseline = await metricSum(health, 'aggregator_memory_bytes');
    const rssIdle = residentBytes(first.child.pid);

    const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
    const encoder = await codec.registerEncoder(`${env['PIPELINE_PROCESSED_TOPIC']}-value`, processedActivitySchema);
    const hours = Math.ceil(keys / 10_000);
    const firstHour = Math.floor((Date.now() * 1000) / MICROS_PER_HOUR) - hours;
    const record = (employee_id: number, type: number, hour: number) => ({
      row_kind: '+I',
      op: 'c',
      id: employee_id,
      employee_id,
      activity_type: `type_${type}`,
      page_url: null,
      duration_seconds: 30,
      ip_address: null,
      user_agent: null,
      activity_timestamp: (firstHour + hour) * MICROS_PER_HOUR + 1,
      activity_hour: 0,
      session_duration_category: 'short',
      is_business_hours: true,
      employee_name: null,
      employee_department: null,
      employee_known: false,
      source_lsn: null,
      source_tx_id: null,
      source_ts_ms: Date.now(),
      processed_at: Date.now(),
    });
    log(`loading ${keys.toLocaleString('en-US')} window groups into ${prefix}-processed ...`);
    const writer = await createRecordWriter({ brokers });
    for (let i = 0; i < keys; i += 5_000) {
      const messages = Array.from({ length: Math.min(5_000, keys - i) }, (_, j) => {
        const n = i + j;
        const employee = 1 + (n % 1_000);
        return { topic, key: String(employee), value: encoder.encode(record(employee, Math.floor(n / 1_000) % 10, Math.floor(n / 10_000))) };
      });
      await writer.send(messages);
    }
    log('  written; waiting for the aggregator to count them ...');
    while (
      (await metricSum(health, 'aggregator_live_keys').catch((e: unknown) => {
        throw new Error(
          `the aggregator did not answer (${(e as Error).message}; exit ${first.child.exitCode} ${first.child.signalCode}); its last lines:\n${first.lines.slice(-8).join('\n')}`,
        );
      })) < keys
    )
      await sleep(1_000);
    await sleep(2_000);
    const memoryBytes = (await metricSum(health, 'aggregator_memory_bytes')) - baseline;
    const rssLoaded = residentBytes(first.child.pid);

    log('SIGKILL and restart ...');
    await first.kill('SIGKILL');
    const spawned = Date.now();
    const profile = cpuProfileDir ? join(cpuProfileDir, `summary-aggregator-restore-${Date.now()}`) : undefined;
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    const second = startApp('summary-aggregator', { ...env, LOG_LEVEL: 'debug' }, [], { compiled, nodeArgs });
    apps.push(second);
    // one new record per partition, so that each partition is claimed, restored and committed
    await writer.send(
      Array.from({ length: PARTITIONS }, (_, p) => ({ topic, partition: p, key: String(9_000 + p), value: encoder.encode(record(9_000 + p, 0, hours)) })),
    );
    await writer.close();
    while (events(second.lines, 'eos.committed').length < PARTITIONS) await sleep(100);
    const restartSeconds = (Date.now() - spawned) / 1000;
    const rssRestored = residentBytes(second.child.pid);
    const restores = events(second.lines, 'aggregator.restored');
    if (profile) await second.kill('SIGTERM'); // a profile is written on a clean exit only
    for (const r of restores) log(`  partition ${String(r['partition'])}: ${String(r['changelogRecords'])} records restored in ${String(r['seconds'])} s`);
    return {
      keys,
      partitions: PARTITIONS,
      memoryBytes,
      bytesPerKey: memoryBytes / keys,
      rss: { idle: rssIdle, loaded: rssLoaded, restored: rssRestored },
      changelogRecords: restores.reduce((n, r) => n + Number(r['changelogRecords']), 0),
      restoreSeconds: Math.max(...restores.map((r) => Number(r['seconds']))),
      restartSeconds,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await Promise.all(apps.map((a) => a.kill('SIGKILL')));
    await admin.deleteTopics(['processed', 'summaries', 'summaries-changelog', 'dlq'].map((t) => `${prefix}-${t}`));
    await admin.close();
  }
};
