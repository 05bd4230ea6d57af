import { PipelineError } from '@eap/pipeline-config';
import { KafkaIoError } from './kafka-io-error.js';
import { isRetriableKafkaError } from './retry-retriable.js';

// KafkaJS's own error classes that mean "no broker answered": by name, as KafkaJS does not export
// them as a stable API. This file is the one place that knows them.
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
]);

/** Whether a KafkaJS error says the cluster did not answer (down, unreachable, or gone past the retries). */
export const isKafkaConnectionError = (e: unknown): boolean => e instanceof Error && UNREACHABLE.has(e.name);

/**
 * KafkaJS's errors as ours, at the adapter boundary: `not_reachable` (kind connection) when no broker
 * answered, `kafka_failed` for another KafkaJS error. Ours pass unchanged; anything else is a bug and stays itself.
 */
export const kafkaIoErrorOf = (e: unknown, context: { readonly topic?: string } = {}): unknown => {
  if (e instanceof PipelineError || !(e instanceof Error) || !e.name.startsWith('KafkaJS')) return e;
  if (isKafkaConnectionError(e)) return new KafkaIoError('not_reachable', `Kafka did not answer: ${e.message}`, { retriable: true, cause: e, ...context });
  return new KafkaIoError('kafka_failed', e.message, { retriable: isRetriableKafkaError(e), cause: e, ...context });
};

/** Connects a KafkaJS client (admin, consumer, producer), its failure mapped. */
export const connectClient = async (client: { connect(): Promise<void> }): Promise<void> => {
  try {
    await client.connect();
  } catch (e) {
    throw kafkaIoErrorOf(e);
  }
};
