/** Kafka Connect's schema types, as the JSON converter names them. */
export type ConnectType = 'int8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'boolean' | 'string' | 'bytes' | 'array' | 'map' | 'struct';

/**
 * One column of a captured table as Debezium describes it: the Connect type plus, for semantic
 * types, their logical name (`io.debezium.time.MicroTimestamp`, `io.debezium.data.Enum`, ...).
 */
export interface ConnectField {
  readonly field: string;
  readonly type: ConnectType;
  readonly optional: boolean;
  readonly name?: string;
  readonly version?: number;
  readonly default?: unknown;
  readonly parameters?: Readonly<Record<string, string>>;
}

/** The columns of a row image, in table order. Known when the record carried a schema (JSON with schema, Avro). */
export type RowSchema = readonly ConnectField[];

export const connectTypes: readonly ConnectType[] = [
  'int8',
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
  'boolean',
  'string',
  'bytes',
  'array',
  'map',
  'struct',
];

/** The column's schema, or undefined when the row schema is unknown or lacks the column. */
export const columnOf = (columns: RowSchema | null, name: string): ConnectField | undefined => columns?.find((column) => column.field === name);
