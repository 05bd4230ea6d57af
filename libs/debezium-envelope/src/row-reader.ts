import type { RowImage } from './change-event.js';
import type { Rejection } from './envelope-rejection.js';
import { reject } from './envelope-rejection.js';
import type { RowSchema } from './row-schema.js';
import { columnOf } from './row-schema.js';
import type { TemporalResult } from './temporal-value.js';
import { readEpochDay, readTimestampMicros } from './temporal-value.js';
import { describeValue, isNullish } from './value-guards.js';

export type RowReadResult<T> = { readonly kind: 'ok'; readonly row: T } | Rejection<'invalid_field'>;

/**
 * Typed access to the columns of a row image. The first column that does not have its declared
 * type is remembered (getters then return placeholders) and `result` turns it into `invalid_field`.
 */
export interface RowReader {
  /** A 32-bit integer (PostgreSQL integer, serial). */
  int(column: string): number;
  nullableInt(column: string): number | null;
  string(column: string): string;
  nullableString(column: string): string | null;
  /** Epoch microseconds of the wall clock (see `readTimestampMicros`). */
  timestamp(column: string): number;
  /**
   * Like `timestamp`, or null. For a column declared `DEFAULT CURRENT_TIMESTAMP`, Debezium puts
   * `"default": 0` in the schema, and Kafka's JsonConverter (with its default
   * `replace.null.with.default=true`) then writes NULL as 0. When the schema shows that
   * placeholder, 0 reads as NULL. Set `value.converter.replace.null.with.default=false` on the
   * connector so that schemaless JSON, which cannot be repaired here, keeps its NULLs too.
   */
  nullableTimestamp(column: string): number | null;
  /** Days since 1970-01-01. */
  nullableDate(column: string): number | null;
  result<T>(row: T): RowReadResult<T>;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export const createRowReader = (image: RowImage, columns: RowSchema | null, label = 'row'): RowReader => {
  let problem: string | undefined;
  const fail = <T>(column: string, expected: string, placeholder: T): T => {
    problem ??= `${label}.${column} must be ${expected}, got ${describeValue(image[column])}`;
    return placeholder;
  };
  const nullable = <T>(column: string, read: (column: string) => T): T | null => (isNullish(image[column]) ? null : read(column));
  const temporal = (column: string, what: string, read: (raw: unknown, semantic?: string) => TemporalResult): number => {
    const result = read(image[column], columnOf(columns, column)?.name);
    return result.kind === 'ok' ? result.value : fail(column, `${what} (${result.detail})`, 0);
  };
  const int = (column: string): number => {
    const value = image[column];
    const valid = Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
    return valid ? (value as number) : fail(column, 'a 32-bit integer', 0);
  };
  const string = (column: string): string => {
    const value = image[column];
    return typeof value === 'string' ? value : fail(column, 'a string', '');
  };
  const timestamp = (column: string): number => temporal(column, 'a timestamp', readTimestampMicros);
  return {
    int,
    nullableInt: (column) => nullable(column, int),
    string,
    nullableString: (column) => nullable(column, string),
    timestamp,
    nullableTimestamp: (column) => (isNullPlaceholder(image, columns, column) ? null : nullable(column, timestamp)),
    nullableDate: (column) => nullable(column, (c) => temporal(c, 'a date', readEpochDay)),
    result: (row) => (problem === undefined ? { kind: 'ok', row } : reject('invalid_field', problem)),
  };
};

const isNullPlaceholder = (image: RowImage, columns: RowSchema | null, column: string): boolean => {
  const schema = columnOf(columns, column);
  return schema !== undefined && schema.optional && schema.default === 0 && image[column] === 0;
};
