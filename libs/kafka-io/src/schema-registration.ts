import { KafkaIoError } from './kafka-io-error.js';
import { registryRequest } from './registry-request.js';

/**
 * Registers `schema` under `subject` through the Confluent-compatible API (POST /subjects/{subject}/versions):
 * the id of an identical schema already there, or a new version when the subject's compatibility allows it.
 */
export const registerSchema = async (url: string, subject: string, schema: object): Promise<number> => {
  const res = await registryRequest(`${url}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'AVRO', schema: JSON.stringify(schema) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: number; message?: string; error_code?: number };
  if (!res.ok || typeof body.id !== 'number') {
    throw new KafkaIoError(
      'registry_failed',
      `registry refused the schema for subject ${subject} (${res.status}${body.error_code ? ` ${body.error_code}` : ''}): ${body.message ?? 'no message'}`,
      { retriable: res.status >= 500 },
    );
  }
  return body.id;
};
