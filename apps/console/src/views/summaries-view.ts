import type { ConsoleState } from '../console-state.js';
import type { SummaryFilter } from '../summary-table.js';
import { FRESH_MS } from './events-view.js';
import { html, type SafeHtml } from './html-template.js';
import { barChart } from './svg-charts.js';
import { count, hour } from './view-format.js';

const HOURS_SHOWN = 6;
const ROWS_PER_HOUR = 40;

/** The filter from a query string: ?employee=12&department=Sales&type=login (blank means any). */
export const summaryFilterFrom = (query: Readonly<Record<string, unknown>>): SummaryFilter => {
  const text = (k: string) => (typeof query[k] === 'string' && (query[k] as string).trim() !== '' ? (query[k] as string).trim() : undefined);
  const employee = text('employee');
  return {
    ...(employee !== undefined && /^\d+$/.test(employee) ? { employee: Number(employee) } : {}),
    ...(text('department') !== undefined ? { department: text('department') } : {}),
    ...(text('type') !== undefined ? { type: text('type') } : {}),
  };
};

/** The choices the filter form offers: departments of the employees, activity types seen. */
export const filterChoices = (s: ConsoleState): SafeHtml =>
  html`<datalist id="departments">${[...new Set([...s.employees.values()].map((e) => e.department))].sort().map((d) => html`<option value="${d}"></option>`)}</datalist>
    <datalist id="types">${s.summaries.types().map((t) => html`<option value="${t}"></option>`)}</datalist>`;

/** Activity per hour as a chart, then a table per hour (newest first) of the summaries that pass the filter. */
export const summariesView = (s: ConsoleState, filter: SummaryFilter, now: number): SafeHtml => {
  const departmentOf = (id: number) => s.employees.get(id)?.department;
  const totals = s.summaries.hourlyTotals(filter, departmentOf);
  const feed = s.feeds.get('summaries');
  const described = [
    filter.employee !== undefined ? `employee ${filter.employee}` : '',
    filter.department ? `department ${filter.department}` : '',
    filter.type ? `type ${filter.type}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return html`${filterChoices(s)}
    ${feed?.kind === 'retrying' ? html`<p class="bad">Not following the summaries topic: ${feed.error} (trying again).</p>` : ''}
    <p class="muted">${count(s.summaries.size)} ${s.summaries.size === 1 ? 'summary' : 'summaries'} held over ${s.summaries.windows().length} hour(s)${described ? `; showing ${described}` : ''}.</p>
    ${barChart(
      totals.map((t) => ({ label: hour(t.windowStart).slice(11, 13), value: t.count })),
      { title: 'activities per hour' },
    )}
    ${s.summaries
      .windows()
      .slice(0, HOURS_SHOWN)
      .map((w) => {
        const rows = s.summaries.rows(w, filter, departmentOf);
        return html`<div class="hour" data-window="${hour(w)}"><h3>${hour(w)} UTC · ${count(rows.reduce((n, r) => n + r.summary.activity_count, 0))} activities</h3>
        ${
          rows.length === 0
            ? html`<p class="muted">nothing matches the filter</p>`
            : html`<table class="compact"><thead><tr><th>employee</th><th>department</th><th>type</th><th class="num">count</th><th class="num">avg duration</th><th class="num">total duration</th><th class="num">revision</th><th>window</th></tr></thead>
        <tbody>${rows.slice(0, ROWS_PER_HOUR).map(({ summary: x, changedAt, key }) => html`<tr class="${now - changedAt < FRESH_MS ? 'fresh' : ''}" data-key="${key}"><td>${x.employee_id} ${s.employees.get(x.employee_id)?.name ?? ''}</td><td>${departmentOf(x.employee_id) ?? ''}</td><td>${x.activity_type}</td><td class="num" data-field="count">${x.activity_count}</td><td class="num">${x.avg_duration === null ? 'NULL' : x.avg_duration.toFixed(1)}</td><td class="num">${x.total_duration ?? 'NULL'}</td><td class="num">${x.revision}</td><td>${x.closed ? 'closed' : 'open'}</td></tr>`)}</tbody></table>
        ${rows.length > ROWS_PER_HOUR ? html`<p class="muted">and ${rows.length - ROWS_PER_HOUR} more; filter to narrow</p>` : ''}`
        }</div>`;
      })}`;
};
