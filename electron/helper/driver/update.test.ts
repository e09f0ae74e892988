import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';
import { applyUpdate } from './update';
import type { UpdateRequest } from './update';

const base: NetworkDef = {
  name: 'n',
  ips: [
    {
      address: '10.0.0.1',
      prefix: 24,
      dhcp: {
        ranges: [{ start: '10.0.0.10', end: '10.0.0.20' }],
        hosts: [{ mac: '52:54:00:00:00:01', ip: '10.0.0.5' }],
      },
    },
  ],
  routes: [],
  portgroups: [],
  dns: { forwarders: [], txts: [], hosts: [], srvs: [] },
};
const req = (command: UpdateRequest['command'], section: string, xml: string, parentIndex = -1) => ({
  command,
  section,
  xml,
  parentIndex,
});
const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof VnmError ? e.kind : 'other';
  }
  return 'none';
};

describe('applyUpdate', () => {
  it('adds, modifies and deletes DHCP hosts (MACs lower-cased), as a SIGHUP change', () => {
    const added = applyUpdate(
      base,
      req('add-first', 'ip-dhcp-host', "<host mac='52:54:00:AA:00:02' name='b' ip='10.0.0.6'/>"),
    );
    expect(added.effect).toBe('sighup');
    expect(added.def.ips[0]!.dhcp!.hosts.map((h) => h.mac)).toEqual([
      '52:54:00:aa:00:02',
      '52:54:00:00:00:01',
    ]);
    const modified = applyUpdate(
      added.def,
      req('modify', 'ip-dhcp-host', "<host mac='52:54:00:aa:00:02' ip='10.0.0.7'/>"),
    );
    expect(modified.def.ips[0]!.dhcp!.hosts[0]).toEqual({ mac: '52:54:00:aa:00:02', ip: '10.0.0.7' });
    const deleted = applyUpdate(
      modified.def,
      req('delete', 'ip-dhcp-host', "<host mac='52:54:00:00:00:01'/>"),
    );
    expect(deleted.def.ips[0]!.dhcp!.hosts).toHaveLength(1);
    expect(base.ips[0]!.dhcp!.hosts).toHaveLength(1);
  });

  it('refuses duplicates, missing entries and bad parent indexes with the right kind', () => {
    expect(
      kindOf(() =>
        applyUpdate(base, req('add', 'ip-dhcp-host', "<host mac='52:54:00:00:00:01' ip='10.0.0.9'/>")),
      ),
    ).toBe('conflict');
    expect(
      kindOf(() => applyUpdate(base, req('delete', 'ip-dhcp-host', "<host mac='52:54:00:00:00:09'/>"))),
    ).toBe('not-found');
    expect(
      kindOf(() => applyUpdate(base, req('add', 'ip-dhcp-host', "<host mac='52:54:00:00:00:09'/>", 4))),
    ).toBe('not-found');
    expect(kindOf(() => applyUpdate(base, req('add', 'ip-dhcp-host', "<range start='1' end='2'/>")))).toBe(
      'invalid-argument',
    );
    expect(kindOf(() => applyUpdate(base, req('add', 'ip-dhcp-host', '<host')))).toBe('invalid-argument');
    expect(kindOf(() => applyUpdate(base, req('add', 'portgroup', "<portgroup name='x'/>")))).toBe(
      'unsupported',
    );
  });

  it('adds and deletes ranges, which need a new dnsmasq; refuses to modify them', () => {
    const r = applyUpdate(base, req('add', 'ip-dhcp-range', "<range start='10.0.0.30' end='10.0.0.40'/>"));
    expect(r.effect).toBe('restart-dnsmasq');
    expect(r.def.ips[0]!.dhcp!.ranges).toHaveLength(2);
    const d = applyUpdate(
      r.def,
      req('delete', 'ip-dhcp-range', "<range start='10.0.0.10' end='10.0.0.20'/>"),
    );
    expect(d.def.ips[0]!.dhcp!.ranges).toEqual([{ start: '10.0.0.30', end: '10.0.0.40' }]);
    expect(
      kindOf(() =>
        applyUpdate(base, req('modify', 'ip-dhcp-range', "<range start='10.0.0.10' end='10.0.0.20'/>")),
      ),
    ).toBe('unsupported');
  });

  it('changes DNS hosts, TXT and SRV records', () => {
    let def = applyUpdate(
      base,
      req('add', 'dns-host', "<host ip='10.0.0.50'><hostname>printer</hostname></host>"),
    ).def;
    expect(def.dns!.hosts).toEqual([{ ip: '10.0.0.50', hostnames: ['printer'] }]);
    expect(
      kindOf(() =>
        applyUpdate(def, req('add', 'dns-host', "<host ip='10.0.0.51'><hostname>printer</hostname></host>")),
      ),
    ).toBe('conflict');
    def = applyUpdate(def, req('delete', 'dns-host', "<host ip='10.0.0.50'/>")).def;
    expect(def.dns!.hosts).toEqual([]);
    def = applyUpdate(def, req('add', 'dns-txt', "<txt name='t' value='v'/>")).def;
    def = applyUpdate(def, req('add', 'dns-srv', "<srv service='ldap' protocol='tcp' port='389'/>")).def;
    expect(def.dns!.txts).toEqual([{ name: 't', value: 'v' }]);
    expect(def.dns!.srvs).toEqual([{ service: 'ldap', protocol: 'tcp', port: 389 }]);
    expect(kindOf(() => applyUpdate(def, req('delete', 'dns-txt', "<txt name='zz'/>")))).toBe('not-found');
  });
});
