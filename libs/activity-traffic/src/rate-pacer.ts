/**
 * How many rows are due to hold a rate: `rate × elapsed − sent`, so a slow transaction is caught
 * up by larger ones (up to the caller's batch limit) rather than lowering the rate for good.
 */
export interface RatePacer {
  /** Rows due now. */
  due(): number;
  /** Milliseconds until the next row is due (0 when one is). */
  waitMs(): number;
  sent(rows: number): void;
}

export const createRatePacer = ({
  rowsPerSecond,
  now = () => performance.now(),
}: {
  readonly rowsPerSecond: number;
  readonly now?: () => number;
}): RatePacer => {
  if (!(rowsPerSecond > 0)) throw new RangeError(`rowsPerSecond must be > 0, got ${rowsPerSecond}`);
  const started = now();
  let sent = 0;
  const owed = () => ((now() - started) / 1000) * rowsPerSecond - sent;
  return {
    due: () => Math.max(0, Math.floor(owed())),
    waitMs: () => {
      const missing = 1 - owed();
      return missing <= 0 ? 0 : Math.ceil((missing / rowsPerSecond) * 1000);
    },
    sent: (rows) => {
      sent += rows;
    },
  };
};
