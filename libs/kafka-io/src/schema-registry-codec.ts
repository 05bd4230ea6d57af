import avro from 'avsc';
import { KafkaIoError } from './kafka-io-error.js';
import { readRegistryFrame, writeRegistryFrame } from './registry-frame.js';
import { registryRequest } from './registry-request.js';
import { registerSchema } from './schema-registration.js';
import { avroTypeWithWideLongs } from '@eap/debezium-envelope';

export type RegistryDecodeResult =
  | { readonly kind: 'ok'; readonly schemaId: number; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly reason: 'not_avro' | 'unknown_schema_id' | 'invalid_avro'; readonly detail: string };

export interface AvroEncoder {
  readonly schemaId: number;
  /** The registry frame (magic 0, 4-byte id) + Avro body. Synchronous: no registry call per record. */
  encode(value: unknown): Buffer;
}

/**
 * The one Avro codec of the pipeline: every reader of a registry-framed topic (processor, aggregator,
 * employees follower, tail, peek, console, verify) decodes through it. Decoding is synchronous once the
 * batch's schema ids are prepared, so a batch makes at most one registry request per id never seen.
 */
export interface SchemaRegistryCodec {
  /** Registers (or finds) the schema under `<subject>`; BACKWARD is checked by the registry. */
  registerEncoder(subject: string, schema: object): Promise<AvroEncoder>;
  /** Fetches, once per id, the writer schemas of the framed values among `values` (unframed ones are passed over). */
  prepare(values: Iterable<Uint8Array | null>): Promise<void>;
  /** The registered schema (parsed JSON) of a prepared id; undefined when the registry has no such id. */
  preparedSchema(id: number): unknown;
  /** Decodes a value whose id was prepared; with `reader`, resolved into that schema (schema evolution). */
  decodePrepared(value: Uint8Array, reader?: avro.Type): RegistryDecodeResult;
  /** prepare, then decodePrepared: for a reader of one record at a time. */
  decode(value: Uint8Array, reader?: avro.Type): Promise<RegistryDecodeResult>;
}

type AvroResolver = ReturnType<avro.Type['createResolver']>;
interface Writer {
  readonly schema: unknown;
  readonly type: avro.Type;
  /**
   * The same with longs beyond 2^53 read (rounded) instead of refused (Debezium's `ts_ns`), made at
   * the first datum avsc's own long refuses: its longs are several times slower to read.
   */
  wide?: avro.Type;
  readonly resolvers: Map<avro.Type, AvroResolver>;
}

export const createSchemaRegistryCodec = ({
  url,
  fetchTimeoutMs = 5_000,
  fetch = globalThis.fetch,
}: {
  url: string;
  fetchTimeoutMs?: number;
  /** The HTTP client (tests count the requests). */
  fetch?: typeof globalThis.fetch;
}): SchemaRegistryCodec => {
  // An id the registry does not know is remembered as null (ids are immutable); a failed request is not.
  const writers = new Map<number, Writer | null>();
  const pending = new Map<number, Promise<void>>();

  const fetchWriter = (id: number): Promise<void> => {
    let p = pending.get(id);
    if (!p) {
      p = registryRequest(`${url}/schemas/ids/${id}`, { signal: AbortSignal.timeout(fetchTimeoutMs) }, fetch)
        .then(async (res) => {
          if (res.status === 404) return void writers.set(id, null);
          if (!res.ok) throw new KafkaIoError('registry_failed', `registry answered ${res.status} for schema id ${id}`, { retriable: res.status >= 500 });
          const schema = JSON.parse(((await res.json()) as { schema: string }).schema) as unknown;
          writers.set(id, { schema, type: avro.Type.forSchema(schema as avro.Schema), resolvers: new Map() });
        })
        .finally(() => pending.delete(id));
      pending.set(id, p);
    }
    return p;
  };

  const prepared = (id: number): Writer | null => {
    const writer = writers.get(id);
    if (writer === undefined) throw new Error(`schema id ${id} was not prepared: call prepare() with the value first`);
    return writer;
  };

  const decodePrepared = (value: Uint8Array, reader?: avro.Type): RegistryDecodeResult => {
    const frame = readRegistryFrame(value);
    if (frame.kind === 'unframed') return { kind: 'invalid', reason: 'not_avro', detail: 'no registry framing (magic byte 0 and a 4-byte schema id)' };
    const writer = prepared(frame.schemaId);
    if (!writer) return { kind: 'invalid', reason: 'unknown_schema_id', detail: `the registry has no schema with id ${frame.schemaId}` };
    try {
      if (!reader) return { kind: 'ok', schemaId: frame.schemaId, value: readWide(writer, frame.body) };
      let resolver = writer.resolvers.get(reader);
      if (!resolver) writer.resolvers.set(reader, (resolver = reader.createResolver(writer.type)));
      return { kind: 'ok', schemaId: frame.schemaId, value: reader.fromBuffer(frame.body, resolver) };
    } catch (e) {
      return { kind: 'invalid', reason: 'invalid_avro', detail: (e as Error).message };
    }
  };

  const prepare = async (values: Iterable<Uint8Array | null>): Promise<void> => {
    const ids = new Set<number>();
    for (const value of values) {
      if (value === null) continue;
      const frame = readRegistryFrame(value);
      if (frame.kind === 'framed' && !writers.has(frame.schemaId)) ids.add(frame.schemaId);
    }
    await Promise.all([...ids].map(fetchWriter));
  };

  return {
    prepare,
    decodePrepared,
    preparedSchema: (id) => prepared(id)?.schema,
    async decode(value, reader) {
      await prepare([value]);
      return decodePrepared(value, reader);
    },
    async registerEncoder(subject, schema) {
      const id = await registerSchema(url, subject, schema);
      const type = avro.Type.forSchema(schema as avro.Schema);
      return { schemaId: id, encode: (value) => writeRegistryFrame(id, type.toBuffer(value)) };
    },
  };
};

/** A datum without a reader schema: avsc's long first, the wide long when that refuses a value beyond 2^53. */
const readWide = (writer: Writer, body: Buffer): unknown => {
  if (writer.wide === undefined) {
    try {
      return writer.type.fromBuffer(body);
    } catch (e) {
      if (!/precision loss/.test((e as Error).message)) throw e;
      writer.wide = avroTypeWithWideLongs(writer.schema);
    }
  }
  return writer.wide.fromBuffer(body);
};
