import type { RowImage, RowReadResult, RowSchema } from '@eap/debezium-envelope';
import { createRowReader } from '@eap/debezium-envelope';

/** A row of `employee_activities` (manual section 4.1), timestamps as wall-clock epoch micros. */
export interface ActivityRow {
  readonly id: number;
  readonly employee_id: number | null;
  readonly activity_type: string;
  readonly page_url: string | null;
  readonly duration_seconds: number | null;
  /** `inet`, as PostgreSQL prints it (IPv4 or IPv6). */
  readonly ip_address: string | null;
  readonly user_agent: string | null;
  readonly activity_timestamp: number | null;
}

/** The row schema Debezium 3.4 writes for `employee_activities` (as captured from the connector). */
export const activityColumns: RowSchema = [
  { field: 'id', type: 'int32', optional: false, default: 0 },
  { field: 'employee_id', type: 'int32', optional: true },
  { field: 'activity_type', type: 'string', optional: false },
  { field: 'page_url', type: 'string', optional: true },
  { field: 'duration_seconds', type: 'int32', optional: true },
  { field: 'ip_address', type: 'string', optional: true },
  { field: 'user_agent', type: 'string', optional: true },
  { field: 'activity_timestamp', type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp', version: 1, default: 0 },
];

/**
 * The columns the summaries count must be in the row (one dropped or renamed is `invalid_field`);
 * the ones only carried along to the processed record read as NULL when the table no longer has them.
 */
export const readActivityRow = (image: RowImage, columns: RowSchema | null, label = 'row'): RowReadResult<ActivityRow> => {
  const r = createRowReader(image, columns, label);
  return r.result({
    id: r.int('id'),
    employee_id: r.nullableInt('employee_id'),
    activity_type: r.string('activity_type'),
    page_url: r.nullableString('page_url', 'null'),
    duration_seconds: r.nullableInt('duration_seconds'),
    ip_address: r.nullableString('ip_address', 'null'),
    user_agent: r.nullableString('user_agent', 'null'),
    activity_timestamp: r.nullableTimestamp('activity_timestamp'),
  });
};
