/** Hours since 1970-01-01T00:00 of the wall clock identify a window. */
export const MICROS_PER_HOUR = 3_600_000_000;

export const hourOf = (timestampMicros: number): number => Math.floor(timestampMicros / MICROS_PER_HOUR);

export const windowStartOf = (hour: number): number => hour * MICROS_PER_HOUR;

export const windowEndOf = (hour: number): number => (hour + 1) * MICROS_PER_HOUR;
