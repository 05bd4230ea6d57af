import type { ExplainReport } from '@eap/pipeline-ops';
import { html, type SafeHtml } from './html-template.js';
import { count } from './view-format.js';

const signed = (x: number | null) => (x === null ? 'NULL' : x > 0 ? `+${x}` : String(x));

/** A summary row, explained: the changes behind it, whether they add up, and the SQL (the CLI's `explain`). */
export const explainView = (r: ExplainReport): SafeHtml => html`<div class="explain" data-key="${r.summaryKey}">
  <h3>Why <code>${r.summaryKey}</code> is ${r.summary ? html`count ${r.summary.activity_count}, sum ${r.summary.total_duration ?? 'NULL'}` : 'gone'}</h3>
  <p class="muted">Processed partition ${r.partition}${r.since === null ? '' : `, after the truncate or restatement at offset ${count(r.since)}`}; ${count(r.cost.processedRecordsScanned)} records read in ${r.cost.seconds.toFixed(2)} s.</p>
  <table class="compact"><thead><tr><th class="num">offset</th><th>kind</th><th>op</th><th class="num">activity</th><th class="num">count</th><th class="num">sum</th><th class="num">source LSN</th><th class="num">tx</th><th>committed (UTC)</th></tr></thead>
  <tbody>${r.contributions.map(
    (c) =>
      html`<tr><td class="num">${count(c.offset)}</td><td>${c.rowKind}</td><td>${c.op}</td><td class="num">${c.activityId ?? '-'}</td><td class="num">${signed(c.count)}</td><td class="num">${signed(c.duration)}</td><td class="num">${c.sourceLsn ?? '-'}</td><td class="num">${c.sourceTxId ?? '-'}</td><td>${new Date(c.committedAt).toISOString().slice(0, 23)}</td></tr>`,
  )}${r.excluded.map((x) => html`<tr class="muted"><td class="num">${count(x.offset)}</td><td colspan="8">not counted: dead-lettered by the aggregator (${x.reason})</td></tr>`)}</tbody></table>
  <p data-testid="explain-verdict" class="${r.addsUp && r.sql.sameRows ? 'good' : 'bad'}">Adds up to count ${r.totals.count}, sum ${r.totals.totalDuration ?? 'NULL'}: ${r.addsUp ? '✓ the value shown' : '✗ not the value shown'};
    rows left ${r.rows.length ? r.rows.join(', ') : 'none'}, ${r.sql.sameRows ? '✓ the same rows as SQL' : html`✗ SQL has ${r.sql.rows.map((x) => x.id).join(', ') || 'none'}`}.</p>
  <pre>${r.sql.text}</pre>
</div>`;
