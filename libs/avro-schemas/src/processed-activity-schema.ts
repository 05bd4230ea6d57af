import type { schema } from 'avsc';

const nullable = (name: string, type: schema.DefinedType, doc: string) => ({ name, type: ['null', type], default: null, doc });

const wallClockMicros = { type: 'long', logicalType: 'local-timestamp-micros' } as const;
const instantMillis = { type: 'long', logicalType: 'timestamp-millis' } as const;

/**
 * The value of `processed-employee-activities` (SPEC section 5), matching `ProcessedRecord` of
 * @eap/enrichment-rules field for field. Activity columns are nullable because a truncate's `T`
 * record has none. Timestamps: `activity_timestamp` is the column's wall clock, with no zone
 * (`local-timestamp-micros`); the source and processing times are instants (`timestamp-millis`).
 */
export const processedActivitySchema = {
  type: 'record',
  name: 'ProcessedEmployeeActivity',
  namespace: 'eap.pipeline',
  doc: 'One image of a change to employee_activities, enriched. Key: employee_id as a plain string.',
  fields: [
    { name: 'row_kind', type: 'string', doc: 'Changelog row kind: +I insert, -U update before, +U update after, -D delete, T truncate.' },
    { name: 'op', type: 'string', doc: 'Debezium operation: c create, u update, d delete, r snapshot read, t truncate.' },
    nullable('id', 'int', 'employee_activities.id; null on T.'),
    nullable('employee_id', 'int', 'employee_activities.employee_id of this image; null on T.'),
    nullable('activity_type', 'string', 'employee_activities.activity_type; null on T.'),
    nullable('page_url', 'string', 'employee_activities.page_url.'),
    nullable('duration_seconds', 'int', 'employee_activities.duration_seconds.'),
    nullable('ip_address', 'string', 'employee_activities.ip_address (inet, IPv4 or IPv6, as PostgreSQL prints it).'),
    nullable('user_agent', 'string', 'employee_activities.user_agent.'),
    nullable('activity_timestamp', wallClockMicros, 'employee_activities.activity_timestamp: the stored wall clock, microseconds, no zone.'),
    nullable('activity_hour', 'int', 'Hour 0-23 of activity_timestamp, as stored.'),
    nullable(
      'session_duration_category',
      'string',
      'short (< 30 s), medium (< 300 s), long (>= 300 s), unknown (NULL duration); thresholds are configuration.',
    ),
    nullable('is_business_hours', 'boolean', 'activity_hour between the first and last business hour, inclusive (9 and 17 by default).'),
    nullable('employee_name', 'string', 'employees.name, when the employee is known.'),
    nullable('employee_department', 'string', 'employees.department, when the employee is known.'),
    { name: 'employee_known', type: 'boolean', default: false, doc: 'Whether employee_id was found in employees.' },
    nullable('source_lsn', 'long', 'PostgreSQL LSN of the change (Debezium source.lsn).'),
    nullable('source_tx_id', 'long', 'PostgreSQL transaction id (Debezium source.txId).'),
    { name: 'source_ts_ms', type: instantMillis, doc: 'Commit time in PostgreSQL (Debezium source.ts_ms).' },
    { name: 'processed_at', type: instantMillis, doc: 'When the enrichment processor produced this record.' },
  ],
} satisfies schema.RecordType;
