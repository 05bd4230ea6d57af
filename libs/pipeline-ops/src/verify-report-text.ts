import type { VerifyResult } from './verify-summaries.js';

const iso = (micros: number): string => new Date(micros / 1000).toISOString();
const pad = (label: string, n: number) => `${label.padEnd(11)}${String(n).padStart(9)}`;

/** The table `npm run pipeline -- verify` prints, with a few examples of each kind of difference. */
export const formatVerifyReport = (r: VerifyResult, { examples = 5 } = {}): string => {
  const { report, aggregator } = r;
  const lines = [
    report.horizon === null
      ? 'horizon:    every window (the aggregator has committed no watermark yet)'
      : `horizon:    windows ending after ${iso(report.horizon)} (lowest partition watermark ${iso(aggregator.watermark as number)} minus the retention the aggregator committed, ${r.retentionHours} h)`,
    `aggregator: ${aggregator.partitions} input partitions, ${aggregator.lag} input offsets not yet aggregated${aggregator.lag > 0n ? ' (not quiet: differences may be work in progress)' : ''}`,
    `summaries:  ${r.records} records read to the end, ${r.undecodable} undecodable, in ${r.seconds.toFixed(1)} s`,
    `processed:  ${r.processedRecords} records read, ${r.duplicates.count} changes written twice${r.duplicates.examples.length ? ` (${r.duplicates.examples.join(', ')})` : ''}`,
    '',
    `${'GROUPS'.padEnd(11)}${'COUNT'.padStart(9)}`,
    pad('matched', report.matched),
    pad('mismatched', report.mismatched.length),
    pad('missing', report.missing.length),
    pad('extra', report.extra.length),
  ];
  for (const m of report.mismatched.slice(0, examples)) {
    const show = (f: string) =>
      `${f} ${String((m.actual as unknown as Record<string, unknown>)[f])} (SQL ${String((m.expected as unknown as Record<string, unknown>)[f])})`;
    lines.push(`  mismatched ${m.key}: ${m.fields.map(show).join(', ')}`);
  }
  for (const g of report.missing.slice(0, examples))
    lines.push(`  missing    ${g.employee_id}|${g.activity_type}|${iso(g.window_start)}: SQL count ${g.activity_count}`);
  for (const s of report.extra.slice(0, examples))
    lines.push(`  extra      ${s.employee_id}|${s.activity_type}|${iso(s.window_start)}: topic count ${s.activity_count}, no rows in SQL`);
  lines.push(
    '',
    r.ok
      ? '✓ the summaries equal the SQL GROUP BY for every group inside the horizon'
      : `✗ the summaries differ from the SQL GROUP BY (${report.mismatched.length} mismatched, ${report.missing.length} missing, ${report.extra.length} extra${r.undecodable ? `, ${r.undecodable} undecodable` : ''}${r.duplicates.count ? `, ${r.duplicates.count} changes written twice` : ''})`,
  );
  return lines.join('\n');
};

/** The same result for `--json`. */
export const verifyReportJson = (r: VerifyResult): unknown => ({
  ok: r.ok,
  horizon: r.report.horizon === null ? null : iso(r.report.horizon),
  watermark: r.aggregator.watermark === null ? null : iso(r.aggregator.watermark),
  retentionHours: r.retentionHours,
  aggregatorLag: Number(r.aggregator.lag),
  records: r.records,
  undecodable: r.undecodable,
  processedRecords: r.processedRecords,
  duplicatedChanges: r.duplicates.count,
  duplicateExamples: r.duplicates.examples,
  matched: r.report.matched,
  mismatched: r.report.mismatched,
  missing: r.report.missing,
  extra: r.report.extra,
  seconds: Number(r.seconds.toFixed(3)),
});
