import { formatRedrive, type RedriveResult } from '@eap/pipeline-ops';
import { html, type SafeHtml } from './html-template.js';

/** A redrive from the console: the CLI's report, word for word (each record, then the totals). */
export const redriveView = (r: RedriveResult): SafeHtml =>
  html`<h3>${r.dryRun ? 'Dry run' : 'Redrive'}</h3><pre data-testid="dlq-redrive-report">${formatRedrive(r)}</pre>`;
