import { PipelineError, type ErrorKind } from '@eap/pipeline-config';

export type KafkaIoErrorCode =
  'fenced' | 'commit_failed' | 'not_reachable' | 'handler_failed' | 'input_position' | 'topic_absent' | 'kafka_failed' | 'registry_failed';

const KIND: Readonly<Record<KafkaIoErrorCode, ErrorKind>> = {
  fenced: 'fencing',
  commit_failed: 'protocol',
  not_reachable: 'connection',
  handler_failed: 'state',
  input_position: 'state',
  topic_absent: 'state',
  kafka_failed: 'protocol',
  registry_failed: 'protocol',
};

/** Errors of our Kafka adapter (KafkaJS's and the registry's mapped by kafkaIoErrorOf): `retriable` says whether trying again can help. */
export class KafkaIoError extends PipelineError {
  override readonly name = 'KafkaIoError';
  constructor(
    override readonly code: KafkaIoErrorCode,
    message: string,
    override readonly context: { readonly retriable: boolean; readonly topic?: string; readonly partition?: number; readonly cause?: unknown },
  ) {
    super(KIND[code], code, message, context);
  }
}

const FENCING = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_ID_MAPPING',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/** KafkaJS errors that mean "another owner took over": rebuild the producer, never retry it. */
export const isFencingError = (e: unknown): boolean => {
  const err = e as { type?: string; originalError?: { type?: string }; cause?: { type?: string } };
  return FENCING.has(err?.type ?? '') || FENCING.has(err?.originalError?.type ?? '') || FENCING.has(err?.cause?.type ?? '');
};
