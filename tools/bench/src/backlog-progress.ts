import type { TopicAdmin } from '@eap/kafka-io';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (m: ReadonlyMap<number, bigint | { readonly offset: bigint }>) =>
  [...m.values()].reduce((n, v) => n + Number(typeof v === 'bigint' ? v : v.offset), 0);

/** Polls `reached` every `everyMs` until it is true; returns when, or throws after `timeoutMs` naming `what`. */
export const pollUntil = async (what: string, reached: () => Promise<boolean>, { timeoutMs = 600_000, everyMs = 50 } = {}): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await reached()) return Date.now();
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
};

/** Records written to a topic so far: the sum of its partitions' end offsets (non-transactional topics). */
export const topicEnd = async (admin: TopicAdmin, topic: string): Promise<number> => sum(await admin.endOffsets(topic));

/**
 * Whether a group has committed everything of a topic. A transactional topic ends in a commit marker,
 * which a consumer's committed offset stops before: `markers` is 1 there, 0 on a plain topic.
 */
export const groupCaughtUp = async (admin: TopicAdmin, group: string, topic: string, markers: 0 | 1): Promise<boolean> => {
  const [ends, committed] = await Promise.all([admin.endOffsets(topic), admin.committedOffsets(group, topic)]);
  return [...ends].every(([partition, end]) => end === 0n || (committed.get(partition)?.offset ?? -1n) >= end - BigInt(markers));
};
