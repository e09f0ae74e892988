import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../rpc/contract';
import { networkSummary } from '../rpc/network-summary-fixtures';
import { escapeHtml, firstListRows, networkRowHtml, rowDescription } from './rows';

const net = (name: string, rest: Partial<NetworkSummary> = {}) => networkSummary(name, 1, rest);

describe('served network rows', () => {
  it('escapes every character that could open a tag, an entity or close a quote', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'q'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
    );
  });

  it('writes a hostile name as text, never as markup', () => {
    const html = networkRowHtml(net(`<script>alert(1)</script><img src=x onerror="a()">'"`), true, true);
    expect(html).not.toMatch(/<script|<img|onerror="/);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;a()&quot;&gt;&#39;&quot;</p>',
    );
  });

  it('writes the name into its attribute escaped, and leaves the uuid out', () => {
    const html = networkRowHtml(net(`a" onclick="b()`, { uuid: `x" onclick="a()` }), false, false);
    expect(html).toContain('aria-label="a&quot; onclick=&quot;b()"');
    expect(html).not.toContain('onclick="');
    expect(html).not.toContain('x&quot;');
  });

  it('says state, mode, transient and vnmd’s problem as the window does', () => {
    expect(rowDescription(net('a', { active: true, kind: 'route', persistent: false }))).toBe(
      'Active · Routed · transient',
    );
    expect(rowDescription(net('a', { problem: 'bridge missing' }))).toBe('Inactive · NAT · bridge missing');
  });

  it('marks the selection and the one Tab stop, and draws a sparkline box for running networks', () => {
    const html = networkRowHtml(net('a', { active: true }), true, true);
    expect(html).toMatch(/tabindex="0" aria-label="a" aria-selected="true"/);
    expect(html).toContain('<svg class="vnm-row-icon vnm-active"><use href="#vnm-first-active"></use></svg>');
    expect(html).toContain('<svg class="vnm-row-spark" width="64" height="18"></svg>');
    const other = networkRowHtml(net('a'), false, false);
    expect(other).toMatch(/tabindex="-1" aria-label="a">/);
    expect(other).toContain('<use href="#vnm-first-inactive">');
    expect(other).not.toContain('vnm-row-spark');
  });

  it('orders by name and selects vnmd’s first network, as the window does', () => {
    const list = [net('lab'), net('default'), net('dmz')];
    const { rows, selected } = firstListRows(list);
    expect(rows.map((n) => n.name)).toEqual(['default', 'dmz', 'lab']);
    expect(selected?.name).toBe('lab');
    expect(firstListRows([]).selected).toBeNull();
  });
});
