import type { RowImage } from './change-event.js';
import type { Rejection } from './envelope-rejection.js';
import { reject } from './envelope-rejection.js';
import type { RowSchema } from './row-schema.js';
import { columnOf } from './row-schema.js';
import type { TemporalResult } from './temporal-value.js';
import { readEpochDay, readTimestampMicros } from './temporal-value.js';
import { describeValue } from './value-guards.js';

export type RowReadResult<T> = { readonly kind: 'ok'; readonly row: T } | Rejection<'invalid_field'>;

/**
 * What a nullable getter does with a column the row does not have (dropped or renamed in the table):
 * `refuse` (the default) for a column that counts, which read as NULL would quietly stop counting;
 * `null` for one only carried along, whose absence means there is nothing to carry.
 */
export type WhenAbsent = 'refuse' | 'null';

/**
 * Typed access to the columns of a row image. The first column that does not have its declared
 * type is remembered (getters then return placeholders) and `result` turns it into `invalid_field`.
 */
export interface RowReader {
  /** A 32-bit integer (PostgreSQL integer, serial). */
  int(column: string): number;
  nullableInt(column: string, whenAbsent?: WhenAbsent): number | null;
  string(column: string): string;
  nullableString(column: string, whenAbsent?: WhenAbsent): string | null;
  /** Epoch microseconds of the wall clock (see `readTimestampMicros`). */
  timestamp(column: string): number;
  /**
   * Like `timestamp`, or null. For a column declared `DEFAULT CURRENT_TIMESTAMP`, Debezium puts
   * `"default": 0` in the schema, and Kafka's JsonConverter (with its default
   * `replace.null.with.default=true`) then writes NULL as 0. When the schema shows that
   * placeholder, 0 reads as NULL. Set `value.converter.replace.null.with.default=false` on the
   * connector so that schemaless JSON, which cannot be repaired here, keeps its NULLs too.
   */
  nullableTimestamp(column: string, whenAbsent?: WhenAbsent): number | null;
  /** Days since 1970-01-01. */
  nullableDate(column: string, whenAbsent?: WhenAbsent): number | null;
  result<T>(row: T): RowReadResult<T>;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A class, not closures: one or two readers run per change event on the processor's hot path. */
class ImageRowReader implements RowReader {
  private problem: string | undefined;
  constructor(
    private readonly image: RowImage,
    private readonly columns: RowSchema | null,
    private readonly label: string,
  ) {}
  private fail<T>(column: string, expected: string, placeholder: T): T {
    this.problem ??= this.isAbsent(column)
      ? `${this.label}.${column} is not in the row: the table has no such column (dropped or renamed?)`
      : `${this.label}.${column} must be ${expected}, got ${describeValue(this.image[column])}`;
    return placeholder;
  }
  /** A column the writer's schema does not have: not a NULL, which would quietly count as one. */
  private isAbsent(column: string): boolean {
    return this.image[column] === undefined && !Object.hasOwn(this.image, column);
  }
  /** NULL, or absent: refused unless the caller says absence is NULL (see `WhenAbsent`). */
  private isNull(column: string, whenAbsent: WhenAbsent): boolean {
    const value = this.image[column];
    if (value === null) return true;
    if (value !== undefined) return false;
    if (whenAbsent === 'refuse' && this.isAbsent(column)) this.fail(column, '', null);
    return true;
  }
  private temporal(column: string, what: string, read: (raw: unknown, semantic?: string) => TemporalResult): number {
    const result = read(this.image[column], columnOf(this.columns, column)?.name);
    return result.kind === 'ok' ? result.value : this.fail(column, `${what} (${result.detail})`, 0);
  }
  int(column: string): number {
    const value = this.image[column];
    const valid = Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
    return valid ? (value as number) : this.fail(column, 'a 32-bit integer', 0);
  }
  nullableInt(column: string, whenAbsent: WhenAbsent = 'refuse'): number | null {
    return this.isNull(column, whenAbsent) ? null : this.int(column);
  }
  string(column: string): string {
    const value = this.image[column];
    return typeof value === 'string' ? value : this.fail(column, 'a string', '');
  }
  nullableString(column: string, whenAbsent: WhenAbsent = 'refuse'): string | null {
    return this.isNull(column, whenAbsent) ? null : this.string(column);
  }
  timestamp(column: string): number {
    return this.temporal(column, 'a timestamp', readTimestampMicros);
  }
  nullableTimestamp(column: string, whenAbsent: WhenAbsent = 'refuse'): number | null {
    if (isNullPlaceholder(this.image, this.columns, column)) return null;
    return this.isNull(column, whenAbsent) ? null : this.timestamp(column);
  }
  nullableDate(column: string, whenAbsent: WhenAbsent = 'refuse'): number | null {
    return this.isNull(column, whenAbsent) ? null : this.temporal(column, 'a date', readEpochDay);
  }
  result<T>(row: T): RowReadResult<T> {
    return this.problem === undefined ? { kind: 'ok', row } : reject('invalid_field', this.problem);
  }
}

export const createRowReader = (image: RowImage, columns: RowSchema | null, label = 'row'): RowReader => new ImageRowReader(image, columns, label);

const isNullPlaceholder = (image: RowImage, columns: RowSchema | null, column: string): boolean => {
  const schema = columnOf(columns, column);
  return schema !== undefined && schema.optional && schema.default === 0 && image[column] === 0;
};
