import type { SessionDurationCategory } from './session-category.js';

/** Flink's changelog row kinds: insert, update before (retract), update after, delete. */
export type ChangeRowKind = '+I' | '-U' | '+U' | '-D';

/** Source metadata every processed record carries. */
interface ProcessedSource {
  /** LSN of the change (Debezium `source.lsn`). */
  readonly source_lsn: number | null;
  readonly source_tx_id: number | null;
  /** Commit time in the database, epoch millis. */
  readonly source_ts_ms: number;
  /** When the enrichment processor produced the record, epoch millis. */
  readonly processed_at: number;
}

/**
 * One image of an activity change, enriched (SPEC section 5): the value of
 * `processed-employee-activities`, keyed by `employee_id`.
 */
export interface ProcessedActivity extends ProcessedSource {
  readonly row_kind: ChangeRowKind;
  readonly op: 'c' | 'u' | 'd' | 'r';
  readonly id: number;
  readonly employee_id: number;
  readonly activity_type: string;
  readonly page_url: string | null;
  readonly duration_seconds: number | null;
  readonly ip_address: string | null;
  readonly user_agent: string | null;
  /** Wall-clock epoch micros, as stored. */
  readonly activity_timestamp: number;
  readonly activity_hour: number;
  readonly session_duration_category: SessionDurationCategory;
  readonly is_business_hours: boolean;
  readonly employee_name: string | null;
  readonly employee_department: string | null;
  readonly employee_known: boolean;
}

/**
 * The record that empties the outputs, written to every partition; it has no activity columns.
 * `op` `t`: a truncate; `r`: a snapshot starts, which restates the table (its reads follow).
 */
export interface ProcessedTruncate extends ProcessedSource {
  readonly row_kind: 'T';
  readonly op: 't' | 'r';
  readonly id: null;
  readonly employee_id: null;
  readonly activity_type: null;
  readonly page_url: null;
  readonly duration_seconds: null;
  readonly ip_address: null;
  readonly user_agent: null;
  readonly activity_timestamp: null;
  readonly activity_hour: null;
  readonly session_duration_category: null;
  readonly is_business_hours: null;
  readonly employee_name: null;
  readonly employee_department: null;
  readonly employee_known: false;
}

export type ProcessedRecord = ProcessedActivity | ProcessedTruncate;
