import { partitionOfKey, readToEnd, type KafkaClientOptions } from '@eap/kafka-io';

/**
 * The keys of the summaries topic whose latest record is not a tombstone and whose employee's
 * records come through `inputPartition` of the processed topic (keyed by employee id, partitioned as
 * our producers do). Groups released past retention are no longer in the window state, but their
 * last summaries stay in the compacted topic: a truncate must tombstone them too (SPEC section 6).
 * Reads the whole topic (read_committed); truncates are rare.
 */
export const createLiveSummaryKeys =
  ({ kafka, summariesTopic, inputPartitions }: { kafka: KafkaClientOptions; summariesTopic: string; inputPartitions: number }) =>
  async (inputPartition: number, heartbeat: () => Promise<void>): Promise<readonly string[]> => {
    const live = new Map<string, boolean>();
    let beat = performance.now();
    await readToEnd({
      kafka,
      topic: summariesTopic,
      onRecords: (records) => {
        for (const r of records) if (r.key) live.set(r.key.toString(), r.value !== null);
        if (performance.now() - beat > 1_000) {
          beat = performance.now();
          void heartbeat().catch(() => undefined);
        }
      },
    });
    return [...live]
      .filter(([key, isLive]) => isLive && partitionOfKey(key.slice(0, key.indexOf('|')), inputPartitions) === inputPartition)
      .map(([key]) => key);
  };
