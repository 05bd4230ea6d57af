import { judgeInputPosition } from './input-positions.js';
import { KafkaIoError } from './kafka-io-error.js';
import { createTopicAdmin } from './topic-admin.js';

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
}: {
  brokers: readonly string[];
  groupId: string;
  topic: string;
  /** Asked only for a partition with records and no committed position. */
  outputsExist: (partition: number) => Promise<boolean>;
}): Promise<void> => {
  const admin = await createTopicAdmin({ brokers, clientId: `${groupId}-position-check` });
  try {
    const [ranges, committed] = [await admin.offsetRanges(topic), await admin.committedOffsets(groupId, topic)];
    const problems = [];
    for (const range of ranges) {
      const position = committed.get(range.partition)?.offset ?? -1n;
      const exists = position < 0n && range.high > range.low ? await outputsExist(range.partition) : false;
      const problem = judgeInputPosition({ topic, partition: range.partition, committed: position, range, outputsExist: exists });
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) {
      throw new KafkaIoError('input_position', `refusing to start: ${problems.map((p) => p.message).join('; ')}`, { retriable: false, topic });
    }
  } finally {
    await admin.close();
  }
};
