import { readEnvelopeSchema } from './connect-schema-reader.js';
import type { DecodeOptions, EnvelopeDecodeResult } from './envelope-decode-result.js';
import { defaultMaxValueBytes } from './envelope-decode-result.js';
import { reject } from './envelope-rejection.js';
import { readEnvelopePayload } from './envelope-payload-reader.js';
import { isRecord } from './value-guards.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a value written by Kafka Connect's JsonConverter, with `schemas.enable` on
 * (`{"schema":...,"payload":...}`, the form the manual uses) or off (the bare envelope); the form
 * is recognised from the value. A null value, or a JSON null, is a tombstone.
 */
export const decodeJsonEnvelope = (value: Uint8Array | string | null, { maxBytes = defaultMaxValueBytes }: DecodeOptions = {}): EnvelopeDecodeResult => {
  if (value === null) return { kind: 'tombstone' };
  const size = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
  if (size > maxBytes) return reject('too_large', `value is ${size} bytes, above the ${maxBytes} byte limit`);
  const parsed = parseJson(value);
  if (parsed.kind === 'invalid') return parsed;
  const json = parsed.value;
  if (json === null) return { kind: 'tombstone' };
  if (!isWrapped(json)) {
    const read = readEnvelopePayload(json, null);
    return read.kind === 'event' ? { ...read, form: 'json' } : read;
  }
  if (json['payload'] === null) return { kind: 'tombstone' };
  const schema = readEnvelopeSchema(json['schema']);
  if (schema.kind === 'invalid') return schema;
  const read = readEnvelopePayload(json['payload'], schema.columns);
  return read.kind === 'event' ? { ...read, form: 'json-with-schema' } : read;
};

const parseJson = (value: Uint8Array | string) => {
  try {
    const text = typeof value === 'string' ? value : utf8.decode(value);
    return { kind: 'ok', value: JSON.parse(text) as unknown } as const;
  } catch (error) {
    return reject('not_json', error instanceof Error ? error.message : String(error));
  }
};

/** The schemas-enabled form: exactly the two keys `schema` and `payload`. */
const isWrapped = (json: unknown): json is Readonly<Record<'schema' | 'payload', unknown>> =>
  isRecord(json) && 'schema' in json && 'payload' in json && Object.keys(json).length === 2;
