import { formatSeconds, type GroupSnapshot } from '@eap/pipeline-ops';
import type { ConsoleState } from '../console-state.js';
import { recentChanges } from '../member-changes.js';
import { html, type SafeHtml } from './html-template.js';
import { sparkline } from './svg-charts.js';
import { count, duration } from './view-format.js';

const trend = (values: readonly number[]): string => {
  if (values.length < 2) return '';
  const [first, last] = [values[0]!, values[values.length - 1]!];
  return last > first ? '↗ growing' : last < first ? '↘ shrinking' : '→ steady';
};

/** Members that joined or left in the last minute, with how long ago. */
const changesLine = (s: ConsoleState, g: GroupSnapshot, now: number): SafeHtml => {
  const changes = recentChanges(s.memberChanges.get(g.groupId) ?? [], now);
  if (changes.length === 0) return html``;
  return html`<p class="member-changes">${changes.map(
    (c) => html`<span class="change ${c.kind}" data-member="${c.memberId}">${c.label} ${c.kind} ${duration(now - c.at)} ago</span> `,
  )}</p>`;
};

/** Each member: its instance, host, the partitions it owns, their lag, its health server; just-joined ones stand out. */
const membersTable = (s: ConsoleState, g: GroupSnapshot, now: number): SafeHtml => {
  if (g.memberDetails.length === 0) return html``;
  const joined = new Set(
    recentChanges(s.memberChanges.get(g.groupId) ?? [], now)
      .filter((c) => c.kind === 'joined')
      .map((c) => c.memberId),
  );
  return html`<table class="compact members"><thead><tr><th>member</th><th>host</th><th>partitions</th><th class="num">lag</th><th class="num">behind</th><th>health</th></tr></thead>
      <tbody>${g.memberDetails.map(
        (
          m,
        ) => html`<tr class="${joined.has(m.memberId) ? 'fresh' : ''}" data-member="${m.memberId}"><td>${m.instanceId ?? html`<code>${m.clientId}</code> <span class="muted">(instance unknown)</span>`}</td>
        <td>${m.host}</td><td>${m.partitions.length ? m.partitions.join(', ') : html`<span class="muted">${g.state === 'Stable' ? 'none (standby)' : 'none'}</span>`}</td>
        <td class="num">${count(m.lag)}</td><td class="num">${formatSeconds(m.lagSeconds)}</td><td>${m.healthAddress ? html`<code>${m.healthAddress}</code>` : html`<span class="muted">unknown</span>`}</td></tr>`,
      )}</tbody></table>`;
};

/** Each consumer group: state, members (and who joined or left), lag per partition and per member, and the lag's trend. */
export const groupsView = (s: ConsoleState, now: number): SafeHtml => {
  if (!s.snapshot) return html`<p class="muted">Reading the consumer groups…</p>`;
  if (!s.snapshot.kafka.up) return html`<p class="bad">Kafka is down: lag unknown.</p>`;
  return html`${s.snapshot.groups.map((g) => {
    const history = (s.groupHistory.get(g.groupId) ?? []).map((p) => p.value);
    const seconds = (s.groupSecondsHistory.get(g.groupId) ?? []).map((p) => p.value);
    const stalled = g.lag > 0n && g.members === 0;
    return html`<div class="group" data-group="${g.groupId}">
      <h3>${g.app} <code>${g.groupId}</code></h3>
      <p>${g.state}, ${g.members} member(s), reading <code>${g.topic}</code>; lag <strong class="${stalled ? 'bad' : ''}">${count(g.lag)}</strong> ${trend(history)} ${sparkline(history, { label: `${g.groupId} lag` })}
        · behind by <strong class="${stalled ? 'bad' : ''}" data-testid="lag-seconds">${formatSeconds(g.lagSeconds)}</strong> ${trend(seconds)} ${sparkline(seconds, { label: `${g.groupId} lag in seconds` })}</p>
      ${changesLine(s, g, now)}
      <table class="compact"><thead><tr><th>partition</th><th class="num">committed</th><th class="num">end</th><th class="num">lag</th><th class="num">behind</th></tr></thead>
      <tbody>${g.partitions.map((p) => html`<tr><td>${p.partition}</td><td class="num">${p.committed === null ? 'none' : count(p.committed)}</td><td class="num">${count(p.end)}</td><td class="num">${count(p.lag)}</td><td class="num">${formatSeconds(p.lagSeconds)}</td></tr>`)}</tbody></table>
      ${membersTable(s, g, now)}
    </div>`;
  })}`;
};
