/** HTML that is already safe: the result of `html`, or markup we wrote ourselves. */
export interface SafeHtml {
  readonly kind: 'safe-html';
  readonly text: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const raw = (text: string): SafeHtml => ({ kind: 'safe-html', text });

type Interpolation = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

const render = (v: Interpolation): string => {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (typeof v === 'object') return (v as SafeHtml).text;
  return escapeHtml(String(v));
};

/** A template whose every interpolation is escaped, unless it is `SafeHtml`; arrays are joined. */
export const html = (strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml =>
  raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
