import type { SourceInfo } from './change-event.js';
import type { RowSchema } from './row-schema.js';

/** The PostgreSQL connector's `source` struct as the JSON converter describes it (Debezium 3.x). */
const sourceSchema = {
  type: 'struct',
  fields: [
    { type: 'string', optional: false, field: 'version' },
    { type: 'string', optional: false, field: 'connector' },
    { type: 'string', optional: false, field: 'name' },
    { type: 'int64', optional: false, field: 'ts_ms' },
    {
      type: 'string',
      optional: true,
      name: 'io.debezium.data.Enum',
      version: 1,
      parameters: { allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental' },
      default: 'false',
      field: 'snapshot',
    },
    { type: 'string', optional: false, field: 'db' },
    { type: 'string', optional: true, field: 'sequence' },
    { type: 'int64', optional: true, field: 'ts_us' },
    { type: 'int64', optional: true, field: 'ts_ns' },
    { type: 'string', optional: false, field: 'schema' },
    { type: 'string', optional: false, field: 'table' },
    { type: 'int64', optional: true, field: 'txId' },
    { type: 'int64', optional: true, field: 'lsn' },
    { type: 'int64', optional: true, field: 'xmin' },
  ],
  optional: false,
  name: 'io.debezium.connector.postgresql.Source',
  version: 1,
  field: 'source',
} as const;

const transactionSchema = {
  type: 'struct',
  fields: [
    { type: 'string', optional: false, field: 'id' },
    { type: 'int64', optional: false, field: 'total_order' },
    { type: 'int64', optional: false, field: 'data_collection_order' },
  ],
  optional: true,
  name: 'event.block',
  version: 1,
  field: 'transaction',
} as const;

/**
 * The value schema the JSON converter writes for a table's change events
 * (`<prefix>.<schema>.<table>.Envelope`, version 2), with the given row columns.
 */
export const connectEnvelopeSchema = (source: SourceInfo, columns: RowSchema) => {
  const table = `${source.name}.${source.schema}.${source.table}`;
  const row = (field: 'before' | 'after') => ({ type: 'struct', fields: columns, optional: true, name: `${table}.Value`, field });
  return {
    type: 'struct',
    fields: [
      row('before'),
      row('after'),
      sourceSchema,
      transactionSchema,
      { type: 'string', optional: false, field: 'op' },
      { type: 'int64', optional: true, field: 'ts_ms' },
      { type: 'int64', optional: true, field: 'ts_us' },
      { type: 'int64', optional: true, field: 'ts_ns' },
    ],
    optional: false,
    name: `${table}.Envelope`,
    version: 2,
  };
};
