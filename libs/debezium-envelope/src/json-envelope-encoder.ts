import type { ChangeEvent } from './change-event.js';
import { connectEnvelopeSchema } from './connect-envelope-schema.js';
import type { RowSchema } from './row-schema.js';

/**
 * Writes a change event as the JsonConverter does: the bare envelope, or, given the table's
 * columns, wrapped with its schema (`schemas.enable=true`). Field order follows Debezium's. For
 * test data, benchmarks and replays; decoding the result gives the event back.
 */
export const encodeJsonEnvelope = (event: ChangeEvent, { columns }: { readonly columns?: RowSchema } = {}): string => {
  const payload = {
    before: event.before,
    after: event.after,
    source: event.source,
    transaction: event.transaction,
    op: event.op,
    ts_ms: event.ts_ms,
    ts_us: event.ts_us,
    ts_ns: event.ts_ns,
  };
  return JSON.stringify(columns === undefined ? payload : { schema: connectEnvelopeSchema(event.source, columns), payload });
};
