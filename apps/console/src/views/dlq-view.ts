import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { clock, count } from './view-format.js';

const excerpt = (v: unknown): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** DLQ records by reason, and the latest ones with their dlq.* headers. */
export const dlqView = (s: ConsoleState): SafeHtml => {
  const counts = s.snapshot?.dlq;
  const latest = [...s.dlq].reverse();
  return html`
    ${
      counts === null || counts === undefined
        ? html`<p class="muted">DLQ counts unknown (Kafka down or not read yet).</p>`
        : counts.total === 0
          ? html`<p class="good"><code>${counts.topic}</code> is empty.</p>`
          : html`<p class="bad"><code>${counts.topic}</code>: ${count(counts.total)} record(s).</p>
          <table class="compact"><thead><tr><th>reason</th><th class="num">records</th><th>redrive (after fixing the cause)</th></tr></thead>
          <tbody>${Object.entries(counts.byReason)
            .sort(([, a], [, b]) => b - a)
            .map(
              ([reason, n]) =>
                html`<tr><td>${reason}</td><td class="num">${count(n)}</td><td><button type="button" data-action="dlq-redrive" data-reason="${reason}" data-dry-run="true" data-testid="dlq-dry-run-${reason}">Dry run</button> <button type="button" data-action="dlq-redrive" data-reason="${reason}" data-testid="dlq-redrive-${reason}">Redrive ${reason}</button></td></tr>`,
            )}</tbody></table>`
    }
    ${
      latest.length === 0
        ? ''
        : html`<h3>Latest</h3><ul class="records">${latest.map(
            ({
              record: r,
            }) => html`<li><span class="where">p${r.partition}@${r.offset} ${clock(Date.parse(r.timestamp))}</span> key <code>${r.key ?? 'null'}</code>
            <dl>${Object.entries(r.headers)
              .filter(([k]) => k.startsWith('dlq.'))
              .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
            <pre>${excerpt(r.value)}</pre></li>`,
          )}</ul>`
    }`;
};
