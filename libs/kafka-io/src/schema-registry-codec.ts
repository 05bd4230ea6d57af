import avro from 'avsc';

export type RegistryDecodeResult =
  | { readonly kind: 'ok'; readonly schemaId: number; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly reason: 'not_avro' | 'unknown_schema_id' | 'invalid_avro'; readonly detail: string };

export interface AvroEncoder {
  readonly schemaId: number;
  /** Confluent framing (magic 0, 4-byte id) + Avro body. Synchronous: no registry call per record. */
  encode(value: unknown): Buffer;
}

export interface SchemaRegistryCodec {
  /** Registers (or finds) the schema under `<subject>`; BACKWARD is checked by the registry. */
  registerEncoder(subject: string, schema: object): Promise<AvroEncoder>;
  /** The schema registered under `id` (parsed JSON), fetched once and cached; undefined when unknown. */
  schemaById(id: number): Promise<unknown>;
  /** Decodes framed bytes; the writer schema is fetched once per id, then cached with its resolver. */
  decode(bytes: Buffer, reader?: avro.Type): Promise<RegistryDecodeResult>;
}

const MAGIC = 0;

/**
 * Registers `schema` under `subject` through the Confluent-compatible API (POST /subjects/{subject}/versions):
 * the id of an identical schema already there, or a new version when the subject's compatibility allows it.
 */
const registerSchema = async (url: string, subject: string, schema: object): Promise<number> => {
  const res = await fetch(`${url}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType: 'AVRO', schema: JSON.stringify(schema) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: number; message?: string; error_code?: number };
  if (!res.ok || typeof body.id !== 'number') {
    throw new Error(
      `registry refused the schema for subject ${subject} (${res.status}${body.error_code ? ` ${body.error_code}` : ''}): ${body.message ?? 'no message'}`,
    );
  }
  return body.id;
};
type AvroResolver = ReturnType<avro.Type['createResolver']>;

export const createSchemaRegistryCodec = ({ url }: { url: string }): SchemaRegistryCodec => {
  const schemas = new Map<number, Promise<unknown>>();
  const writers = new Map<number, Promise<avro.Type | undefined>>();

  const schemaById = (id: number): Promise<unknown> => {
    let p = schemas.get(id);
    if (!p) {
      p = fetch(`${url}/schemas/ids/${id}`, { signal: AbortSignal.timeout(5_000) }).then(async (res) => {
        if (res.status === 404) return undefined;
        if (!res.ok) throw new Error(`registry answered ${res.status} for schema id ${id}`);
        return JSON.parse(((await res.json()) as { schema: string }).schema) as unknown;
      });
      // a transient failure must not be cached; an unknown id is (ids are immutable)
      p.catch(() => schemas.delete(id));
      schemas.set(id, p);
    }
    return p;
  };
  const resolvers = new WeakMap<avro.Type, Map<avro.Type, AvroResolver>>();

  const writerType = (id: number): Promise<avro.Type | undefined> => {
    let p = writers.get(id);
    if (!p) {
      p = schemaById(id).then((schema) => (schema === undefined ? undefined : avro.Type.forSchema(schema as avro.Schema)));
      p.catch(() => writers.delete(id));
      writers.set(id, p);
    }
    return p;
  };

  const resolverFor = (writer: avro.Type, reader: avro.Type): AvroResolver => {
    let byReader = resolvers.get(writer);
    if (!byReader) resolvers.set(writer, (byReader = new Map()));
    let resolver = byReader.get(reader);
    if (!resolver) byReader.set(reader, (resolver = reader.createResolver(writer)));
    return resolver;
  };

  return {
    schemaById,
    async registerEncoder(subject, schema) {
      const id = await registerSchema(url, subject, schema);
      const type = avro.Type.forSchema(schema as avro.Schema);
      return {
        schemaId: id,
        encode(value) {
          const body = type.toBuffer(value);
          const out = Buffer.allocUnsafe(5 + body.length);
          out.writeUInt8(MAGIC, 0);
          out.writeInt32BE(id, 1);
          body.copy(out, 5);
          return out;
        },
      };
    },
    async decode(bytes, reader) {
      if (bytes.length < 5 || bytes.readUInt8(0) !== MAGIC)
        return { kind: 'invalid', reason: 'not_avro', detail: 'no Confluent framing (magic byte 0 and a 4-byte schema id)' };
      const schemaId = bytes.readInt32BE(1);
      const writer = await writerType(schemaId);
      if (!writer) return { kind: 'invalid', reason: 'unknown_schema_id', detail: `the registry has no schema with id ${schemaId}` };
      try {
        const body = bytes.subarray(5);
        const value = reader ? reader.fromBuffer(body, resolverFor(writer, reader)) : writer.fromBuffer(body);
        return { kind: 'ok', schemaId, value };
      } catch (e) {
        return { kind: 'invalid', reason: 'invalid_avro', detail: (e as Error).message };
      }
    },
  };
};
