import { escapeHtml, html, raw } from './html-template.js';

describe('html template', () => {
  it('escapes every interpolated value, so a record’s text cannot inject markup', () => {
    const url = `/x?a=1&b="<script>alert('x')</script>"`;
    expect(html`<td title="${url}">${url}</td>`.text).toBe(
      '<td title="/x?a=1&amp;b=&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;">/x?a=1&amp;b=&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;</td>',
    );
    expect(escapeHtml('a < b')).toBe('a &lt; b');
  });

  it('keeps nested templates and raw markup as they are, joins arrays and drops null, undefined and false', () => {
    const rows = [1, 2].map((n) => html`<li>${n}</li>`);
    expect(html`<ul>${rows}${null}${undefined}${false}${raw('<hr>')}</ul>`.text).toBe('<ul><li>1</li><li>2</li><hr></ul>');
    expect(html`${10n} ${0}`.text).toBe('10 0');
  });
});
