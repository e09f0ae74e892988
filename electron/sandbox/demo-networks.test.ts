import { describe, expect, it } from 'vitest';
import { parseNetworkXml } from '../../shared/xml';
import { validateNetworkDef } from '../../shared/validation';
import { DEMO_GUESTS, defaultXml, labXml, lanXml } from './demo-networks';
import { guestMac } from './guest';

describe('the demo networks', () => {
  it('are valid libvirt network XML', () => {
    for (const xml of [defaultXml(), labXml(), lanXml()]) {
      const r = parseNetworkXml(xml);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(validateNetworkDef(r.def)).toEqual([]);
    }
  });

  it('default is libvirt default network: NAT on virbr0, 192.168.122.0/24', () => {
    const r = parseNetworkXml(defaultXml());
    if (!r.ok) throw new Error('parse');
    expect(r.def.forward?.mode).toBe('nat');
    expect(r.def.bridge?.name).toBe('virbr0');
    expect(r.def.ips[0]?.address).toBe('192.168.122.1');
    expect(r.def.ips[0]?.dhcp?.ranges).toEqual([{ start: '192.168.122.2', end: '192.168.122.254' }]);
  });

  it('reserves an address for each guest the agent plugs in, by the MAC it gives it', () => {
    for (const [name, xml] of [
      ['default', defaultXml()],
      ['lab', labXml()],
    ] as const) {
      const r = parseNetworkXml(xml);
      if (!r.ok) throw new Error('parse');
      const hosts = r.def.ips[0]?.dhcp?.hosts ?? [];
      expect(hosts.map((h) => h.name)).toEqual(DEMO_GUESTS[name]);
      expect(hosts.map((h) => h.mac)).toEqual(DEMO_GUESTS[name]?.map((g) => guestMac(name, g)));
    }
  });

  it('lan bridges guests to the host’s br-lan, with nothing of vnm’s', () => {
    const r = parseNetworkXml(lanXml());
    if (!r.ok) throw new Error('parse');
    expect(r.def.forward?.mode).toBe('bridge');
    expect(r.def.bridge?.name).toBe('br-lan');
    expect(r.def.ips).toEqual([]);
  });

  it('lab is isolated', () => {
    const r = parseNetworkXml(labXml());
    expect(r.ok && r.def.forward).toBeFalsy();
  });
});
