import { describedGroup, type ConsumerGroupDescription } from './group-members.js';
import { connectClient } from './kafka-error-mapping.js';
import { createKafkaClient } from './kafka-client-factory.js';
import { partitionOffsets, type PartitionOffsets } from './partition-offsets.js';
import { findRecordTimestamp } from './record-age.js';
import { isRetriableKafkaError, retryRetriable } from './retry-retriable.js';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

export interface TopicAdmin {
  /**
   * Creates the topics that do not exist yet; returns the names it created. By default it returns once
   * every partition has a leader; `waitForLeaders: false` returns at once (tests of readers that race it).
   */
  ensureTopics(specs: readonly TopicSpec[], options?: { readonly waitForLeaders?: boolean }): Promise<readonly string[]>;
  listTopics(): Promise<readonly string[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** High watermark per partition, in partition order. */
  endOffsets(topic: string): Promise<ReadonlyMap<number, bigint>>;
  /** Log start and high watermark per partition, in partition order. */
  offsetRanges(topic: string): Promise<readonly PartitionOffsets[]>;
  /** A consumer group's committed offset and metadata per partition of a topic (offset -1: none). */
  committedOffsets(groupId: string, topic: string): Promise<ReadonlyMap<number, { readonly offset: bigint; readonly metadata: string | null }>>;
  /** A consumer group's state (Stable, Empty, PreparingRebalance, Dead, ...) and how many members it has. */
  groupState(groupId: string): Promise<{ readonly state: string; readonly members: number }>;
  /** A consumer group's state and each member: memberId, clientId, clientHost and its assigned partitions. */
  describeGroup(groupId: string): Promise<ConsumerGroupDescription>;
  /**
   * When the records at these offsets were written (their Kafka timestamps, epoch ms), from the time
   * index (no record fetched); null when not found (deleted, or older than 30 days). Each offset must
   * be below its partition's end.
   */
  recordTimestamps(topic: string, offsets: ReadonlyMap<number, bigint>, now?: number): Promise<ReadonlyMap<number, number | null>>;
  /** Cleanup policy and other non-default configs of a topic. */
  topicConfig(topic: string): Promise<Readonly<Record<string, string>>>;
  /** Deletes a partition's records below `before` (what retention does); for tests and operators. */
  deleteRecordsBefore(topic: string, partition: number, before: bigint): Promise<void>;
  /** Deletes consumer groups (and their committed offsets); they must have no members. */
  deleteGroups(groupIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const createTopicAdmin = async ({ brokers, clientId = 'topic-admin' }: { brokers: readonly string[]; clientId?: string }): Promise<TopicAdmin> => {
  const admin = createKafkaClient({ brokers, clientId }).admin();
  await connectClient(admin);
  return {
    async ensureTopics(specs, { waitForLeaders = true } = {}) {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      if (missing.length === 0) return [];
      await admin.createTopics({
        waitForLeaders,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions ?? 1,
          replicationFactor: -1, // the broker's default.replication.factor: 1 on one broker, 3 on three (CreateTopics v3 accepts -1)
          configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      return missing.map((s) => s.topic);
    },
    listTopics: () => retryRetriable(() => admin.listTopics()),
    async deleteTopics(topics) {
      // Idempotent: topics already gone are skipped, and a retry asks again which remain. A
      // short-lived client does each delete, as a failed KafkaJS delete leaves the names in its
      // client's metadata targets, and every later metadata refresh of that client then fails.
      const deleteRemaining = async () => {
        const existing = new Set(await admin.listTopics());
        const doomed = topics.filter((t) => existing.has(t));
        if (doomed.length === 0) return;
        const deleter = createKafkaClient({ brokers, clientId: `${clientId}-delete`, logLevel: 'nothing', retries: 0 }).admin();
        await connectClient(deleter);
        try {
          await deleter.deleteTopics({ topics: doomed });
        } finally {
          await deleter.disconnect();
        }
      };
      await retryRetriable(deleteRemaining, { isRetriable: (e) => isRetriableKafkaError(e) || isRetriableKafkaError((e as { cause?: unknown }).cause) });
    },
    offsetRanges: (topic) => partitionOffsets(admin, topic),
    async endOffsets(topic) {
      return new Map((await partitionOffsets(admin, topic)).map((o) => [o.partition, o.high]));
    },
    async committedOffsets(groupId, topic) {
      const [entry] = await retryRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
      return new Map((entry?.partitions ?? []).map((p) => [p.partition, { offset: BigInt(p.offset), metadata: p.metadata ?? null }]));
    },
    async recordTimestamps(topic, offsets, now = Date.now()) {
      const offsetAtTime = (partition: number) => async (t: number) => {
        const found = await retryRetriable(() => admin.fetchTopicOffsetsByTimestamp(topic, t));
        // A partition the broker did not answer for counts as having nothing that new: no timestamp.
        return BigInt(found.find((p) => p.partition === partition)?.offset ?? Number.MAX_SAFE_INTEGER);
      };
      const found = await Promise.all(
        [...offsets].map(
          async ([partition, offset]) => [partition, await findRecordTimestamp({ offset, offsetAtTime: offsetAtTime(partition), now })] as const,
        ),
      );
      return new Map(found);
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
    async describeGroup(groupId) {
      const { groups } = await retryRetriable(() => admin.describeGroups([groupId]));
      return describedGroup(groupId, groups[0]);
    },
    async deleteRecordsBefore(topic, partition, before) {
      await retryRetriable(() => admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: before.toString() }] }));
    },
    async deleteGroups(groupIds) {
      await retryRetriable(() => admin.deleteGroups([...groupIds]));
    },
    close: () => admin.disconnect(),
  };
};
