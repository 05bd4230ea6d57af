import { createAvroWriterSchema, decodeAvroEnvelope, decodeJsonEnvelope, type AvroWriterSchema, type EnvelopeDecodeResult } from '@eap/debezium-envelope';
import type { SchemaRegistryCodec } from '@eap/kafka-io';

const isFramed = (v: Uint8Array | null): v is Uint8Array => v !== null && v.byteLength >= 5 && v[0] === 0;

/**
 * Decodes input values in the forms users meet: Debezium JSON (with or without the schema wrapper) and
 * registry-framed Avro. Writer schemas are fetched once per id before a batch (`prefetch`), so the
 * per-record decode is synchronous and makes no registry request.
 */
export const createInputDecoder = (codec: SchemaRegistryCodec, maxBytes: number) => {
  const writers = new Map<number, AvroWriterSchema | undefined>();
  return {
    async prefetch(values: readonly (Uint8Array | null)[]): Promise<void> {
      const ids = new Set(values.filter(isFramed).map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).readUInt32BE(1)));
      for (const id of ids) {
        if (writers.has(id)) continue;
        const schema = await codec.schemaById(id);
        const writer = schema === undefined ? undefined : createAvroWriterSchema(schema);
        writers.set(id, writer?.kind === 'ok' ? writer.writer : undefined);
      }
    },
    decode: (value: Uint8Array | null): EnvelopeDecodeResult =>
      isFramed(value) ? decodeAvroEnvelope(value, (id) => writers.get(id), { maxBytes }) : decodeJsonEnvelope(value, { maxBytes }),
  };
};
