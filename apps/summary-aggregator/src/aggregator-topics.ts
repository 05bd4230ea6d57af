import { createTopicAdmin } from '@eap/kafka-io';
import { pipelineTopic } from '@eap/pipeline-config';
import type { AggregatorConfig } from './aggregator-config.js';

/**
 * Creates the summaries topic, the window-state changelog and the DLQ when absent, from the pipeline's
 * topic table: one changelog partition per processed partition, as a partition's window state moves
 * with it. Returns the processed topic's partition count.
 */
export const prepareAggregatorTopics = async ({ brokers, names, summariesPartitions }: Pick<AggregatorConfig, 'brokers' | 'names' | 'summariesPartitions'>) => {
  const admin = await createTopicAdmin({ brokers });
  try {
    const inputPartitions = (await admin.endOffsets(names.processedTopic)).size;
    await admin.ensureTopics([
      pipelineTopic('summaries', names, { summaries: summariesPartitions }),
      pipelineTopic('summariesChangelog', names, { summariesChangelog: inputPartitions }),
      pipelineTopic('dlq', names),
    ]);
    return { inputPartitions };
  } finally {
    await admin.close();
  }
};
