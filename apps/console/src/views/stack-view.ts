import { connectorFixFor, formatSeconds } from '@eap/pipeline-ops';
import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { sparkline } from './svg-charts.js';
import { count, duration } from './view-format.js';

interface Row {
  readonly name: string;
  readonly up: boolean;
  readonly address: string;
  readonly detail: string;
}

const rows = (s: ConsoleState): Row[] => {
  const snap = s.snapshot;
  const out: Row[] = [];
  if (snap) {
    const pg = snap.postgres;
    out.push({
      name: 'postgres',
      up: pg.kind === 'up',
      address: pg.address,
      detail: pg.kind === 'up' ? `PostgreSQL ${pg.serverVersion}, wal_level=${pg.walLevel}` : `${pg.reason}: ${pg.detail}`,
    });
    for (const c of ['kafka', 'connect', 'registry'] as const) {
      const p = snap[c];
      out.push({ name: c, up: p.up, address: p.address, detail: p.up ? p.detail : p.error });
    }
  }
  for (const a of s.apps)
    out.push({ name: a.app, up: a.up, address: a.address, detail: a.up ? (a.healthy ? 'healthy' : `unhealthy: ${JSON.stringify(a.detail)}`) : a.error });
  return out;
};

const connectorBlock = (s: ConsoleState): SafeHtml => {
  const c = s.snapshot?.connector;
  if (!s.snapshot) return html`<p class="muted">Reading the stack…</p>`;
  if (c === null || c === undefined) return html`<p class="bad">Connect is down: the connector’s state is unknown.</p>`;
  if (c.status === 'missing')
    return html`<p class="bad">Connector <code>${c.name}</code> is not registered: run <code>npm start</code> or the connector-registrar.</p>`;
  const fix = connectorFixFor(c.status);
  const state = c.status.connector.state;
  return html`<div class="connector">
    <p>Connector <code>${c.name}</code>: <strong class="state ${state === 'RUNNING' ? 'good' : 'bad'}" data-testid="connector-state">${state}</strong>
      ${c.status.tasks.map((t) => html` · task ${t.id}: <strong class="state ${t.state === 'RUNNING' ? 'good' : 'bad'}">${t.state}</strong>`)}
      ${fix ? html`<button type="button" data-action="connector-fix" data-testid="connector-fix">${fix === 'resume_connector' ? 'Resume connector' : 'Restart connector'}</button>` : ''}</p>
    ${[c.status.connector.trace, ...c.status.tasks.map((t) => t.trace)].filter(Boolean).map((t) => html`<pre class="trace">${(t ?? '').split('\n').slice(0, 6).join('\n')}</pre>`)}
  </div>`;
};

const slotLine = (s: ConsoleState): SafeHtml => {
  const pg = s.snapshot?.postgres;
  if (!pg || pg.kind !== 'up') return html``;
  if (!pg.slot) return html`<p class="bad">Replication slot <code>${s.snapshot?.postgres.slotName}</code> does not exist yet.</p>`;
  return html`<p>Replication slot <code>${s.snapshot?.postgres.slotName}</code>: ${pg.slot.active ? html`<span class="good">active</span>` : html`<span class="bad">inactive</span>`}, retaining ${count(Math.round(pg.slot.retainedBytes / 1024))} KiB of WAL${pg.slot.walStatus ? ` (${pg.slot.walStatus})` : ''}.
    Capture lag: <strong data-testid="capture-lag">${count(pg.slot.unconfirmedBytes)} bytes, ${pg.slot.active ? formatSeconds(pg.slot.lagSeconds) : 'no connector reading'}</strong>
    ${sparkline(
      s.captureHistory.map((p) => p.value),
      { label: 'capture lag in bytes' },
    )}</p>`;
};

/** Each component's health, address and uptime; the connector and its tasks with the fix button; the slot. */
export const stackView = (s: ConsoleState, now: number): SafeHtml => html`
  <table>
    <thead><tr><th>component</th><th>state</th><th>address</th><th>up for</th><th>detail</th></tr></thead>
    <tbody>${rows(s).map((r) => {
      const since = s.upSince.get(r.name);
      return html`<tr data-component="${r.name}"><td>${r.name}</td><td class="${r.up ? 'good' : 'bad'}">${r.up ? 'up' : 'down'}</td><td><code>${r.address}</code></td><td>${r.up && since !== undefined ? duration(now - since) : '–'}</td><td class="detail">${r.detail}</td></tr>`;
    })}</tbody>
  </table>
  ${connectorBlock(s)}
  ${slotLine(s)}`;
