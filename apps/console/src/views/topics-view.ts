import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { sparkline } from './svg-charts.js';
import { count, latestRate, rate, rates } from './view-format.js';

/** Each pipeline topic: role, partitions, end offset, rate now and a sparkline of its rate. */
export const topicsView = (s: ConsoleState): SafeHtml => {
  const topics = s.snapshot?.topics ?? [];
  if (!s.snapshot) return html`<p class="muted">Reading the topics…</p>`;
  if (!s.snapshot.kafka.up) return html`<p class="bad">Kafka is down (${s.snapshot.kafka.error}): no topics to show.</p>`;
  return html`<table>
    <thead><tr><th>topic</th><th>role</th><th>partitions</th><th class="num">end offset</th><th class="num">rate</th><th>msgs/s, last ${s.topicHistory.values().next().value?.length ?? 0} reads</th></tr></thead>
    <tbody>${topics.map((t) => {
      const points = s.topicHistory.get(t.topic) ?? [];
      const now = latestRate(points);
      return t.exists
        ? html`<tr data-topic="${t.topic}"><td><code>${t.topic}</code></td><td>${t.role}</td><td>${t.partitions}</td><td class="num">${count(t.endOffset)}</td><td class="num">${now === null ? '–' : rate(now)}</td><td>${sparkline(rates(points), { label: `${t.topic} messages per second` })}</td></tr>`
        : html`<tr data-topic="${t.topic}"><td><code>${t.topic}</code></td><td>${t.role}</td><td colspan="4" class="muted">not created yet</td></tr>`;
    })}</tbody>
  </table>`;
};
