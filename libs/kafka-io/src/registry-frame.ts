/**
 * The registry wire format (Confluent's, which Apicurio's ccompat API and Debezium's Avro converters
 * write too): magic byte 0, the schema id as a 4-byte big-endian integer, then the Avro datum. This is
 * the one place that reads or writes it; every reader of an Avro topic goes through here.
 */
export const REGISTRY_FRAME_HEADER_BYTES = 5;
const MAGIC = 0;

export type RegistryFrame =
  | { readonly kind: 'framed'; readonly schemaId: number; readonly body: Buffer }
  /** Not registry-framed: JSON, text, or bytes too short to hold the header. */
  | { readonly kind: 'unframed' };

/** The frame of a record value. Ids are read unsigned: a registry never hands out a negative one. */
export const readRegistryFrame = (value: Uint8Array): RegistryFrame => {
  if (value.byteLength < REGISTRY_FRAME_HEADER_BYTES || value[0] !== MAGIC) return { kind: 'unframed' };
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return { kind: 'framed', schemaId: bytes.readUInt32BE(1), body: bytes.subarray(REGISTRY_FRAME_HEADER_BYTES) };
};

/** A value in the registry wire format: the header, then `body`. */
export const writeRegistryFrame = (schemaId: number, body: Uint8Array): Buffer => {
  const out = Buffer.allocUnsafe(REGISTRY_FRAME_HEADER_BYTES + body.byteLength);
  out.writeUInt8(MAGIC, 0);
  out.writeUInt32BE(schemaId, 1);
  out.set(body, REGISTRY_FRAME_HEADER_BYTES);
  return out;
};
