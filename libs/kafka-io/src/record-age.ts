/**
 * When the record at `offset` was written, found with the broker's time index alone: `offsetAtTime(t)`
 * (ListOffsets by timestamp) is the first offset whose timestamp is at or after `t`, so the record's
 * timestamp is the latest `t` with `offsetAtTime(t) <= offset`. Searched back from `now` in doubling
 * steps, then bisected to `precisionMs`: about ten requests for a lag of seconds, no record fetched.
 * Timestamps out of order in the log (a producer's clock) make the answer approximate, never wrong by
 * more than the disorder. `offset` must be below the partition's end; null when nothing at or before
 * it is younger than `maxBackMs` (records deleted by retention, or older than the search).
 */
export const findRecordTimestamp = async ({
  offset,
  offsetAtTime,
  now,
  precisionMs = 100,
  firstStepMs = 10_000,
  maxBackMs = 30 * 24 * 3_600_000,
}: {
  readonly offset: bigint;
  readonly offsetAtTime: (timestampMs: number) => Promise<bigint>;
  readonly now: number;
  readonly precisionMs?: number;
  readonly firstStepMs?: number;
  readonly maxBackMs?: number;
}): Promise<number | null> => {
  // A record at or before `offset` has a timestamp >= t  <=>  offsetAtTime(t) <= offset.
  const reached = async (t: number) => (await offsetAtTime(t)) <= offset;
  if (!(await reached(now - maxBackMs))) return null;
  let newer = now;
  if (await reached(newer)) return now; // written at or after now (a clock ahead): no age
  let older = now - firstStepMs;
  while (!(await reached(older))) {
    newer = older;
    older = Math.max(now - maxBackMs, now - 2 * (now - older));
  }
  // reached(older) and not reached(newer): the timestamp is in [older, newer).
  while (newer - older > precisionMs) {
    const mid = Math.floor((older + newer) / 2);
    if (await reached(mid)) older = mid;
    else newer = mid;
  }
  return older;
};
