import type { AvroSchemaLookup } from './avro-writer-schema.js';
import type { EnvelopeDecodeResult } from './envelope-decode-result.js';
import { reject } from './envelope-rejection.js';
import { readEnvelopePayload } from './envelope-payload-reader.js';

/** A registry-framed value with its frame read (by kafka-io's readRegistryFrame): the schema id and the Avro datum. */
export interface AvroDatum {
  readonly schemaId: number;
  readonly body: Uint8Array;
}

/**
 * Decodes a Debezium envelope written by an Avro converter (Confluent's or Apicurio's, through the
 * registry's ccompat API) with the writer schema the lookup returns for its id. Tombstones, the size
 * limit and the framing are the caller's: it has the whole value.
 */
export const decodeAvroEnvelope = ({ schemaId, body }: AvroDatum, lookup: AvroSchemaLookup): EnvelopeDecodeResult => {
  const writer = lookup(schemaId);
  if (writer === undefined) return reject('unknown_schema_id', `schema id ${schemaId} is not known`);
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let decoded: { value: unknown; offset: number };
  try {
    decoded = writer.type.decode(bytes, 0);
  } catch (error) {
    return reject('not_avro', `not a datum of schema ${schemaId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (decoded.offset !== bytes.length) {
    return reject('not_avro', `not a datum of schema ${schemaId}: ${decoded.offset < 0 ? 'truncated' : 'trailing bytes'}`);
  }
  const read = readEnvelopePayload(decoded.value, writer.columns);
  return read.kind === 'event' ? { ...read, form: 'avro' } : read;
};
