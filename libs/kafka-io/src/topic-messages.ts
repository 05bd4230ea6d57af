import type { OutputRecord } from './kafka-records.js';

/** Records as KafkaJS's `sendBatch` takes them: grouped by topic, each topic's records in their order. */
export const topicMessages = (records: readonly OutputRecord[]) => {
  const byTopic = new Map<string, OutputRecord[]>();
  for (const r of records) {
    const list = byTopic.get(r.topic);
    if (list) list.push(r);
    else byTopic.set(r.topic, [r]);
  }
  return [...byTopic].map(([topic, list]) => ({
    topic,
    messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers ? { ...r.headers } : undefined, partition: r.partition })),
  }));
};
