/** An object that is neither null nor an array: a JSON object or a decoded Avro record. */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);

/** Absent and null mean the same in Debezium payloads: the JSON converter writes null, Avro may omit. */
export const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined;

/** A short, printable rendering of a bad value for DLQ details (never the whole input). */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'string' ? JSON.stringify(value) : safeStringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const safeStringify = (value: unknown): string => {
  try {
    return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    return Object.prototype.toString.call(value);
  }
};
