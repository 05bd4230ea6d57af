import avsc from 'avsc';
import type { Type } from 'avsc';
import type { ConnectField, ConnectType, RowSchema } from './row-schema.js';
import { connectTypes } from './row-schema.js';
import { isRecord } from './value-guards.js';

/** A writer schema as registered by Confluent's AvroConverter: the avsc type, and the row columns it describes. */
export interface AvroWriterSchema {
  readonly type: Type;
  /** Columns with their Connect semantics (`connect.name`), which avsc drops from primitive types. */
  readonly columns: RowSchema | null;
}

/** Finds the writer schema for a registry schema id. The registry I/O and caching live outside this lib. */
export type AvroSchemaLookup = (schemaId: number) => AvroWriterSchema | undefined;

export type AvroWriterSchemaResult = { readonly kind: 'ok'; readonly writer: AvroWriterSchema } | { readonly kind: 'invalid'; readonly detail: string };

/**
 * Longs as numbers, rounded beyond 2^53 as JSON.parse rounds them. Debezium's `ts_ns` fields
 * exceed 2^53 and avsc's default long refuses them; every value we compute with (LSNs, micros,
 * ids) is below 2^53 and stays exact.
 */
const debeziumLong = avsc.types.LongType.__with({
  fromBuffer: (buf: Buffer) => Number(buf.readBigInt64LE()),
  toBuffer: (n: number) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: Number,
  toJSON: (n: number) => n,
  isValid: Number.isInteger,
  compare: (a: number, b: number) => Math.sign(a - b),
});

/** avsc's reading position in the bytes of one datum (its `Tap`, not in its typings). */
interface AvscTap {
  readonly buf: Uint8Array;
  pos: number;
  readLong(): number;
}

/**
 * Reads one long without the 8-byte buffer avsc unpacks for every abstract long (a Buffer and a
 * BigInt per long made them several times slower than avsc's own). Below 2^52 avsc's varint reading
 * is exact and is taken as it is; above, the varint is read again as a BigInt and rounded once.
 */
export const readWideLong = (tap: AvscTap): number => {
  const start = tap.pos;
  const n = tap.readLong();
  if (n > -SAFE_FAST && n < SAFE_FAST) return n;
  tap.pos = start;
  let zigzag = 0n;
  let shift = 0n;
  let byte: number;
  do {
    byte = tap.buf[tap.pos++] ?? 0;
    zigzag |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  return Number((zigzag >> 1n) ^ -(zigzag & 1n));
};
/** 2^52: the zigzag form of any long inside it is below 2^53, which avsc's float arithmetic reads exactly. */
const SAFE_FAST = 2 ** 52;
/** avsc freezes its abstract longs: the fast reader goes on an object inheriting from it. */
const wideLong = Object.freeze(Object.create(debeziumLong, { _read: { value: readWideLong } }) as typeof debeziumLong);

/** An avsc type whose longs are numbers even beyond 2^53 (Debezium's `ts_ns`); avsc's own long refuses those. */
export const avroTypeWithWideLongs = (schema: unknown): Type => avsc.Type.forSchema(schema as avsc.Schema, { registry: { long: wideLong } });

/** Builds a writer schema from the schema JSON the registry returned (parsed). Call once per schema id. */
export const createAvroWriterSchema = (schema: unknown): AvroWriterSchemaResult => {
  let type: Type;
  try {
    type = avroTypeWithWideLongs(schema);
  } catch (error) {
    return { kind: 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'ok', writer: { type, columns: rowColumns(schema) } };
};

const avroToConnect: Readonly<Record<string, ConnectType>> = {
  int: 'int32',
  long: 'int64',
  float: 'float32',
  double: 'float64',
  boolean: 'boolean',
  string: 'string',
  bytes: 'bytes',
  fixed: 'bytes',
  enum: 'string',
  array: 'array',
  map: 'map',
  record: 'struct',
};

/** The fields of the envelope's `before` (or `after`) record, the first place the row record is defined. */
const rowColumns = (envelope: unknown): RowSchema | null => {
  if (!isRecord(envelope) || !Array.isArray(envelope['fields'])) return null;
  for (const name of ['before', 'after']) {
    const field = (envelope['fields'] as unknown[]).find((f) => isRecord(f) && f['name'] === name);
    const branches = isRecord(field) ? [field['type']].flat() : [];
    const row = branches.find((b) => isRecord(b) && Array.isArray(b['fields']));
    if (isRecord(row)) return (row['fields'] as unknown[]).flatMap(toConnectField);
  }
  return null;
};

const toConnectField = (field: unknown): ConnectField[] => {
  if (!isRecord(field) || typeof field['name'] !== 'string') return [];
  const branches = [field['type']].flat();
  const type = branches.find((b) => b !== 'null');
  const attributes = isRecord(type) ? type : {};
  const avroType = isRecord(type) ? type['type'] : type;
  const connectType = connectTypes.find((t) => t === attributes['connect.type']) ?? avroToConnect[String(avroType)];
  if (connectType === undefined) return [];
  const { 'connect.name': name, 'connect.version': version, 'connect.parameters': parameters } = attributes;
  return [
    {
      field: field['name'],
      type: connectType,
      optional: branches.includes('null'),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof version === 'number' ? { version } : {}),
      ...('connect.default' in attributes ? { default: attributes['connect.default'] } : {}),
      ...(isRecord(parameters) ? { parameters: parameters as Readonly<Record<string, string>> } : {}),
    },
  ];
};
