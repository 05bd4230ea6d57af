import type { GroupPartitionLag } from './pipeline-snapshot.js';

/** The largest lag in seconds among partitions: 0 for none, null when any is unknown. */
export const oldestLagSeconds = (partitions: readonly Pick<GroupPartitionLag, 'lagSeconds'>[]): number | null =>
  partitions.reduce<number | null>((worst, p) => (worst === null || p.lagSeconds === null ? null : Math.max(worst, p.lagSeconds)), 0);

/**
 * Seconds as an operator reads them: `0.4 s`, `12 s`, `3 min 20 s`, `2 h 05 min`; `?` when unknown.
 */
export const formatSeconds = (s: number | null): string => {
  if (s === null) return '?';
  if (s < 10) return `${s.toFixed(1)} s`;
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  if (t < 3_600) return `${Math.floor(t / 60)} min ${String(t % 60).padStart(2, '0')} s`;
  return `${Math.floor(t / 3_600)} h ${String(Math.floor((t % 3_600) / 60)).padStart(2, '0')} min`;
};
