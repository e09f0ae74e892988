import { describe, expect, it } from 'vitest';
import { networkSummary as net } from '../rpc/network-summary-fixtures';
import { FIRST_VIEW_ELEMENT } from './ids';
import { firstViewHtml } from './page';

const enabled = (html: string) =>
  [...html.matchAll(/<button type="button" disabled class="([^"]*)">.*?<\/svg>(.*?)<\/button>/g)]
    .filter((m) => m[1]?.split(' ').includes('fv-on'))
    .map((m) => m[2]);

describe('served first view', () => {
  it('is one element with its style, the icons once, and a row per network', () => {
    const html = firstViewHtml([net('b', 1), net('a', 2, { active: true })]);
    expect(html.startsWith(`<div id="${FIRST_VIEW_ELEMENT}"><style>`)).toBe(true);
    expect(html.match(/role="option"/g)).toHaveLength(2);
    expect(html.indexOf('>a</p>')).toBeLessThan(html.indexOf('>b</p>'));
    expect(html.match(/<symbol id="vnm-first-(in)?active" viewBox="0 0 24 24">/g)).toHaveLength(2);
    // React's rows have the ids: served ones have none, so no id is ever in the page twice.
    expect(html).not.toMatch(/ id="network-/);
    // React's window is hidden while the served view is there, and only then.
    expect(html).toContain(`#${FIRST_VIEW_ELEMENT}~#root{position:fixed;inset:0;visibility:hidden}`);
  });

  it('enables the toolbar as the window does for the selected network', () => {
    // vnmd's first network is selected: inactive, so Start and Delete.
    expect(enabled(firstViewHtml([net('b', 1), net('a', 2, { active: true })]))).toEqual([
      'Connections',
      'Preferences',
      'Add network',
      'Start network',
      'Delete network',
      'Define from XML…',
    ]);
    expect(enabled(firstViewHtml([net('a', 2, { active: true }), net('b', 1)]))).toContain('Stop network');
  });

  it('keeps a hostile name as text, and no script or event handler anywhere in the view', () => {
    const html = firstViewHtml([net('</style><script>alert(1)</script>', 1), net(`" onmouseover="x`, 2)]);
    expect(html).not.toMatch(/<script|<\/style><script|onmouseover="/);
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('takes the colours of the window’s preference, else follows the system', () => {
    const list = [net('a', 1)];
    expect(firstViewHtml(list)).toMatch(
      /:root\{--t:rgba\(0, 0, 0, 0.87\).*@media \(prefers-color-scheme:dark\)\{:root\{--t:#fff/,
    );
    const dark = firstViewHtml(list, 'dark');
    expect(dark).toContain(':root{--t:#fff;');
    expect(dark).not.toContain('prefers-color-scheme');
    expect(firstViewHtml(list, 'light')).not.toContain('#121212');
  });
});
