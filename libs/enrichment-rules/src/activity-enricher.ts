import type { ChangeEvent, RowChangeEvent, RowImage } from '@eap/debezium-envelope';
import { activityHour, isBusinessHour } from './activity-hour.js';
import { readActivityRow } from './activity-row.js';
import type { EnrichmentConfig } from './enrichment-config.js';
import { defaultEnrichmentConfig } from './enrichment-config.js';
import type { EnrichmentOutcome } from './enrichment-outcome.js';
import type { EmployeeLookup } from './employee-table.js';
import type { ChangeRowKind, ProcessedActivity, ProcessedTruncate } from './processed-activity.js';
import { categorizeSession } from './session-category.js';

export interface ActivityEnricherOptions {
  readonly lookupEmployee: EmployeeLookup;
  readonly config?: EnrichmentConfig;
  /** Epoch millis for `processed_at`. */
  readonly now?: () => number;
}

/** Turns one `employee_activities` change event into its changelog records (SPEC section 5). */
export type ActivityEnricher = (event: ChangeEvent) => readonly EnrichmentOutcome[];

type Source = Pick<ProcessedActivity, 'source_lsn' | 'source_tx_id' | 'source_ts_ms' | 'processed_at'>;

/**
 * Insert and snapshot read: `+I` of the after image. Delete: `-D` of the before image. Update:
 * `-U` of the before image and `+U` of the after image, each keyed by its own employee_id, each
 * judged on its own. Truncate: one `T` record, for the processor to write to every partition.
 */
export const createActivityEnricher = ({ lookupEmployee, config = defaultEnrichmentConfig, now = Date.now }: ActivityEnricherOptions): ActivityEnricher => {
  const enrich = (image: RowImage, which: 'before' | 'after', rowKind: ChangeRowKind, event: RowChangeEvent, source: Source): EnrichmentOutcome => {
    const read = readActivityRow(image, event.columns, which);
    if (read.kind === 'invalid') return { kind: 'invalid', reason: 'invalid_field', detail: read.detail, image: which };
    const { id, employee_id, activity_type, page_url, duration_seconds, ip_address, user_agent, activity_timestamp } = read.row;
    if (employee_id === null) {
      return { kind: 'invalid', reason: 'missing_employee', detail: `activity ${id}: ${which}.employee_id is NULL`, image: which };
    }
    if (activity_timestamp === null) {
      return { kind: 'invalid', reason: 'missing_timestamp', detail: `activity ${id}: ${which}.activity_timestamp is NULL`, image: which };
    }
    const employee = lookupEmployee(employee_id);
    const hour = activityHour(activity_timestamp);
    const record: ProcessedActivity = {
      row_kind: rowKind,
      op: event.op,
      id,
      employee_id,
      activity_type,
      page_url,
      duration_seconds,
      ip_address,
      user_agent,
      activity_timestamp,
      activity_hour: hour,
      session_duration_category: categorizeSession(duration_seconds, config),
      is_business_hours: isBusinessHour(hour, config),
      employee_name: employee?.name ?? null,
      employee_department: employee?.department ?? null,
      employee_known: employee !== undefined,
      ...source,
    };
    return { kind: 'record', key: String(employee_id), record };
  };

  return (event) => {
    const source: Source = { source_lsn: event.source.lsn, source_tx_id: event.source.txId, source_ts_ms: event.source.ts_ms, processed_at: now() };
    switch (event.op) {
      case 'c':
      case 'r':
        return [enrich(event.after, 'after', '+I', event, source)];
      case 'd':
        return [enrich(event.before, 'before', '-D', event, source)];
      case 'u':
        return [
          event.before === null
            ? { kind: 'invalid', reason: 'missing_before', detail: 'update without its before image: set REPLICA IDENTITY FULL', image: 'before' }
            : enrich(event.before, 'before', '-U', event, source),
          enrich(event.after, 'after', '+U', event, source),
        ];
      case 't':
        return [{ kind: 'truncate', record: resetRecord(source, 't') }];
    }
  };
};

/** The `T` record that a snapshot's first read gives before its own records: the outputs restart from empty. */
export const restatementRecord = (event: ChangeEvent, now: () => number = Date.now): ProcessedTruncate =>
  resetRecord({ source_lsn: event.source.lsn, source_tx_id: event.source.txId, source_ts_ms: event.source.ts_ms, processed_at: now() }, 'r');

const resetRecord = (source: Source, op: 't' | 'r'): ProcessedTruncate =>
  ({
    row_kind: 'T',
    op,
    id: null,
    employee_id: null,
    activity_type: null,
    page_url: null,
    duration_seconds: null,
    ip_address: null,
    user_agent: null,
    activity_timestamp: null,
    activity_hour: null,
    session_duration_category: null,
    is_business_hours: null,
    employee_name: null,
    employee_department: null,
    employee_known: false,
    ...source,
  }) as const;
