import { followTopic, type KafkaClientOptions, type TopicFollower } from '@eap/kafka-io';
import type { ArrivalLog } from './recovery-times.js';

export interface OutputFlow {
  /** When committed records arrived, per `topic/partition`. */
  arrivals(): ArrivalLog;
  stop(): Promise<void>;
}

/**
 * Follows output topics (read_committed, from their end) and notes when committed records arrive on
 * each partition: the time a fault took to recover is read from it. A follower the broker outage
 * stopped is started again from the end.
 */
export const watchOutputFlow = async ({ kafka, topics }: { kafka: KafkaClientOptions; topics: readonly string[] }): Promise<OutputFlow> => {
  const arrivals = new Map<string, number[]>();
  const followers = new Map<string, TopicFollower>();
  let stopped = false;
  const follow = async (topic: string): Promise<void> => {
    const follower = await followTopic({
      kafka,
      topic,
      fromBeginning: false,
      onRecords: (records) => {
        const now = Date.now();
        for (const partition of new Set(records.map((r) => r.partition))) {
          const key = `${topic}/${partition}`;
          const times = arrivals.get(key) ?? [];
          times.push(now);
          arrivals.set(key, times);
        }
      },
      onCrash: () => void restart(topic),
    });
    followers.set(topic, follower);
  };
  const restart = async (topic: string): Promise<void> => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await followers
          .get(topic)
          ?.stop()
          .catch(() => undefined);
        await follow(topic);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * 2 ** attempt)));
      }
    }
  };
  for (const topic of topics) await follow(topic);
  return {
    arrivals: () => arrivals,
    stop: async () => {
      stopped = true;
      await Promise.all([...followers.values()].map((f) => f.stop().catch(() => undefined)));
    },
  };
};
