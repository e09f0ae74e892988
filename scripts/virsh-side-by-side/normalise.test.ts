import { describe, expect, it } from 'vitest';
import { compareOutcomes } from './compare';
import { normalise, normaliseText } from './normalise';
import { FIXED_UUIDS, GUEST_MAC } from './plan';

describe('side-by-side normalisation', () => {
  it('makes generated values equal and keeps the ones the files give', () => {
    const text =
      `Network x defined from /tmp/d/x.xml\n${FIXED_UUIDS[0]} 0f0f0f0f-1111-4222-8333-444444444444\n` +
      `<mac address='52:54:00:12:34:56'/> ${GUEST_MAC}\n 2026-12-06 10:11:12   ipv4  01:52:54:00:5b:5b:01\n` +
      "<bridge name='virbr3' stp='on' delay='0'/>\n";
    expect(normaliseText(text, '/tmp/d')).toBe(
      `Network x defined from @DIR@/x.xml\n${FIXED_UUIDS[0]} <uuid>\n` +
        `<mac address='<mac>'/> ${GUEST_MAC}\n <time>   ipv4  01:52:54:00:5b:5b:01\n` +
        "<bridge name='virbr<n>' stp='on' delay='0'/>\n",
    );
  });

  it('keeps only the first line of stderr', () => {
    expect(normalise({ stdout: '\n', stderr: 'error: a\nerror: b\n', status: 1 }, '/x')).toEqual({
      stdout: '\n',
      stderr: 'error: a',
      status: 1,
    });
  });
});

describe('side-by-side comparison', () => {
  const same = { stdout: 'a\n', stderr: '', status: 0 };
  it('reports each field that differs, and steps one side lacks', () => {
    const c = compareOutcomes({ one: same, two: same }, { one: { ...same, status: 1 } });
    expect(c.unexpected).toEqual([{ step: 'one', field: 'status', libvirt: '0', vnm: '1' }]);
    expect(c.missing).toEqual(['two']);
    expect(c.compared).toBe(1);
  });
});
