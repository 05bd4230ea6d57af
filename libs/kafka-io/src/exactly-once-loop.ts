import { runExactlyOnceLoop } from './exactly-once-core.js';
import type { ExactlyOnceLoop, ExactlyOnceOptions } from './exactly-once-options.js';
import { connectKafkaJsEosClient } from './kafkajs-eos-client.js';

export type * from './eos-client.js';
export type * from './exactly-once-options.js';
export type { ExactlyOnceCoreOptions } from './exactly-once-core.js';
export { runExactlyOnceLoop } from './exactly-once-core.js';

/**
 * Consume-transform-produce, exactly once for `read_committed` readers, on KafkaJS: one transactional
 * producer per input partition, the committed offset and its metadata sent in the transaction. The
 * loop itself is `runExactlyOnceLoop`, over the small `EosClient` interface.
 */
export const startExactlyOnceLoop = async ({
  kafka,
  groupId,
  topics,
  partitionsConsumedConcurrently,
  fromBeginning,
  maxWaitTimeInMs,
  maxBytesPerPartition,
  ...work
}: ExactlyOnceOptions): Promise<ExactlyOnceLoop> => {
  const client = await connectKafkaJsEosClient({
    kafka,
    groupId,
    topics,
    partitionsConsumedConcurrently,
    fromBeginning,
    maxWaitTimeInMs,
    maxBytesPerPartition,
  });
  return runExactlyOnceLoop({ ...work, groupId, client });
};
