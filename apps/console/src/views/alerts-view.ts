import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

/** The banner: what `doctor` would raise now (thresholds from the ALERT_* settings), each with its fix. */
export const alertsView = (s: ConsoleState): SafeHtml => {
  if (!s.snapshot) return html`<p class="muted">Looking…</p>`;
  if (s.alerts.length === 0)
    return html`<p class="good" data-testid="alerts-none">✓ No alerts: the same checks as <code>npm run pipeline -- doctor</code> pass.</p>`;
  return html`<ul class="alerts" data-testid="alerts">${s.alerts.map(
    (a) =>
      html`<li class="alert ${a.severity === 'fail' ? 'bad' : 'warn'}" data-check="${a.check}"><strong>${MARK[a.severity]} ${a.check}</strong> ${a.message}${
        a.fix ? html`<br><span class="muted">fix: ${a.fix}</span>` : ''
      }</li>`,
  )}</ul>`;
};
