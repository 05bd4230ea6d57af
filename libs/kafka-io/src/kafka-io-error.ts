/** Errors of our Kafka adapter: `retriable` says whether trying again can help. */
export class KafkaIoError extends Error {
  override readonly name = 'KafkaIoError';
  constructor(
    readonly code: 'fenced' | 'commit_failed' | 'not_reachable' | 'handler_failed' | 'input_position',
    message: string,
    readonly context: { readonly retriable: boolean; readonly topic?: string; readonly partition?: number; readonly cause?: unknown },
  ) {
    super(message);
  }

  get retriable(): boolean {
    return this.context.retriable;
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
