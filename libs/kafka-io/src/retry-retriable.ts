/** Whether a KafkaJS (or our own) error says trying again can help: leader moves, elections, lost connections. */
export const isRetriableKafkaError = (e: unknown): boolean => {
  const err = e as { retriable?: unknown; originalError?: { retriable?: unknown }; type?: unknown } | null;
  if (err === null || typeof err !== 'object') return false;
  if (err.retriable === true || err.originalError?.retriable === true) return true;
  return typeof err.type === 'string' && RETRIABLE_TYPES.has(err.type);
};

const RETRIABLE_TYPES = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'REQUEST_TIMED_OUT',
]);

export interface RetryOptions {
  readonly retries?: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly isRetriable?: (e: unknown) => boolean;
  readonly onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Runs `fn`, trying again after a retriable error with exponential backoff and ±20 % jitter.
 * Programmer and configuration errors (anything `isRetriable` rejects) are thrown at once.
 */
export const retryRetriable = async <T>(
  fn: () => Promise<T>,
  {
    retries = 8,
    initialDelayMs = 100,
    maxDelayMs = 3_000,
    isRetriable = isRetriableKafkaError,
    onRetry = () => undefined,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    random = Math.random,
  }: RetryOptions = {},
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt > retries || !isRetriable(e)) throw e;
      const base = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(base * (0.8 + 0.4 * random()));
      onRetry(e, attempt, delayMs);
      await sleep(delayMs);
    }
  }
};
