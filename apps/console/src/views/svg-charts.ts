import { html, type SafeHtml } from './html-template.js';

/** A small line of the values, scaled to its own maximum; empty with fewer than two values. */
export const sparkline = (values: readonly number[], { width = 120, height = 24, label }: { width?: number; height?: number; label: string }): SafeHtml => {
  if (values.length < 2) return html`<svg class="spark" width="${width}" height="${height}" role="img" aria-label="${label}: not enough points yet"></svg>`;
  const max = Math.max(...values, 1e-9);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return html`<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><polyline points="${points}" /></svg>`;
};

/** Vertical bars with a label under each and the value on hover; the tallest bar fills the height. */
export const barChart = (
  bars: readonly { readonly label: string; readonly value: number }[],
  { height = 140, barWidth = 18, gap = 4, title }: { height?: number; barWidth?: number; gap?: number; title: string },
): SafeHtml => {
  if (bars.length === 0) return html`<p class="empty">No summaries yet.</p>`;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const plot = height - 18;
  const width = bars.length * (barWidth + gap);
  return html`<svg class="bars" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">${bars.map((b, i) => {
    const h = Math.round((b.value / max) * (plot - 2));
    const x = i * (barWidth + gap);
    return html`<g><title>${b.label}: ${b.value.toLocaleString('en-US')}</title><rect x="${x}" y="${plot - h}" width="${barWidth}" height="${h}" /><text x="${x + barWidth / 2}" y="${height - 4}">${b.label}</text></g>`;
  })}</svg>`;
};
