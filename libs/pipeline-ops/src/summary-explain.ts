import type { ActivitySummary } from '@eap/windowing';

/** A summary's key, read back: `<employee_id>|<activity_type>|<window_start ISO-8601>`. */
export interface SummaryKeyParts {
  readonly employeeId: number;
  readonly activityType: string;
  /** Wall-clock epoch micros of the hour's start. */
  readonly windowStart: number;
}

const HOUR_MICROS = 3_600_000_000;

/** The key's parts, or why it is not a summary key (the type may itself hold `|`: the first and the last split it). */
export const parseSummaryKey = (
  key: string,
): { readonly kind: 'ok'; readonly parts: SummaryKeyParts } | { readonly kind: 'invalid'; readonly detail: string } => {
  const first = key.indexOf('|');
  const last = key.lastIndexOf('|');
  const bad = (why: string) => ({
    kind: 'invalid' as const,
    detail: `"${key}" is not a summary key (<employee_id>|<activity_type>|<window start, ISO-8601>): ${why}`,
  });
  if (first < 0 || last === first) return bad('it needs two |');
  const employee = key.slice(0, first);
  if (!/^-?\d{1,10}$/.test(employee)) return bad(`the employee id "${employee}" is not a whole number`);
  const startMs = Date.parse(key.slice(last + 1));
  if (!/^\d{4}-\d\d-\d\dT\d\d:00:00(\.000)?Z$/.test(key.slice(last + 1)) || Number.isNaN(startMs))
    return bad(`"${key.slice(last + 1)}" is not the start of an hour like 2024-01-15T09:00:00.000Z`);
  return { kind: 'ok', parts: { employeeId: Number(employee), activityType: key.slice(first + 1, last), windowStart: startMs * 1000 } };
};

/** One processed record as explain reads it (the fields of the processed topic's schema it needs). */
export interface ProcessedImage {
  readonly row_kind: string;
  readonly op: string;
  readonly id: number | null;
  readonly employee_id: number | null;
  readonly activity_type: string | null;
  readonly duration_seconds: number | null;
  readonly activity_timestamp: number | null;
  readonly source_lsn: number | null;
  readonly source_tx_id: number | null;
  readonly source_ts_ms: number;
}

export interface PositionedImage {
  readonly offset: bigint;
  readonly image: ProcessedImage;
}

/** One source change behind the value: its + or - to the count and the sum, and where it came from. */
export interface Contribution {
  readonly offset: bigint;
  readonly rowKind: string;
  readonly op: string;
  readonly activityId: number | null;
  /** +1 or -1. */
  readonly count: number;
  /** The duration added or taken away; null when the row's duration is NULL (count(duration_seconds) unchanged). */
  readonly duration: number | null;
  readonly sourceLsn: number | null;
  readonly sourceTxId: number | null;
  /** Commit time in PostgreSQL, epoch ms. */
  readonly committedAt: number;
}

export interface Explanation {
  readonly key: SummaryKeyParts;
  readonly partition: number;
  /** The processed-topic offset of the last truncate (or snapshot restatement) before them: where the sum starts. */
  readonly since: bigint | null;
  readonly contributions: readonly Contribution[];
  /** Records of this group the aggregator dead-lettered (late, invalid): not in the sum. */
  readonly excluded: readonly { readonly offset: bigint; readonly reason: string }[];
  readonly totals: { readonly count: number; readonly durationCount: number; readonly totalDuration: number | null };
  /** The activity ids the contributions leave in the group (net +1), in id order: what the SQL returns. */
  readonly rows: readonly number[];
  /** The summary on the topic now (null: none, or a tombstone). */
  readonly summary: ActivitySummary | null;
  /** Whether the contributions add up to the summary's count, count of durations and sum. */
  readonly addsUp: boolean;
}

const ADDS = new Set(['+I', '+U']);
const RETRACTS = new Set(['-U', '-D']);

/**
 * Why a summary has its value, from the processed partition its employee's records go to, in log
 * order: every image of the group after the last `T` (a truncate or a snapshot's restatement resets
 * the partition), less those the aggregator dead-lettered, each with its + or -; then whether they add
 * up to the summary on the topic.
 */
export const explainSummary = ({
  key,
  partition,
  records,
  deadLettered,
  summary,
}: {
  readonly key: SummaryKeyParts;
  readonly partition: number;
  readonly records: readonly PositionedImage[];
  /** The aggregator's DLQ records from this partition: offset -> reason. */
  readonly deadLettered: ReadonlyMap<bigint, string>;
  readonly summary: ActivitySummary | null;
}): Explanation => {
  let since: bigint | null = null;
  let contributions: Contribution[] = [];
  let excluded: { offset: bigint; reason: string }[] = [];
  const end = key.windowStart + HOUR_MICROS;
  for (const { offset, image } of records) {
    if (image.row_kind === 'T') {
      since = offset;
      contributions = [];
      excluded = [];
      continue;
    }
    const ts = image.activity_timestamp;
    if (image.employee_id !== key.employeeId || image.activity_type !== key.activityType || ts === null || ts < key.windowStart || ts >= end) continue;
    const reason = deadLettered.get(offset);
    if (reason !== undefined) {
      excluded.push({ offset, reason });
      continue;
    }
    const sign = ADDS.has(image.row_kind) ? 1 : RETRACTS.has(image.row_kind) ? -1 : 0;
    if (sign === 0) continue;
    contributions.push({
      offset,
      rowKind: image.row_kind,
      op: image.op,
      activityId: image.id,
      count: sign,
      duration: image.duration_seconds === null ? null : sign * image.duration_seconds,
      sourceLsn: image.source_lsn,
      sourceTxId: image.source_tx_id,
      committedAt: image.source_ts_ms,
    });
  }
  const count = contributions.reduce((n, c) => n + c.count, 0);
  const withDuration = contributions.filter((c) => c.duration !== null);
  const durationCount = withDuration.reduce((n, c) => n + c.count, 0);
  const totalDuration = durationCount === 0 ? null : withDuration.reduce((n, c) => n + c.duration!, 0);
  const net = new Map<number, number>();
  for (const c of contributions) if (c.activityId !== null) net.set(c.activityId, (net.get(c.activityId) ?? 0) + c.count);
  const rows = [...net]
    .filter(([, n]) => n > 0)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  const addsUp =
    summary === null
      ? count === 0
      : summary.activity_count === count && summary.duration_count === durationCount && (summary.total_duration ?? null) === totalDuration;
  return { key, partition, since, contributions, excluded, totals: { count, durationCount, totalDuration }, rows, summary, addsUp };
};
