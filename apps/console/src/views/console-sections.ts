import type { ConsoleState } from '../console-state.js';
import { alertsView } from './alerts-view.js';
import type { SummaryFilter } from '../summary-table.js';
import { dlqView } from './dlq-view.js';
import { eventsView } from './events-view.js';
import { groupsView } from './groups-view.js';
import type { SafeHtml } from './html-template.js';
import { latencyView } from './latency-view.js';
import { stackView } from './stack-view.js';
import { summariesView } from './summaries-view.js';
import { topicsView } from './topics-view.js';
import { verifyView } from './verify-view.js';

export const SECTIONS = [
  { id: 'alerts', title: 'Alerts' },
  { id: 'stack', title: 'Stack' },
  { id: 'latency', title: 'End-to-end latency' },
  { id: 'verify', title: 'Reconciliation' },
  { id: 'events', title: 'Latest enriched events' },
  { id: 'summaries', title: 'Window summaries' },
  { id: 'topics', title: 'Topics' },
  { id: 'groups', title: 'Consumer groups' },
  { id: 'dlq', title: 'Dead-letter queue' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** Every section's inner HTML for one viewer (the summaries under that viewer's filter). */
export const renderSections = (s: ConsoleState, filter: SummaryFilter, now: number): Readonly<Record<SectionId, SafeHtml>> => ({
  alerts: alertsView(s),
  stack: stackView(s, now),
  latency: latencyView(s),
  verify: verifyView(s),
  events: eventsView(s, now),
  summaries: summariesView(s, filter, now),
  topics: topicsView(s),
  groups: groupsView(s, now),
  dlq: dlqView(s),
});
