import type { InputRecord, OutputRecord } from './kafka-records.js';

/**
 * A DLQ record: the original key, value and headers, plus headers naming the reason and where the
 * record came from. Nothing else is changed, so it can be replayed as it was.
 */
export const deadLetter = (
  dlqTopic: string,
  input: InputRecord,
  reason: string,
  detail: string,
  now = Date.now(),
  /** More `dlq.*` headers (the image of a change that failed, a redrive's history). */
  extra: Readonly<Record<string, string>> = {},
): OutputRecord => {
  const headers: Record<string, Buffer | string> = {};
  for (const [k, v] of Object.entries(input.headers)) if (v !== undefined) headers[k] = v;
  return {
    topic: dlqTopic,
    key: input.key,
    value: input.value,
    headers: {
      ...headers,
      'dlq.reason': reason,
      'dlq.detail': detail.slice(0, 1_000),
      'dlq.source.topic': input.topic,
      'dlq.source.partition': String(input.partition),
      'dlq.source.offset': input.offset.toString(),
      'dlq.time': new Date(now).toISOString(),
      ...extra,
    },
  };
};
