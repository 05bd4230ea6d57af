import type { PipelineNames } from './pipeline-names.js';
import { sourceTopics } from './pipeline-names.js';

/** A topic as it is created: name, partition count and the configs that differ from the broker's defaults. */
export interface PipelineTopic {
  readonly topic: string;
  readonly partitions: number;
  readonly configs: Readonly<Record<string, string>>;
}

export type PipelineTopicRole = 'activities' | 'employees' | 'processed' | 'dlq' | 'summaries' | 'summariesChangelog';

/**
 * The one table of topic settings: every topic the pipeline creates, and why it is made so. Whoever
 * creates a topic (the registrar, the processor, the aggregator, the benchmarks) takes it from here.
 */
const TOPIC_CONFIGS: Readonly<Record<PipelineTopicRole, Readonly<Record<string, string>>>> = {
  activities: {},
  // A table kept from a changelog: compacted, the latest row per employee id.
  employees: { 'cleanup.policy': 'compact' },
  processed: {},
  // A dead letter carries the whole input record plus its reasons: room for an input at its 1 MiB limit.
  dlq: { 'max.message.bytes': '8388608' },
  // A table too: the latest summary per (employee, hour), tombstones for groups that emptied.
  summaries: { 'cleanup.policy': 'compact' },
  // The aggregator's window state, one record per group; restored by reading it to its end.
  summariesChangelog: { 'cleanup.policy': 'compact' },
};

/** Partition counts: the employees topic and the DLQ have one (order over everything); the rest come from settings or the input. */
export interface TopicPartitions {
  readonly activities: number;
  readonly processed: number;
  readonly summaries: number;
  /** One changelog partition per processed partition: a partition's window state moves with it. */
  readonly summariesChangelog: number;
}

export const pipelineTopic = (role: PipelineTopicRole, names: PipelineNames, partitions: Partial<TopicPartitions> = {}): PipelineTopic => {
  const source = sourceTopics(names);
  const topic = {
    activities: source.activities,
    employees: source.employees,
    processed: names.processedTopic,
    dlq: names.dlqTopic,
    summaries: names.summariesTopic,
    summariesChangelog: names.summariesChangelogTopic,
  }[role];
  const count = role === 'employees' || role === 'dlq' ? 1 : partitions[role];
  if (count === undefined) throw new Error(`pipelineTopic(${role}): the partition count is needed`);
  return { topic, partitions: count, configs: TOPIC_CONFIGS[role] };
};
