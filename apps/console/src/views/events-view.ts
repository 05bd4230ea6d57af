import type { ConsoleState } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { clock } from './view-format.js';

/** How long a new row is marked as just arrived. */
export const FRESH_MS = 10_000;

type Processed = Partial<
  Record<'row_kind' | 'activity_type' | 'page_url' | 'employee_name' | 'employee_department' | 'session_duration_category', string | null>
> &
  Partial<Record<'id' | 'employee_id' | 'duration_seconds' | 'source_ts_ms' | 'processed_at', number | null>> & { readonly is_business_hours?: boolean | null };

/** The latest enriched events, newest first; those that arrived in the last seconds stand out. */
export const eventsView = (s: ConsoleState, now: number): SafeHtml => {
  const feed = s.feeds.get('events');
  const events = [...s.events].reverse();
  return html`
    ${feed?.kind === 'retrying' ? html`<p class="bad">Not following the processed topic: ${feed.error} (trying again).</p>` : ''}
    ${
      events.length === 0
        ? html`<p class="muted">No enriched events yet: insert a row into employee_activities and it shows here.</p>`
        : html`<table class="events"><thead><tr><th>received</th><th>kind</th><th>id</th><th>employee</th><th>department</th><th>type</th><th>page</th><th class="num">duration</th><th>session</th><th>business hours</th><th class="num">commit → enriched</th></tr></thead>
        <tbody>${events.map(({ record, receivedAt }) => {
          const v = (record.value ?? {}) as Processed;
          const latency = typeof v.processed_at === 'number' && typeof v.source_ts_ms === 'number' ? `${v.processed_at - v.source_ts_ms} ms` : '–';
          return html`<tr class="${now - receivedAt < FRESH_MS ? 'fresh' : ''}" data-offset="${record.partition}@${record.offset}">
            <td>${clock(receivedAt)}</td><td>${v.row_kind ?? record.encoding}</td><td>${v.id ?? ''}</td><td>${v.employee_id ?? ''} ${v.employee_name ?? ''}</td><td>${v.employee_department ?? ''}</td>
            <td>${v.activity_type ?? ''}</td><td class="url">${v.page_url ?? ''}</td><td class="num">${v.duration_seconds ?? 'NULL'}</td><td>${v.session_duration_category ?? ''}</td>
            <td>${v.is_business_hours === null || v.is_business_hours === undefined ? '' : v.is_business_hours ? 'yes' : 'no'}</td><td class="num">${latency}</td></tr>`;
        })}</tbody></table>`
    }`;
};
