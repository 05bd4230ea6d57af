import type { ExplainReport } from './explain-report.js';

const n = (x: number | bigint) => x.toLocaleString('en-US');
const signed = (x: number | null) => (x === null ? 'NULL' : x > 0 ? `+${x}` : String(x));

/** `npm run pipeline -- explain "<key>"`: the summary, each change behind it, whether they add up, and the SQL. */
export const formatExplainReport = (r: ExplainReport): string => {
  const s = r.summary;
  const lines = [
    `summary ${r.summaryKey}`,
    s
      ? `  count ${s.activity_count}, durations ${s.duration_count}, sum ${s.total_duration ?? 'NULL'}, avg ${s.avg_duration ?? 'NULL'}, revision ${s.revision}${s.closed ? ', closed' : ''}`
      : '  (no summary on the topic: none yet, or every row was taken away)',
    `  from processed partition ${r.partition}${r.since === null ? '' : `, after the truncate or restatement at offset ${n(r.since)}`}`,
    ...(r.logStart > 0n && (r.since === null || r.since < r.logStart)
      ? [`  ! the partition starts at offset ${n(r.logStart)}: retention deleted older changes, which this list cannot show`]
      : []),
    '',
    `  ${'offset'.padStart(9)}  kind  op  ${'activity'.padStart(8)}  count  ${'sum'.padStart(6)}  ${'source lsn'.padStart(12)}  ${'tx'.padStart(8)}  committed`,
    ...r.contributions.map(
      (c) =>
        `  ${n(c.offset).padStart(9)}  ${c.rowKind.padEnd(4)}  ${c.op.padEnd(2)}  ${String(c.activityId ?? '-').padStart(8)}  ${signed(c.count).padStart(5)}  ${signed(c.duration).padStart(6)}  ${String(c.sourceLsn ?? '-').padStart(12)}  ${String(c.sourceTxId ?? '-').padStart(8)}  ${new Date(c.committedAt).toISOString()}`,
    ),
    ...r.excluded.map((x) => `  ${n(x.offset).padStart(9)}  not counted: the aggregator dead-lettered it (${x.reason})`),
    '',
    `  adds up to count ${r.totals.count}, durations ${r.totals.durationCount}, sum ${r.totals.totalDuration ?? 'NULL'}: ${r.addsUp ? '✓ the value shown' : '✗ NOT the value shown'}`,
    `  rows left: ${r.rows.length ? r.rows.join(', ') : 'none'}; SQL has ${r.sql.rows.length ? r.sql.rows.map((x) => x.id).join(', ') : 'none'}: ${r.sql.sameRows ? '✓ the same rows' : '✗ other rows'}`,
    '',
    `  the same rows in SQL:`,
    `  ${r.sql.text}`,
    '',
    `  read ${n(r.cost.processedRecordsScanned)} processed and ${n(r.cost.dlqRecordsScanned)} DLQ records in ${r.cost.seconds.toFixed(2)} s`,
  ];
  return lines.join('\n');
};
