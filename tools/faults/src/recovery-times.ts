/** When committed outputs arrived, per `topic/partition` (one entry per fetched batch, ascending). */
export type ArrivalLog = ReadonlyMap<string, readonly number[]>;

/**
 * How long after a fault at `at` the outputs flowed again: for every partition that received outputs
 * in the `activeMs` before the fault (so it had work), the wait for its first arrival after the fault;
 * the longest of them. null when no partition was active; Infinity when one never received again.
 */
export const recoveryMs = (arrivals: ArrivalLog, at: number, activeMs = 5_000): number | null => {
  let longest: number | null = null;
  for (const times of arrivals.values()) {
    if (!times.some((t) => t <= at && t > at - activeMs)) continue;
    const next = times.find((t) => t > at);
    const wait = next === undefined ? Infinity : next - at;
    longest = longest === null ? wait : Math.max(longest, wait);
  }
  return longest;
};
