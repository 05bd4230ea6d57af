import type { ConsumedRecord } from '@eap/kafka-io';

const payloadOf = (bytes: Buffer | null): unknown => {
  if (!bytes) return null;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { payload?: unknown };
    return json && typeof json === 'object' && 'payload' in json ? json.payload : json;
  } catch {
    return `<${bytes.length} bytes>`;
  }
};

/** One line per record: partition@offset, key, and for Debezium events op, before and after. */
export const describeRecord = (r: ConsumedRecord): string => {
  const value = payloadOf(r.value) as { op?: string; before?: unknown; after?: unknown } | null | string;
  const head = `p${r.partition}@${r.offset} key=${JSON.stringify(payloadOf(r.key))}`;
  if (value === null) return `${head} (tombstone)`;
  if (typeof value === 'object' && value.op) return `${head} op=${value.op} before=${JSON.stringify(value.before)} after=${JSON.stringify(value.after)}`;
  return `${head} value=${JSON.stringify(value)}`;
};

/** A registry-framed Avro record, decoded: partition@offset, key, schema id and the value as JSON. */
export const describeAvroRecord = (r: ConsumedRecord, schemaId: number, value: unknown): string =>
  `p${r.partition}@${r.offset} key=${JSON.stringify(r.key?.toString() ?? null)} schema=${schemaId} ${JSON.stringify(value)}`;
