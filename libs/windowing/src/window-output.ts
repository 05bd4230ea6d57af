import type { ActivitySummary } from './activity-summary.js';

/** A record for the compacted summaries topic: the group's latest value, or a tombstone when it has no rows. */
export type WindowOutput =
  { readonly kind: 'upsert'; readonly key: string; readonly summary: ActivitySummary } | { readonly kind: 'tombstone'; readonly key: string };
