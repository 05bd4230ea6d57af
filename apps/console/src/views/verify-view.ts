import type { ConsoleState, VerifyState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { clock, count, hour } from './view-format.js';

const result = (v: VerifyState): SafeHtml => {
  switch (v.kind) {
    case 'never':
      return html`<p class="muted" data-testid="verify-result">Not run yet.</p>`;
    case 'running':
      return html`<p data-testid="verify-result">Running since ${clock(v.since)}…</p>${v.previous.kind === 'running' ? '' : result(v.previous)}`;
    case 'failed':
      return html`<p class="bad" data-testid="verify-result">verify could not run at ${clock(v.at)}: ${v.error}</p>`;
    case 'done': {
      const { report, aggregator } = v.result;
      return html`<p class="${v.result.ok ? 'good' : 'bad'}" data-testid="verify-result">${
        v.result.ok ? '✓ the summaries equal the SQL GROUP BY for every group inside the horizon' : `✗ the summaries differ from the SQL GROUP BY`
      }</p>
      <p>Run at ${clock(v.at)} in ${v.result.seconds.toFixed(1)} s: ${count(report.matched)} matched, ${report.mismatched.length} mismatched, ${report.missing.length} missing, ${report.extra.length} extra;
        ${count(v.result.records)} summary records read${v.result.undecodable ? `, ${v.result.undecodable} undecodable` : ''}.
        Horizon: ${report.horizon === null ? 'every window' : `windows ending after ${hour(report.horizon)}`}; aggregator lag ${count(aggregator.lag)}${aggregator.lag > 0n ? ' (not quiet: differences may be work in progress)' : ''}.</p>
      <ul class="differences">
        ${report.mismatched.slice(0, 5).map((m) => html`<li>mismatched <code>${m.key}</code>: ${m.fields.join(', ')}</li>`)}
        ${report.missing.slice(0, 5).map((g) => html`<li>missing <code>${g.employee_id}|${g.activity_type}|${hour(g.window_start)}</code>: SQL count ${g.activity_count}</li>`)}
        ${report.extra.slice(0, 5).map((x) => html`<li>extra <code>${x.employee_id}|${x.activity_type}|${hour(x.window_start)}</code>: no rows in SQL</li>`)}
      </ul>`;
    }
  }
};

/** The latest reconciliation of the summaries against the database, and the button that runs one. */
export const verifyView = (s: ConsoleState): SafeHtml =>
  html`<p><button type="button" data-action="verify" data-testid="run-verify" ${s.verify.kind === 'running' ? 'disabled' : ''}>Run verify</button>
    <span class="muted">compares the latest summaries with SQL’s GROUP BY over the aggregator’s horizon (the same check as <code>npm run pipeline -- verify</code>)</span></p>${result(s.verify)}`;
