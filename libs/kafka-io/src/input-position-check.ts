import { judgeInputPosition } from './input-positions.js';
import { KafkaIoError } from './kafka-io-error.js';
import { createTopicAdmin, type TopicAdmin } from './topic-admin.js';
import type { InputPositionProblem } from './input-positions.js';

const findProblems = async (
  admin: TopicAdmin,
  groupId: string,
  topic: string,
  outputsExist: (partition: number) => Promise<boolean>,
): Promise<readonly InputPositionProblem[]> => {
  const [ranges, committed] = [await admin.offsetRanges(topic), await admin.committedOffsets(groupId, topic)];
  const problems: InputPositionProblem[] = [];
  for (const range of ranges) {
    const position = committed.get(range.partition)?.offset ?? -1n;
    const exists = position < 0n && range.high > range.low ? await outputsExist(range.partition) : false;
    const problem = judgeInputPosition({ topic, partition: range.partition, committed: position, range, outputsExist: exists });
    if (problem) problems.push(problem);
  }
  return problems;
};

/**
 * At an app's start: refuses (throws `input_position`, with every problem and its fix) when the
 * group would resume somewhere that counts twice or skips records. `outputsExist(partition)`
 * says whether outputs were already written from that input partition.
 */
export const assertInputPositions = async ({
  brokers,
  groupId,
  topic,
  outputsExist,
  settleMs = 40_000,
}: {
  brokers: readonly string[];
  groupId: string;
  topic: string;
  /** Asked only for a partition with records and no committed position. */
  outputsExist: (partition: number) => Promise<boolean>;
  /**
   * How long a position past the end may take to come right: an open transaction (its producer
   * killed) holds the end a `read_committed` reader sees until the broker aborts it (transaction
   * timeout, 30 s) or its producer's successor fences it.
   */
  settleMs?: number;
}): Promise<void> => {
  const admin = await createTopicAdmin({ brokers, clientId: `${groupId}-position-check` });
  const deadline = Date.now() + settleMs;
  try {
    let problems = await findProblems(admin, groupId, topic, outputsExist);
    while (problems.length > 0 && problems.every((p) => p.kind === 'beyond_end') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      problems = await findProblems(admin, groupId, topic, outputsExist);
    }
    if (problems.length > 0) {
      throw new KafkaIoError('input_position', `refusing to start: ${problems.map((p) => p.message).join('; ')}`, { retriable: false, topic });
    }
  } finally {
    await admin.close();
  }
};
