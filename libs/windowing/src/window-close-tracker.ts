import { windowEndOf } from './window-time.js';

/**
 * Which windows the watermark has passed since the last look, so each window's live groups are
 * emitted once more, `closed: true`, exactly once. `closedThrough` is persisted (snapshot and
 * changelog metadata): without it a restart would close every old window again.
 */
export interface WindowCloseTracker {
  /** Windows ending at or before this have had their closing emitted; null before the first. */
  closedThrough(): number | null;
  /**
   * The hours among `hours` whose end lies in (closedThrough, watermark], then moves closedThrough
   * to the watermark. Visits the distinct hours in state (about retention's 168), never the groups.
   */
  advance(watermark: number | null, hours: Iterable<number>): number[];
}

export const createWindowCloseTracker = (restored: number | null): WindowCloseTracker => {
  let closedThrough = restored;
  return {
    closedThrough: () => closedThrough,
    advance: (watermark, hours) => {
      if (watermark === null || (closedThrough !== null && watermark <= closedThrough)) return [];
      const from = closedThrough;
      const closing: number[] = [];
      for (const hour of hours) {
        const end = windowEndOf(hour);
        if (end <= watermark && (from === null || end > from)) closing.push(hour);
      }
      closedThrough = watermark;
      return closing;
    },
  };
};
