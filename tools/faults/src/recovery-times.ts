/** When committed outputs arrived, per `topic/partition` (one entry per fetched batch, ascending). */
export type ArrivalLog = ReadonlyMap<string, readonly number[]>;

/** A fault: when its disruptive step began, and when it had taken effect (the process killed, the server stopped). */
export interface FaultMoment {
  readonly began: number;
  readonly effective: number;
}

/**
 * How long the outputs took to flow again after a fault: for every partition that received outputs in
 * the `activeMs` before it began (so it had work), from the beginning to its first arrival after the
 * fault took effect; the longest of them. null when no partition was active; Infinity when one never
 * received again.
 */
export const recoveryMs = (arrivals: ArrivalLog, { began, effective }: FaultMoment, activeMs = 10_000): number | null => {
  let longest: number | null = null;
  for (const times of arrivals.values()) {
    if (!times.some((t) => t <= began && t > began - activeMs)) continue;
    const next = times.find((t) => t > effective);
    const wait = next === undefined ? Infinity : next - began;
    longest = longest === null ? wait : Math.max(longest, wait);
  }
  return longest;
};
