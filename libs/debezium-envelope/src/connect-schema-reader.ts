import type { Rejection } from './envelope-rejection.js';
import { reject } from './envelope-rejection.js';
import type { ConnectField, RowSchema } from './row-schema.js';
import { connectTypes } from './row-schema.js';
import { describeValue, isRecord } from './value-guards.js';

export type RowSchemaResult = { readonly kind: 'ok'; readonly columns: RowSchema } | Rejection<'invalid_shape'>;

/**
 * Reads the row columns out of the JSON converter's envelope schema
 * (`{"type":"struct","fields":[{"field":"before","type":"struct","fields":[...]}, ...]}`).
 */
export const readEnvelopeSchema = (schema: unknown): RowSchemaResult => {
  const fields = isRecord(schema) && Array.isArray(schema['fields']) ? (schema['fields'] as unknown[]) : undefined;
  if (fields === undefined) return reject('invalid_shape', `schema must be a struct with fields, got ${describeValue(schema)}`);
  const row = fields.find((f) => isRecord(f) && f['field'] === 'after') ?? fields.find((f) => isRecord(f) && f['field'] === 'before');
  if (!isRecord(row) || !Array.isArray(row['fields'])) {
    return reject('invalid_shape', 'schema has no before/after struct');
  }
  const columns: ConnectField[] = [];
  for (const column of row['fields'] as unknown[]) {
    const read = readField(column);
    if (read === undefined) return reject('invalid_shape', `schema column is not a Connect field: ${describeValue(column)}`);
    columns.push(read);
  }
  return { kind: 'ok', columns };
};

const readField = (value: unknown): ConnectField | undefined => {
  if (!isRecord(value)) return undefined;
  const { field, type, optional, name, version, parameters } = value;
  const connectType = connectTypes.find((t) => t === type);
  if (typeof field !== 'string' || connectType === undefined || typeof optional !== 'boolean') return undefined;
  return {
    field,
    type: connectType,
    optional,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof version === 'number' ? { version } : {}),
    ...('default' in value ? { default: value['default'] } : {}),
    ...(isStringMap(parameters) ? { parameters } : {}),
  };
};

const isStringMap = (value: unknown): value is Readonly<Record<string, string>> => isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
