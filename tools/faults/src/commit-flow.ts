import { createTopicAdmin, type TopicAdmin } from '@eap/kafka-io';
import type { ArrivalLog } from './recovery-times.js';

/** A consumer group and the input topic whose committed offsets it advances. */
export interface WatchedGroup {
  readonly groupId: string;
  readonly topic: string;
}

export interface CommitFlow {
  /** When each group's committed offset advanced, per `group/topic/partition`. */
  arrivals(): ArrivalLog;
  stop(): Promise<void>;
}

/**
 * Polls the apps' committed offsets: they advance only in the transactions that also commit the
 * outputs, so an advance is committed output flowing. An admin request the broker outage failed is
 * simply tried again with a new admin client at the next poll.
 */
export const watchCommitFlow = ({
  brokers,
  groups,
  everyMs = 250,
}: {
  brokers: readonly string[];
  groups: readonly WatchedGroup[];
  everyMs?: number;
}): CommitFlow => {
  const arrivals = new Map<string, number[]>();
  const last = new Map<string, bigint>();
  let admin: TopicAdmin | undefined;
  let stopped = false;
  const poll = async () => {
    try {
      admin ??= await createTopicAdmin({ brokers, clientId: 'faults-commit-flow' });
      for (const { groupId, topic } of groups) {
        const now = Date.now();
        for (const [partition, { offset }] of await admin.committedOffsets(groupId, topic)) {
          const key = `${groupId}/${topic}/${partition}`;
          const before = last.get(key);
          last.set(key, offset);
          if (before !== undefined && offset > before) arrivals.set(key, [...(arrivals.get(key) ?? []), now]);
        }
      }
    } catch {
      await admin?.close().catch(() => undefined);
      admin = undefined;
    }
  };
  const running = (async () => {
    while (!stopped) {
      await poll();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    arrivals: () => arrivals,
    stop: async () => {
      stopped = true;
      await running;
      await admin?.close().catch(() => undefined);
    },
  };
};
