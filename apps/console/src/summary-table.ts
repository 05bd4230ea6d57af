import type { ActivitySummary } from '@eap/windowing';

export interface SummaryFilter {
  readonly employee?: number;
  readonly department?: string;
  readonly type?: string;
}

export interface SummaryRow {
  readonly key: string;
  readonly summary: ActivitySummary;
  /** When the console received its latest version (epoch ms). */
  readonly changedAt: number;
}

export interface SummaryTable {
  /** An upsert (or, with null, a tombstone) read from the summaries topic. */
  apply(key: string, summary: ActivitySummary | null, at: number): void;
  /** Window starts held, newest first. */
  windows(): readonly number[];
  /** One window's rows that pass the filter, by count, then employee and type. */
  rows(windowStart: number, filter: SummaryFilter, departmentOf: (employeeId: number) => string | undefined): readonly SummaryRow[];
  /** Activity per window (oldest first) over the rows that pass the filter. */
  hourlyTotals(
    filter: SummaryFilter,
    departmentOf: (employeeId: number) => string | undefined,
  ): readonly { readonly windowStart: number; readonly count: number }[];
  readonly size: number;
  /** Activity types seen, for the filter's choices. */
  types(): readonly string[];
}

/** The window start a key names (`<employee>|<type>|<ISO start>`), for tombstones that carry no value. */
const windowOfKey = (key: string): number | undefined => {
  const iso = key.slice(key.lastIndexOf('|') + 1);
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms * 1000;
};

/**
 * The compacted summaries topic as a table, bounded: only the latest `maxWindows` hourly windows are
 * kept; a newer window pushes the oldest out.
 */
export const createSummaryTable = ({ maxWindows }: { maxWindows: number }): SummaryTable => {
  const byWindow = new Map<number, Map<string, SummaryRow>>();
  const types = new Set<string>();
  let size = 0;
  const passes = (s: ActivitySummary, f: SummaryFilter, departmentOf: (id: number) => string | undefined) =>
    (f.employee === undefined || s.employee_id === f.employee) &&
    (f.type === undefined || s.activity_type === f.type) &&
    (f.department === undefined || departmentOf(s.employee_id) === f.department);
  return {
    apply(key, summary, at) {
      const windowStart = summary?.window_start ?? windowOfKey(key);
      if (windowStart === undefined) return;
      let rows = byWindow.get(windowStart);
      if (summary === null) {
        if (rows?.delete(key)) size--;
        if (rows?.size === 0) byWindow.delete(windowStart);
        return;
      }
      if (!rows) {
        const oldest = Math.min(...byWindow.keys());
        if (byWindow.size >= maxWindows && windowStart < oldest) return; // older than everything kept
        rows = new Map();
        byWindow.set(windowStart, rows);
        while (byWindow.size > maxWindows) {
          const drop = Math.min(...byWindow.keys());
          size -= byWindow.get(drop)?.size ?? 0;
          byWindow.delete(drop);
        }
      }
      if (!rows.has(key)) size++;
      rows.set(key, { key, summary, changedAt: at });
      types.add(summary.activity_type);
    },
    windows: () => [...byWindow.keys()].sort((a, b) => b - a),
    rows(windowStart, filter, departmentOf) {
      return [...(byWindow.get(windowStart)?.values() ?? [])]
        .filter((r) => passes(r.summary, filter, departmentOf))
        .sort(
          (a, b) =>
            b.summary.activity_count - a.summary.activity_count ||
            a.summary.employee_id - b.summary.employee_id ||
            a.summary.activity_type.localeCompare(b.summary.activity_type),
        );
    },
    hourlyTotals(filter, departmentOf) {
      return [...byWindow.keys()]
        .sort((a, b) => a - b)
        .map((windowStart) => ({
          windowStart,
          count: [...byWindow.get(windowStart)!.values()].reduce((n, r) => n + (passes(r.summary, filter, departmentOf) ? r.summary.activity_count : 0), 0),
        }));
    },
    get size() {
      return size;
    },
    types: () => [...types].sort(),
  };
};
