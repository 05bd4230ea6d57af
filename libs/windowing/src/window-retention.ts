import { MICROS_PER_HOUR, windowEndOf } from './window-time.js';

/**
 * How long a window takes corrections (WINDOW_RETENTION_HOURS): a window that ended more than
 * that before the watermark is expired. Changes to it are `late`, and its state is released.
 * Both decisions use this one rule so a group is never released while changes to it are applied.
 */
export interface WindowRetention {
  readonly hours: number;
  isExpired(hour: number, watermark: number): boolean;
  /** The expired hours among `hours`; none before the first watermark. */
  expiredHours(hours: Iterable<number>, watermark: number | null): number[];
}

export const createWindowRetention = (retentionHours: number): WindowRetention => {
  const retentionMicros = retentionHours * MICROS_PER_HOUR;
  const isExpired = (hour: number, watermark: number): boolean => watermark - windowEndOf(hour) > retentionMicros;
  return {
    hours: retentionHours,
    isExpired,
    expiredHours: (hours, watermark) => {
      const expired: number[] = [];
      if (watermark === null) return expired;
      for (const hour of hours) if (isExpired(hour, watermark)) expired.push(hour);
      return expired;
    },
  };
};
