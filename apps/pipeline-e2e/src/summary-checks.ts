import { activitySummarySchema, processedActivitySchema } from '@eap/avro-schemas';
import { createSchemaRegistryCodec, readRecords, readToEnd } from '@eap/kafka-io';
import { formatVerifyReport, verifyOptionsFromEnv, verifySummaries, type VerifyResult } from '@eap/pipeline-ops';
import type { TestPipeline, TestStack } from '@eap/testing';
import type { WorkloadCounts } from './activity-workload.js';
import { MICROS_PER_HOUR, summaryKey } from '@eap/windowing';
import avro from 'avsc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `verify` over the test's pipeline, from its settings as the CLI reads them. */
export const verifyPipeline = (p: TestPipeline): Promise<VerifyResult> => verifySummaries(verifyOptionsFromEnv(p.env, p.db));

/**
 * Waits for a quiet moment (the aggregator has read all its input) at which verify passes; returns
 * the last result either way, for the test to assert and print.
 */
export const settleAndVerify = async (p: TestPipeline, timeoutMs = 150_000): Promise<VerifyResult> => {
  const deadline = Date.now() + timeoutMs;
  let last = await verifyPipeline(p);
  while (!(last.ok && last.aggregator.lag === 0n) && Date.now() < deadline) {
    await sleep(2_000);
    last = await verifyPipeline(p);
  }
  process.stderr.write(`[verify ${p.names.summariesTopic}]\n${formatVerifyReport(last)}\n`);
  return last;
};

/** Every committed summary record's revision, per key, in log order (tombstones as null). */
export const revisionsByKey = async (stack: TestStack, p: TestPipeline): Promise<Map<string, (number | null)[]>> => {
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  const reader = avro.Type.forSchema(activitySummarySchema as avro.Schema);
  const raw: { key: string; value: Buffer | null }[] = [];
  await readToEnd({
    kafka: { brokers: stack.connection.kafkaBrokers },
    topic: p.names.summariesTopic,
    onRecords: (rs) => rs.forEach((r) => raw.push({ key: r.key!.toString(), value: r.value })),
  });
  const byKey = new Map<string, (number | null)[]>();
  for (const { key, value } of raw) {
    const decoded = value === null ? null : await codec.decode(value, reader);
    const revision = decoded && decoded.kind === 'ok' ? (decoded.value as { revision: number }).revision : null;
    byKey.set(key, [...(byKey.get(key) ?? []), revision]);
  }
  return byKey;
};

/** Keys whose upsert revisions do not strictly increase (tombstones in between count as a step). */
export const revisionRegressions = (byKey: ReadonlyMap<string, readonly (number | null)[]>): string[] =>
  [...byKey]
    .filter(([, revisions]) => {
      const upserts = revisions.filter((r): r is number => r !== null);
      return upserts.some((r, i) => i > 0 && r <= upserts[i - 1]!);
    })
    .map(([key]) => key);

/** DLQ records per `dlq.reason`, read once `expected` records are there (or after the timeout). */
export const dlqReasons = async (stack: TestStack, p: TestPipeline, expected: number): Promise<Record<string, number>> => {
  const records = await readRecords({
    brokers: stack.connection.kafkaBrokers,
    topic: p.names.dlqTopic,
    until: (rs) => rs.length >= expected,
    timeoutMs: 60_000,
  });
  await sleep(2_000);
  const settled = await readRecords({
    brokers: stack.connection.kafkaBrokers,
    topic: p.names.dlqTopic,
    until: (rs) => rs.length > records.length,
    timeoutMs: 3_000,
  });
  const reasons: Record<string, number> = {};
  for (const r of settled) {
    const reason = r.headers['dlq.reason']?.toString() ?? 'none';
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return reasons;
};

interface TracedChange {
  readonly row_kind: string;
  readonly op: string;
  readonly id: number | null;
  readonly employee_id: number | null;
  readonly activity_type: string | null;
  readonly activity_timestamp: number | null;
  readonly duration_seconds: number | null;
  readonly source_lsn: number | null;
  readonly source_tx_id: number | null;
}

/**
 * For a failed verify: every processed record that touched the given groups (and every truncate),
 * with its partition and offset, then each group's summary revisions, so a difference can be traced
 * to the processor's output or to the aggregator.
 */
export const traceGroups = async (stack: TestStack, p: TestPipeline, keys: readonly string[]): Promise<string> => {
  if (keys.length === 0) return '';
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  const reader = avro.Type.forSchema(processedActivitySchema as avro.Schema);
  const wanted = new Set(keys);
  const lines: string[] = [];
  const raw: { partition: number; offset: bigint; value: Buffer | null }[] = [];
  await readToEnd({ kafka: { brokers: stack.connection.kafkaBrokers }, topic: p.names.processedTopic, onRecords: (rs) => rs.forEach((r) => raw.push(r)) });
  for (const r of raw) {
    const decoded = r.value === null ? null : await codec.decode(r.value, reader);
    if (!decoded || decoded.kind !== 'ok') continue;
    const c = decoded.value as TracedChange;
    const hour = c.activity_timestamp === null ? null : Math.floor(c.activity_timestamp / MICROS_PER_HOUR) * MICROS_PER_HOUR;
    const key = hour === null ? '' : `${c.employee_id}|${c.activity_type}|${new Date(hour / 1000).toISOString()}`;
    if (c.row_kind !== 'T' && !wanted.has(key)) continue;
    lines.push(
      `  p${r.partition}@${r.offset} ${c.row_kind.padEnd(2)} op=${c.op} id=${c.id} ${key || '(all)'} duration=${c.duration_seconds} lsn=${c.source_lsn} tx=${c.source_tx_id}`,
    );
  }
  const revisions = await revisionsByKey(stack, p);
  for (const key of keys) lines.push(`  ${key}: revisions ${JSON.stringify(revisions.get(key) ?? [])}`);
  return lines.join('\n');
};

/** The keys of every group a verify found different, for `traceGroups`. */
export const differingKeys = (result: VerifyResult): string[] => [
  ...result.report.mismatched.map((m) => m.key),
  ...result.report.missing.map((g) => summaryKey(g.employee_id, g.activity_type, g.window_start)),
  ...result.report.extra.map((s) => summaryKey(s.employee_id, s.activity_type, s.window_start)),
];

/**
 * After a workload with faults: verify settles green (a trace of the differing groups printed if not),
 * no summary revision goes backwards, and the DLQ holds each late or NULL row exactly once (it is
 * written in the same transactions as the outputs, crashes or not).
 */
export const expectExactPipeline = async (stack: TestStack, p: TestPipeline, counts: WorkloadCounts, timeoutMs = 240_000): Promise<void> => {
  const result = await settleAndVerify(p, timeoutMs);
  if (!result.ok) process.stderr.write(`[trace]\n${await traceGroups(stack, p, differingKeys(result))}\n`);
  expect(result.report.mismatched).toEqual([]);
  expect(result.report.missing).toEqual([]);
  expect(result.report.extra).toEqual([]);
  expect(result.ok).toBe(true);
  expect(revisionRegressions(await revisionsByKey(stack, p))).toEqual([]);
  expect(await dlqReasons(stack, p, counts.late + counts.nullEmployee + counts.nullTimestamp)).toEqual({
    ...(counts.late ? { late: counts.late } : {}),
    ...(counts.nullEmployee ? { missing_employee: counts.nullEmployee } : {}),
    ...(counts.nullTimestamp ? { missing_timestamp: counts.nullTimestamp } : {}),
  });
};
