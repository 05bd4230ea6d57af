/** 1,234,567 */
export const count = (n: number | bigint): string => n.toLocaleString('en-US');

/** 3 s, 4 min, 2 h 5 min, 3 d 4 h */
export const duration = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
};

/** 42 ms, 1.25 s; a dash for nothing measured. */
export const seconds = (s: number | null): string => (s === null ? '–' : s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`);

/** 12.5/s */
export const rate = (perSecond: number): string => `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en-US')}/s`;

/** 2026-11-25 14:00 (UTC, as the windows are wall-clock hours read as UTC) */
export const hour = (micros: number): string => new Date(micros / 1000).toISOString().slice(0, 16).replace('T', ' ');

/** 14:03:07 */
export const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** Per-second change between the two latest points; null with fewer than two. */
export const latestRate = (points: readonly { readonly at: number; readonly value: number }[]): number | null => {
  if (points.length < 2) return null;
  const [a, b] = [points[points.length - 2]!, points[points.length - 1]!];
  return b.at > a.at ? Math.max(0, (b.value - a.value) / ((b.at - a.at) / 1000)) : null;
};

/** Per-second rates between consecutive points. */
export const rates = (points: readonly { readonly at: number; readonly value: number }[]): number[] =>
  points.slice(1).map((b, i) => {
    const a = points[i]!;
    return b.at > a.at ? Math.max(0, (b.value - a.value) / ((b.at - a.at) / 1000)) : 0;
  });
