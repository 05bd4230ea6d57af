import type { AvroSchemaLookup } from './avro-writer-schema.js';
import type { DecodeOptions, EnvelopeDecodeResult } from './envelope-decode-result.js';
import { defaultMaxValueBytes } from './envelope-decode-result.js';
import { reject } from './envelope-rejection.js';
import { readEnvelopePayload } from './envelope-payload-reader.js';

/** Confluent framing: magic byte 0, then the schema id as a 4-byte big-endian integer. */
const HEADER_BYTES = 5;

/**
 * Decodes a registry-framed Avro value written by Confluent's AvroConverter (or any
 * Confluent-compatible serializer) with the writer schema the lookup returns for its id.
 */
export const decodeAvroEnvelope = (
  value: Uint8Array | null,
  lookup: AvroSchemaLookup,
  { maxBytes = defaultMaxValueBytes }: DecodeOptions = {},
): EnvelopeDecodeResult => {
  if (value === null) return { kind: 'tombstone' };
  if (value.byteLength > maxBytes) return reject('too_large', `value is ${value.byteLength} bytes, above the ${maxBytes} byte limit`);
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (bytes.length < HEADER_BYTES || bytes[0] !== 0) {
    return reject('not_avro', 'value does not start with the registry framing (magic byte 0 and a schema id)');
  }
  const schemaId = bytes.readUInt32BE(1);
  const writer = lookup(schemaId);
  if (writer === undefined) return reject('unknown_schema_id', `schema id ${schemaId} is not known`);
  let decoded: { value: unknown; offset: number };
  try {
    decoded = writer.type.decode(bytes, HEADER_BYTES);
  } catch (error) {
    return reject('not_avro', `not a datum of schema ${schemaId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (decoded.offset !== bytes.length) {
    return reject('not_avro', `not a datum of schema ${schemaId}: ${decoded.offset < 0 ? 'truncated' : 'trailing bytes'}`);
  }
  const read = readEnvelopePayload(decoded.value, writer.columns);
  return read.kind === 'event' ? { ...read, form: 'avro' } : read;
};
