import type { EnrichmentConfig } from './enrichment-config.js';

/** `unknown` is for a NULL duration, which the manual's Spark code silently called `long`. */
export type SessionDurationCategory = 'short' | 'medium' | 'long' | 'unknown';

export const categorizeSession = (
  durationSeconds: number | null,
  { shortSessionSeconds, longSessionSeconds }: Pick<EnrichmentConfig, 'shortSessionSeconds' | 'longSessionSeconds'>,
): SessionDurationCategory => {
  if (durationSeconds === null) return 'unknown';
  if (durationSeconds < shortSessionSeconds) return 'short';
  return durationSeconds < longSessionSeconds ? 'medium' : 'long';
};
