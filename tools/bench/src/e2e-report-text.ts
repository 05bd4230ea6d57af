import type { CpuUse } from './cpu-accounting.js';
import { e2eRatios, meets, rateOf, type E2eFigures } from './e2e-figures.js';

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const ms = (n: number) => `${fmt(n)} ms`;

/**
 * Where the CPU of one step went: each component's seconds and its share of the machine's capacity
 * over the step (cores x seconds), the components under 2 % of it left out.
 */
export const cpuUseText = (uses: readonly CpuUse[] | undefined, seconds: number, cores: number | undefined): string => {
  if (!uses || uses.length === 0 || !cores) return '';
  const capacity = cores * seconds;
  const busy = uses.reduce((n, u) => n + u.seconds, 0);
  const parts = uses.filter((u) => u.seconds >= 0.02 * capacity).map((u) => `${u.component} ${u.seconds.toFixed(1)} s`);
  return `\n      cpu: ${parts.join(', ')}; busy ${Math.round((100 * busy) / capacity)} % of ${cores} cores`;
};

/** The e2e part's figures as printed: rates, then latencies, then the ratios beside their goals. */
export const e2eReportText = (f: E2eFigures): string => {
  const lines = ['end to end, on real Debezium output (rows committed by one INSERT ... SELECT):'];
  for (const c of f.capture) {
    lines.push(
      `  capture ${c.format.padEnd(4)}  ${fmt(c.rows)} rows in ${c.seconds.toFixed(2)} s = ${fmt(rateOf(c))} events/s, ${fmt(c.valueBytes)} bytes per value (processors stopped)${cpuUseText(c.cpu, c.seconds, f.cores)}`,
    );
  }
  for (const d of f.drains) {
    lines.push(
      `  drain ${d.app.padEnd(21)} on the ${d.format} backlog: ${fmt(d.records)} records in ${d.seconds.toFixed(2)} s = ${fmt(rateOf(d))} records/s (from its partitions assigned to its last commit; start ${d.startSeconds.toFixed(1)} s excluded)${cpuUseText(d.cpu, d.seconds, f.cores)}`,
    );
  }
  if (f.live.rows > 0)
    lines.push(
      `  live, everything running: ${fmt(f.live.rows)} rows from commit to the last summary in ${f.live.seconds.toFixed(2)} s = ${fmt(rateOf(f.live))} rows/s; verify ${f.live.verified ? '✓' : '✗'}; RSS then: processor ${fmt(f.live.rss.processor / 1e6)} MB, aggregator ${fmt(f.live.rss.aggregator / 1e6)} MB${cpuUseText(f.live.cpu, f.live.seconds, f.cores)}`,
    );
  for (const p of f.paced) {
    lines.push(
      `  paced at ${String(Math.round(p.share * 100)).padStart(2)} % of capture (${fmt(p.rate)} rows/s, ${fmt(p.rows)} rows): ${p.captured ? `commit -> sent by Connect p50 ${ms(p.captured.p50)} p99 ${ms(p.captured.p99)}; ` : ''}commit -> in the processor p50 ${ms(p.inProcessor.p50)} p99 ${ms(p.inProcessor.p99)}; commit -> enriched p50 ${ms(p.enriched.p50)} p99 ${ms(p.enriched.p99)} max ${ms(p.enriched.max)}; commit -> summary p50 ${ms(p.summary.p50)} p99 ${ms(p.summary.p99)} max ${ms(p.summary.max)}; verify ${p.verified ? '✓' : '✗'}${cpuUseText(p.cpu, p.seconds ?? Number.NaN, f.cores)}`,
    );
  }
  lines.push('  ratios (goal):');
  for (const r of e2eRatios(f)) {
    const value = r.unit ? `${fmt(r.value)} ${r.unit}` : r.value.toFixed(2);
    const goal = `${r.kind === 'min' ? '>=' : '<'} ${r.unit ? `${fmt(r.goal)} ${r.unit}` : r.goal.toFixed(1)}`;
    lines.push(`    ${r.name.padEnd(42)} ${value.padStart(8)}  (goal ${goal}) ${Number.isNaN(r.value) ? '-' : meets(r) ? '✓' : '✗'}`);
  }
  return `${lines.join('\n')}\n`;
};
