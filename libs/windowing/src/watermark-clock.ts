export interface WatermarkClockOptions {
  readonly graceMicros: number;
  readonly maxSkewMicros: number;
  /** 0: never advance without input. */
  readonly idleAdvanceMicros: number;
  /** The wall clock, on the scale of event times (wall-clock epoch micros). */
  readonly now: () => number;
  readonly watermark?: number | null;
}

/**
 * The event-time watermark: highest event time seen minus grace, where no event counts for more
 * than the wall clock plus the allowed skew; optionally, after a quiet spell, the wall clock minus
 * grace. It never goes backwards. Null until the first event (or idle advance).
 */
export interface WatermarkClock {
  observe(eventMicros: number): void;
  /** Follows the wall clock when idle advance is on and nothing was observed for that long. */
  advanceIfIdle(): void;
  current(): number | null;
}

export const createWatermarkClock = ({
  graceMicros,
  maxSkewMicros,
  idleAdvanceMicros,
  now,
  watermark: restored = null,
}: WatermarkClockOptions): WatermarkClock => {
  let watermark = restored;
  let lastObserved = now();
  const raise = (candidate: number) => {
    if (watermark === null || candidate > watermark) watermark = candidate;
  };
  return {
    observe: (eventMicros) => {
      lastObserved = now();
      raise(Math.min(eventMicros, lastObserved + maxSkewMicros) - graceMicros);
    },
    advanceIfIdle: () => {
      const wall = now();
      if (idleAdvanceMicros > 0 && wall - lastObserved >= idleAdvanceMicros) raise(wall - graceMicros);
    },
    current: () => watermark,
  };
};
