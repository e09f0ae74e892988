import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { planMetadata, readMetadata, withMetadata } from './metadata';
import type { NetworkEntry } from './table';
import { formatDefinition } from './xml';

const def: NetworkDef = {
  name: 'lab',
  uuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  bridge: { name: 'virbr5' },
  ips: [],
  routes: [],
  portgroups: [],
};

function entry(live: boolean, persistent: boolean): NetworkEntry {
  return {
    name: 'lab',
    uuid: def.uuid!,
    config: persistent ? def : null,
    autostart: false,
    live: live ? { ...def, title: 'running' } : null,
    status: null,
    problem: null,
    restarts: [],
  };
}

describe('net-desc and net-metadata in vnmd', () => {
  it("writes <title>, <description> and <metadata> in libvirt's place, after <uuid>", () => {
    let d = withMetadata(def, { type: 'description', value: 'A lab', live: false, config: false });
    d = withMetadata(d, { type: 'title', value: 'Lab', live: false, config: false });
    d = withMetadata(d, {
      type: 'element',
      uri: 'http://app/',
      key: 'app',
      value: '<x/>',
      live: false,
      config: false,
    });
    expect(formatDefinition(d)).toContain(
      [
        '  <title>Lab</title>',
        '  <description>A lab</description>',
        '  <metadata>',
        '    <app:x xmlns:app="http://app/"/>',
        '  </metadata>',
        '  <bridge',
      ].join('\n'),
    );
    expect(formatDefinition(d)).toMatch(/<\/uuid>\n {2}<title>/);
    expect(withMetadata(d, { type: 'title', value: '', live: false, config: false }).title).toBeUndefined();
  });

  it('reads the running definition by default, the stored one with --config', () => {
    const e = entry(true, true);
    expect(readMetadata(e, { type: 'title', live: false, config: false })).toBe('running');
    expect(() => readMetadata(e, { type: 'title', live: false, config: true })).toThrow(
      /^metadata not found/,
    );
  });

  it("refuses, in libvirt's words, what libvirt refuses", () => {
    expect(() => readMetadata(entry(false, true), { type: 'title', live: true, config: false })).toThrow(
      /network is not running/,
    );
    expect(() =>
      planMetadata(entry(true, false), { type: 'title', value: 'x', live: false, config: true }),
    ).toThrow(/cannot change persistent config of a transient network/);
    expect(() =>
      planMetadata(entry(true, true), { type: 'title', value: 'a\nb', live: false, config: false }),
    ).toThrow(/metadata title can't contain newlines/);
    expect(() =>
      planMetadata(entry(true, true), {
        type: 'element',
        uri: 'http://a/',
        value: '<a/>',
        live: false,
        config: false,
      }),
    ).toThrow(/namespace key is required/);
  });

  it('plans both definitions with --live --config', () => {
    const plan = planMetadata(entry(true, true), {
      type: 'description',
      value: 'd',
      live: true,
      config: true,
    });
    expect(plan.live?.description).toBe('d');
    expect(plan.live?.title).toBe('running');
    expect(plan.config?.description).toBe('d');
  });
});
