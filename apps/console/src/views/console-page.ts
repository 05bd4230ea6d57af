import type { ConsoleState } from '../console-state.js';
import type { SummaryFilter } from '../summary-table.js';
import { renderSections, SECTIONS } from './console-sections.js';
import { html, type SafeHtml } from './html-template.js';

/** The whole page, rendered at once; the script then keeps each section live over server-sent events. */
export const consolePage = (s: ConsoleState, filter: SummaryFilter, now: number, pipeline: string): SafeHtml => {
  const sections = renderSections(s, filter, now);
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${pipeline} · pipeline console</title>
  <link rel="stylesheet" href="/assets/console.css">
  <script type="module" src="/assets/console.js"></script>
</head>
<body>
  <header>
    <h1>Employee Activity Pipeline <span class="muted">${pipeline}</span></h1>
    <p id="live" class="muted" data-testid="live">connecting…</p>
    <nav>${SECTIONS.map((x) => html`<a href="#${x.id}-section">${x.title}</a>`)}</nav>
  </header>
  <main>
    ${SECTIONS.map(
      (x) => html`<section id="${x.id}-section">
      <h2>${x.title}</h2>
      ${
        x.id === 'summaries'
          ? html`<form id="summary-filter" class="filter">
          <label>employee <input name="employee" type="number" min="1" value="${filter.employee ?? ''}" data-testid="filter-employee"></label>
          <label>department <input name="department" list="departments" value="${filter.department ?? ''}"></label>
          <label>type <input name="type" list="types" value="${filter.type ?? ''}" data-testid="filter-type"></label>
          <button type="submit">Filter</button> <button type="reset">Clear</button>
        </form>`
          : ''
      }
      <div id="${x.id}" class="live-section">${sections[x.id]}</div>
      ${x.id === 'summaries' ? html`<p class="muted">Click a row: the changes behind its value.</p><div id="explain" data-testid="explain"></div>` : ''}
      ${x.id === 'dlq' ? html`<div id="dlq-redrive" data-testid="dlq-redrive"></div>` : ''}
    </section>`,
    )}
  </main>
  <footer class="muted">Same checks as <code>npm run pipeline -- status | doctor | verify</code>. Times in UTC.</footer>
</body>
</html>`;
};
