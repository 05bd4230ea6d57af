/** The changelog row kinds that carry an activity image. */
export type ActivityRowKind = '+I' | '-U' | '+U' | '-D';

/**
 * One image of an activity change, as the enrichment processor writes it to
 * `processed-employee-activities` (a `ProcessedActivity` of @eap/enrichment-rules fits as is).
 * `+I` and `+U` add the row to its group, `-U` and `-D` retract it.
 */
export interface ActivityChange {
  readonly row_kind: ActivityRowKind;
  readonly employee_id: number;
  readonly activity_type: string;
  /** Wall-clock epoch micros. */
  readonly activity_timestamp: number;
  readonly duration_seconds: number | null;
}

/** A truncate of the source table, as written to each partition. */
export interface TruncateChange {
  readonly row_kind: 'T';
}

export type WindowInput = ActivityChange | TruncateChange;

/** What `apply` did with an input. `late` and `invalid` go to the DLQ with that reason. */
export type ApplyOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'late'; readonly reason: 'late'; readonly detail: string }
  | { readonly kind: 'invalid'; readonly reason: 'invalid_field'; readonly detail: string };
