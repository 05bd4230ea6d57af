import { createTopicAdmin } from '@eap/kafka-io';
import { ConfigError, pipelineTopic } from '@eap/pipeline-config';
import type { ProcessorConfig } from './processor-config.js';

/**
 * Creates the processed topic and the DLQ when absent, from the pipeline's topic table, and checks the
 * processed topic's partition count: a truncate or a snapshot's restatement goes to every partition the
 * broker has, so a count that differs from the setting is a mistake to fix, not to paper over.
 */
export const prepareProcessorTopics = async ({ brokers, names, processedPartitions }: Pick<ProcessorConfig, 'brokers' | 'names' | 'processedPartitions'>) => {
  const admin = await createTopicAdmin({ brokers });
  try {
    await admin.ensureTopics([pipelineTopic('processed', names, { processed: processedPartitions }), pipelineTopic('dlq', names)]);
    const onBroker = (await admin.offsetRanges(names.processedTopic)).length;
    if (onBroker !== processedPartitions) {
      throw new ConfigError(
        'PROCESSED_PARTITIONS',
        `is ${processedPartitions}, but ${names.processedTopic} has ${onBroker} partitions on the broker; set PROCESSED_PARTITIONS=${onBroker} (a topic's partitions are fixed: adding some would move employees between aggregator partitions)`,
      );
    }
  } finally {
    await admin.close();
  }
};
