import { partitionOfKey } from './key-partition.js';
import type { OutputRecord } from './kafka-records.js';

/**
 * Outputs split into one group per topic partition, in order, each record's partition set (a key's
 * by Kafka's default partitioner, murmur2, as KafkaJS's DefaultPartitioner would pick it). Sent one
 * group per request, a transaction's produce requests each go to one broker: KafkaJS re-sends a
 * request that partly succeeded across brokers with new sequence numbers, which the broker then
 * appends a second time (seen on three brokers as a batch's outputs twice in a row).
 */
export const partitionBatches = (outputs: readonly OutputRecord[], partitionsOf: (topic: string) => number): OutputRecord[][] => {
  const groups = new Map<string, OutputRecord[]>();
  for (const o of outputs) {
    const partition = o.partition ?? (o.key === null || o.key === undefined ? 0 : partitionOfKey(o.key, partitionsOf(o.topic)));
    const id = `${o.topic}/${partition}`;
    const group = groups.get(id);
    const record = { ...o, partition };
    if (group) group.push(record);
    else groups.set(id, [record]);
  }
  return [...groups.values()];
};
