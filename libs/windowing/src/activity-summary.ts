/** One hour of one employee's activities of one type (SPEC section 6): the value of `employee-activity-summaries`. */
export interface ActivitySummary {
  readonly employee_id: number;
  readonly activity_type: string;
  /** Wall-clock epoch micros of the hour's start (inclusive) and end (exclusive). */
  readonly window_start: number;
  readonly window_end: number;
  /** count(*) */
  readonly activity_count: number;
  /** count(duration_seconds): rows with a duration, what avg divides by. */
  readonly duration_count: number;
  /** sum(duration_seconds): null when every duration is NULL. */
  readonly total_duration: number | null;
  /** avg(duration_seconds) over non-NULL durations: null when there are none. */
  readonly avg_duration: number | null;
  /** Counts the records written for this key, tombstones included; never goes backwards within retention. */
  readonly revision: number;
  /** Whether the watermark has passed the window's end. Corrections may still follow, within retention. */
  readonly closed: boolean;
}

/** `2024-01-15T09:00:00.000Z`: the window start (wall clock read as UTC) in ISO-8601. */
export const windowStartIso = (windowStartMicros: number): string => new Date(windowStartMicros / 1000).toISOString();

/** The summary's Kafka key: `<employee_id>|<activity_type>|<window_start ISO-8601>`, a plain string. */
export const summaryKey = (employeeId: number, activityType: string, windowStartMicros: number): string =>
  `${employeeId}|${activityType}|${windowStartIso(windowStartMicros)}`;
