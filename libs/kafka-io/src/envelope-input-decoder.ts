import {
  createAvroWriterSchema,
  decodeAvroEnvelope,
  decodeJsonEnvelope,
  reject,
  type AvroWriterSchema,
  type EnvelopeDecodeResult,
} from '@eap/debezium-envelope';
import { readRegistryFrame } from './registry-frame.js';
import type { SchemaRegistryCodec } from './schema-registry-codec.js';

export interface InputDecoder {
  /** Fetches the writer schemas of a batch's framed values, once per schema id. */
  prepare(values: readonly (Uint8Array | null)[]): Promise<void>;
  /** A value of a prepared batch: synchronous, no registry request. */
  decode(value: Uint8Array | null): EnvelopeDecodeResult;
}

/**
 * Decodes Debezium change events in the forms users meet, on the activities and the employees topics
 * alike: JSON (with or without the schema wrapper) and registry-framed Avro, told apart by the frame.
 */
export const createInputDecoder = (codec: SchemaRegistryCodec, maxBytes: number): InputDecoder => {
  // An envelope's writer, with its columns' Connect semantics, worked out once per schema id.
  const writers = new Map<number, AvroWriterSchema | undefined>();
  const writerOf = (id: number): AvroWriterSchema | undefined => {
    if (!writers.has(id)) {
      const schema = codec.preparedSchema(id);
      const writer = schema === undefined ? undefined : createAvroWriterSchema(schema);
      writers.set(id, writer?.kind === 'ok' ? writer.writer : undefined);
    }
    return writers.get(id);
  };
  return {
    prepare: (values) => codec.prepare(values),
    decode(value) {
      if (value === null) return { kind: 'tombstone' };
      if (value.byteLength > maxBytes) return reject('too_large', `value is ${value.byteLength} bytes, above the ${maxBytes} byte limit`);
      const frame = readRegistryFrame(value);
      return frame.kind === 'framed' ? decodeAvroEnvelope(frame, writerOf) : decodeJsonEnvelope(value, { maxBytes });
    },
  };
};
