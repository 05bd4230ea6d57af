import type { ConsoleState, LatencyFigures } from '../console-state.js';
import { html, type SafeHtml } from './html-template.js';
import { count, seconds } from './view-format.js';

const figure = (title: string, f: LatencyFigures | null, app: string): SafeHtml =>
  html`<div class="figure"><h3>${title}</h3>${
    f === null
      ? html`<p class="muted">no figures: ${app} is not answering on its health port</p>`
      : f.count === 0
        ? html`<p class="muted">nothing measured in the last ${f.windowSeconds} s</p>`
        : html`<p><span class="big">p50 ${seconds(f.p50)}</span> <span class="big">p99 ${seconds(f.p99)}</span></p><p class="muted">${count(f.count)} record(s) over the last ${f.windowSeconds || 'few'} s, from ${app}’s histogram</p>`
  }</div>`;

/** End-to-end latency from the commit in PostgreSQL to the enriched record and to the summary. */
export const latencyView = (s: ConsoleState): SafeHtml =>
  html`<div class="figures">${figure('commit → enriched', s.latency.enriched, 'enrichment-processor')}${figure('commit → summary', s.latency.summary, 'summary-aggregator')}</div>`;
