import type { TailedRecord } from '@eap/pipeline-ops';

/**
 * One line per record, for `peek`: partition@offset and key, then for a Debezium event its op, before
 * and after; for Avro the schema id and the value; otherwise the value as JSON. The record is decoded
 * by pipeline-ops' describeRecord, the one decoder `tail` and the console use too.
 */
export const formatPeekLine = (r: TailedRecord): string => {
  const head = `p${r.partition}@${r.offset} key=${r.key ?? 'null'}`;
  if (r.encoding === 'tombstone') return `${head} (tombstone)`;
  if (r.encoding === 'avro') return `${head} schema=${r.schemaId} ${JSON.stringify(r.value)}`;
  if (r.encoding === 'undecodable') return `${head} undecodable${r.schemaId === undefined ? '' : ` schema=${r.schemaId}`}: ${String(r.value)}`;
  const v = r.value as { op?: unknown; before?: unknown; after?: unknown } | null;
  if (v && typeof v === 'object' && typeof v.op === 'string') return `${head} op=${v.op} before=${JSON.stringify(v.before)} after=${JSON.stringify(v.after)}`;
  return `${head} value=${JSON.stringify(r.value)}`;
};
