/**
 * Debezium's temporal encodings turned into exact numbers, without zone shifts.
 *
 * A `TIMESTAMP` (no zone) column is a wall-clock reading; Debezium writes it as if it were UTC. We
 * keep it that way: microseconds since 1970-01-01T00:00 of that wall clock, read as UTC. Micros
 * stay below 2^53 for any plausible date, so a number holds them exactly.
 */
export const MICRO_TIMESTAMP = 'io.debezium.time.MicroTimestamp';
export const MILLI_TIMESTAMP = 'io.debezium.time.Timestamp';
export const NANO_TIMESTAMP = 'io.debezium.time.NanoTimestamp';
export const ZONED_TIMESTAMP = 'io.debezium.time.ZonedTimestamp';
export const CONNECT_TIMESTAMP = 'org.apache.kafka.connect.data.Timestamp';
export const EPOCH_DATE = 'io.debezium.time.Date';
export const CONNECT_DATE = 'org.apache.kafka.connect.data.Date';

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_HOUR = 3_600 * MICROS_PER_SECOND;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

export type TemporalResult = { readonly kind: 'ok'; readonly value: number } | { readonly kind: 'invalid'; readonly detail: string };

const ok = (value: number): TemporalResult => ({ kind: 'ok', value });
const invalid = (detail: string): TemporalResult => ({ kind: 'invalid', detail });

/**
 * Reads a timestamp column as epoch microseconds. `semantic` is the column's schema name; when the
 * record had no schema (schemaless JSON), a number is taken as MicroTimestamp (what a PostgreSQL
 * `timestamp` column gives under the default `time.precision.mode`) and a string as ZonedTimestamp.
 */
export const readTimestampMicros = (raw: unknown, semantic: string | undefined): TemporalResult => {
  switch (semantic ?? (typeof raw === 'string' ? ZONED_TIMESTAMP : MICRO_TIMESTAMP)) {
    case MICRO_TIMESTAMP:
      return Number.isSafeInteger(raw) ? ok(raw as number) : invalid(`expected integer microseconds`);
    case MILLI_TIMESTAMP:
    case CONNECT_TIMESTAMP:
      return Number.isSafeInteger(raw) && Number.isSafeInteger((raw as number) * 1000) ? ok((raw as number) * 1000) : invalid('expected integer milliseconds');
    case ZONED_TIMESTAMP:
      return typeof raw === 'string' ? parseIsoMicros(raw) : invalid('expected an ISO-8601 string with a zone');
    case NANO_TIMESTAMP:
      return invalid(`${NANO_TIMESTAMP} is beyond 2^53 and cannot be read exactly; use time.precision.mode=adaptive`);
    default:
      return invalid(`${semantic} is not a timestamp type`);
  }
};

/** Reads a date column as days since 1970-01-01 (io.debezium.time.Date, or Connect's Date). */
export const readEpochDay = (raw: unknown, semantic: string | undefined): TemporalResult => {
  if (semantic !== undefined && semantic !== EPOCH_DATE && semantic !== CONNECT_DATE) {
    return invalid(`${semantic} is not a date type`);
  }
  return Number.isSafeInteger(raw) ? ok(raw as number) : invalid('expected integer days since 1970-01-01');
};

const ISO = /^(-?\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** `2024-01-15T09:00:00.123456Z` (or with an offset) to epoch microseconds, exactly. */
export const parseIsoMicros = (text: string): TemporalResult => {
  const m = ISO.exec(text);
  if (m === null) return invalid(`${JSON.stringify(text)} is not an ISO-8601 timestamp with a zone`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) return invalid(`${JSON.stringify(text)} is not a valid date and time`);
  const fraction = Number((m[7] ?? '').padEnd(6, '0').slice(0, 6));
  const zone = m[8] as string;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return ok(date.getTime() * 1000 + fraction - offsetMinutes * 60 * MICROS_PER_SECOND);
};

/** Epoch days to `YYYY-MM-DD`. */
export const formatEpochDay = (days: number): string => new Date(days * 86_400_000).toISOString().split('T')[0] as string;

/** Epoch microseconds to `YYYY-MM-DDTHH:MM:SS.ffffff` (the wall clock, no zone). */
export const formatMicros = (micros: number): string => {
  const millis = Math.floor(micros / 1000);
  const sub = micros - millis * 1000;
  return `${new Date(millis).toISOString().slice(0, -1)}${String(sub).padStart(3, '0')}`;
};
