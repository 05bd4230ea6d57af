import { activitySummarySchema } from '@eap/avro-schemas';
import { readToEnd, type KafkaClientOptions, type SchemaRegistryCodec } from '@eap/kafka-io';
import type { ActivitySummary } from '@eap/windowing';
import avro from 'avsc';
import type { LatestSummaries } from './summary-reconciliation.js';

export interface LatestSummariesResult {
  readonly summaries: LatestSummaries;
  /** Records read (every version of every key up to the end, tombstones included). */
  readonly records: number;
  readonly undecodable: number;
}

const reader = avro.Type.forSchema(activitySummarySchema as avro.Schema);

/**
 * The summaries topic as a compacted table: read `read_committed` to its end, the latest record per
 * key, tombstones removing keys, values decoded through the registry into the current schema.
 */
export const readLatestSummaries = async (kafka: KafkaClientOptions, topic: string, codec: SchemaRegistryCodec): Promise<LatestSummariesResult> => {
  const raw = new Map<string, Buffer | null>();
  const { records } = await readToEnd({
    kafka,
    topic,
    onRecords: (batch) => {
      for (const r of batch) if (r.key !== null) raw.set(r.key.toString('utf8'), r.value);
    },
  });
  const summaries = new Map<string, ActivitySummary>();
  let undecodable = 0;
  await codec.prepare(raw.values());
  for (const [key, value] of raw) {
    if (value === null) continue;
    const decoded = codec.decodePrepared(value, reader);
    if (decoded.kind === 'ok') summaries.set(key, decoded.value as ActivitySummary);
    else undecodable++;
  }
  return { summaries, records, undecodable };
};
