import type { schema } from 'avsc';

const wallClockMicros = { type: 'long', logicalType: 'local-timestamp-micros' } as const;

/**
 * The value of `employee-activity-summaries` (SPEC section 6), matching `ActivitySummary` of
 * @eap/windowing field for field. Key: `<employee_id>|<activity_type>|<window_start ISO-8601>`,
 * a plain string; a tombstone (null value) when the group has no rows left.
 */
export const activitySummarySchema = {
  type: 'record',
  name: 'EmployeeActivitySummary',
  namespace: 'eap.pipeline',
  doc: "One hour of one employee's activities of one type, " + "equal to SQL GROUP BY employee_id, activity_type, date_trunc('hour', activity_timestamp).",
  fields: [
    { name: 'employee_id', type: 'int', doc: 'employee_activities.employee_id.' },
    { name: 'activity_type', type: 'string', doc: 'employee_activities.activity_type.' },
    { name: 'window_start', type: wallClockMicros, doc: 'Start of the hour (inclusive), in the wall clock of activity_timestamp.' },
    { name: 'window_end', type: wallClockMicros, doc: 'End of the hour (exclusive).' },
    { name: 'activity_count', type: 'long', doc: 'count(*): the rows in the group.' },
    {
      name: 'duration_count',
      type: 'long',
      doc: 'count(duration_seconds): rows with a duration; avg_duration = total_duration / duration_count.',
    },
    { name: 'total_duration', type: ['null', 'long'], default: null, doc: 'sum(duration_seconds); null when every duration is NULL.' },
    { name: 'avg_duration', type: ['null', 'double'], default: null, doc: 'avg(duration_seconds) over non-NULL durations; null when there are none.' },
    { name: 'revision', type: 'long', doc: 'Counts the records written for this key, tombstones included; never goes backwards within retention.' },
    { name: 'closed', type: 'boolean', doc: 'Whether the watermark has passed window_end. Corrections may still follow within retention.' },
  ],
} satisfies schema.RecordType;
