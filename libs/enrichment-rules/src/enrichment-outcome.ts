import type { ProcessedActivity, ProcessedTruncate } from './processed-activity.js';

/**
 * Why an image gives no record (the DLQ reason header):
 * - `missing_employee`, `missing_timestamp`: NULL employee_id or activity_timestamp; the row can be
 *   neither keyed nor windowed, and the summaries leave it out, as `verify` does;
 * - `missing_before`: an update without its old row (the table is not `REPLICA IDENTITY FULL`),
 *   so nothing can be retracted;
 * - `invalid_field`: a column does not have its declared type.
 */
export type EnrichmentRejectReason = 'missing_employee' | 'missing_timestamp' | 'missing_before' | 'invalid_field';

/** What one image of a change event becomes. An update gives two outcomes, judged separately. */
export type EnrichmentOutcome =
  | { readonly kind: 'record'; readonly key: string; readonly record: ProcessedActivity }
  | { readonly kind: 'truncate'; readonly record: ProcessedTruncate }
  | {
      readonly kind: 'invalid';
      readonly reason: EnrichmentRejectReason;
      readonly detail: string;
      readonly image: 'before' | 'after';
    };
