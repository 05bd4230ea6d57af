import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { sparkline } from './svg-charts.js';
import { count } from './view-format.js';

const trend = (values: readonly number[]): string => {
  if (values.length < 2) return '';
  const [first, last] = [values[0]!, values[values.length - 1]!];
  return last > first ? '↗ growing' : last < first ? '↘ shrinking' : '→ steady';
};

/** Each consumer group: state, members, lag per partition, and the lag's trend. */
export const groupsView = (s: ConsoleState): SafeHtml => {
  if (!s.snapshot) return html`<p class="muted">Reading the consumer groups…</p>`;
  if (!s.snapshot.kafka.up) return html`<p class="bad">Kafka is down: lag unknown.</p>`;
  return html`${s.snapshot.groups.map((g) => {
    const history = (s.groupHistory.get(g.groupId) ?? []).map((p) => p.value);
    return html`<div class="group" data-group="${g.groupId}">
      <h3>${g.app} <code>${g.groupId}</code></h3>
      <p>${g.state}, ${g.members} member(s), reading <code>${g.topic}</code>; lag <strong class="${g.lag > 0n && g.members === 0 ? 'bad' : ''}">${count(g.lag)}</strong> ${trend(history)} ${sparkline(history, { label: `${g.groupId} lag` })}</p>
      <table class="compact"><thead><tr><th>partition</th><th class="num">committed</th><th class="num">end</th><th class="num">lag</th></tr></thead>
      <tbody>${g.partitions.map((p) => html`<tr><td>${p.partition}</td><td class="num">${p.committed === null ? 'none' : count(p.committed)}</td><td class="num">${count(p.end)}</td><td class="num">${count(p.lag)}</td></tr>`)}</tbody></table>
    </div>`;
  })}`;
};
