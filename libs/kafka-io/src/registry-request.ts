import { KafkaIoError } from './kafka-io-error.js';

/**
 * A request to the schema registry, its failures as ours: no answer (refused, DNS, timeout) is
 * `not_reachable`, retriable. The caller judges the answer's status.
 */
export const registryRequest = async (url: string, init: RequestInit, fetchFn: typeof fetch = fetch): Promise<Response> => {
  try {
    return await fetchFn(url, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new KafkaIoError('not_reachable', `the schema registry did not answer ${new URL(url).origin} (${why})`, { retriable: true, cause: e });
  }
};
