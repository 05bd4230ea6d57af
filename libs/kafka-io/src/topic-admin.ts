import { createKafkaClient } from './kafka-client-factory.js';
import { retryRetriable } from './retry-retriable.js';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

export interface TopicAdmin {
  /** Creates the topics that do not exist yet; returns the names it created. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<readonly string[]>;
  listTopics(): Promise<readonly string[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** High watermark per partition. */
  endOffsets(topic: string): Promise<ReadonlyMap<number, bigint>>;
  /** A consumer group's committed offset and metadata per partition of a topic (offset -1: none). */
  committedOffsets(groupId: string, topic: string): Promise<ReadonlyMap<number, { readonly offset: bigint; readonly metadata: string | null }>>;
  /** A consumer group's state (Stable, Empty, PreparingRebalance, Dead, ...) and how many members it has. */
  groupState(groupId: string): Promise<{ readonly state: string; readonly members: number }>;
  /** Cleanup policy and other non-default configs of a topic. */
  topicConfig(topic: string): Promise<Readonly<Record<string, string>>>;
  close(): Promise<void>;
}

export const createTopicAdmin = async ({ brokers, clientId = 'topic-admin' }: { brokers: readonly string[]; clientId?: string }): Promise<TopicAdmin> => {
  const admin = createKafkaClient({ brokers, clientId }).admin();
  await admin.connect();
  return {
    async ensureTopics(specs) {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      if (missing.length === 0) return [];
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions ?? 1,
          replicationFactor: 1,
          configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      return missing.map((s) => s.topic);
    },
    listTopics: () => retryRetriable(() => admin.listTopics()),
    async deleteTopics(topics) {
      if (topics.length) await admin.deleteTopics({ topics: [...topics] });
    },
    async endOffsets(topic) {
      // A partition whose leader is still being elected (a topic created a moment ago) answers NOT_LEADER: try again.
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    },
    async committedOffsets(groupId, topic) {
      const [entry] = await retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
      return new Map((entry?.partitions ?? []).map((p) => [p.partition, { offset: BigInt(p.offset), metadata: p.metadata ?? null }]));
    },
    async topicConfig(topic) {
      const { resources } = await retryRetriable(() => admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic }] }));
      const entries = resources[0]?.configEntries ?? [];
      return Object.fromEntries(entries.map((e) => [e.configName, e.configValue]));
    },
    async groupState(groupId) {
      const { groups } = await retryRetriable(() => admin.describeGroups([groupId]));
      const g = groups[0];
      return { state: g?.state ?? 'Dead', members: g?.members.length ?? 0 };
    },
    close: () => admin.disconnect(),
  };
};
