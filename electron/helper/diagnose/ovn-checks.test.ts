/** The OVN network's diagnose lines (ovn-checks.ts, ovn-guest-checks.ts), from facts as OVN gives them. */
import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { OvnSettings } from '../../../shared/model/ovn';
import type { OvnHostFacts } from '../../../shared/rpc/contract';
import type { OvnGuestPort } from '../ovn/guest-ports';
import { centralCheck, chassisCheck, gatewayCheck, objectsCheck, portsCheck } from './ovn-checks';
import { findOvnGuest, ovnGuestChecks } from './ovn-guest-checks';

const NAT: OvnSettings = {
  mode: 'nat',
  subnet: '10.88.0.0/24',
  dhcp: { start: '10.88.0.100', end: '10.88.0.199', dns: [] },
  uplink: { chassis: 'host-a', physnet: 'wan', address: '198.18.0.10/24', nexthop: '198.18.0.1' },
};
const def = (ovn: OvnSettings) =>
  ({ name: 'span', uuid: 'u-1', ovn }) as unknown as NetworkDef & { ovn: OvnSettings };

const facts = (over: Partial<OvnHostFacts> = {}): OvnHostFacts => ({
  ready: true,
  problems: [],
  missingPackages: [],
  ovsVswitchdPid: 11,
  ovnControllerPid: 12,
  systemId: 'host-a',
  ovnRemote: 'tcp:198.19.0.1:6642',
  encapType: 'geneve',
  encapIp: '198.19.0.2',
  bridgeMappings: 'wan:br-ext',
  northbound: { db: 'tcp:198.19.0.1:6641', reachable: true, error: null, ms: 4 },
  ...over,
});

const port = (p: string, mac: string | null, ip: string | null): OvnGuestPort => ({
  networkUuid: 'u-1',
  network: 'span',
  port: p,
  mac,
  ip,
  up: true,
});

describe('chassisCheck', () => {
  it('is ok with both daemons running, and names the chassis in its details', () => {
    const c = chassisCheck(facts());
    expect(c.status).toBe('ok');
    expect(c.summary).toContain('pids 11, 12');
    expect(c.details[0]).toBe('system-id host-a, encap geneve 198.19.0.2');
  });

  it("fails with the first problem, leaving the northbound database's to its own line", () => {
    const nbError = 'ovn-nbctl did not answer within 3 s';
    const c = chassisCheck(
      facts({
        ready: false,
        problems: ['ovn-controller is not running: start ovn-host', nbError],
        northbound: { db: 'x', reachable: false, error: nbError, ms: 3000 },
      }),
    );
    expect(c.status).toBe('fail');
    expect(c.summary).toBe(
      'This host is not a working OVN chassis: ovn-controller is not running: start ovn-host.',
    );
    expect(c.details.join('\n')).not.toContain(nbError);
  });

  it('is ok when the only problem is the northbound database (said by the next line)', () => {
    const e = 'unreachable';
    expect(
      chassisCheck(facts({ problems: [e], northbound: { db: 'x', reachable: false, error: e, ms: 1 } }))
        .status,
    ).toBe('ok');
  });
});

describe('centralCheck', () => {
  it('fails with the error and says what still works', () => {
    const c = centralCheck('tcp:198.19.0.1:6641', 'timed out after 3 s.', 3001);
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(
      /^OVN's northbound database \(tcp:198\.19\.0\.1:6641\) does not answer: timed out after 3 s\. /,
    );
    expect(c.summary).toContain('Guests already plugged in keep talking');
  });

  it('is ok with the time it took', () => {
    expect(centralCheck('unix:/nb.sock', null, 7)).toMatchObject({ status: 'ok', details: ['in 7 ms'] });
  });
});

describe('objectsCheck', () => {
  const all = { Logical_Switch: 1, DHCP_Options: 1, Logical_Router: 1, Gateway_Chassis: 1, NAT: 1 };

  it('is ok when every row the mode needs is there', () => {
    const c = objectsCheck(def(NAT), all);
    expect(c.status).toBe('ok');
    expect(c.summary).toBe(
      'Logical switch vnm-span and router vnm-span-router are in the northbound database, as vnm made them.',
    );
  });

  it('names each missing row and gives the restart that makes them again', () => {
    const c = objectsCheck(def(NAT), { Logical_Switch: 1, DHCP_Options: 1, Logical_Router: 1 });
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(/lacks the router's gateway chassis, the SNAT rule of span/);
    expect(c.fix).toBe('vnm net-destroy span && vnm net-start span');
  });

  it('asks no router of an isolated network, and no SNAT of a routed one', () => {
    expect(
      objectsCheck(def({ ...NAT, mode: 'isolated', uplink: undefined }), {
        Logical_Switch: 1,
        DHCP_Options: 1,
      }).status,
    ).toBe('ok');
    const routed = { ...all, NAT: 0 };
    expect(objectsCheck(def({ ...NAT, mode: 'routed' }), routed).status).toBe('ok');
    expect(objectsCheck(def(NAT), routed).status).toBe('fail');
  });
});

describe('gatewayCheck', () => {
  it('names the host that holds the gateway, and the SNAT address in nat mode', () => {
    expect(gatewayCheck(NAT, 'host-a').summary).toBe(
      "The router's gateway to wan runs on host-a (198.18.0.10/24, the guests' SNAT address).",
    );
    expect(gatewayCheck({ ...NAT, mode: 'routed' }, 'host-a').summary).not.toContain('SNAT');
  });

  it('fails when no chassis holds it, naming the chassis and physical network to check', () => {
    const c = gatewayCheck(NAT, undefined);
    expect(c.status).toBe('fail');
    expect(c.summary).toMatch(
      /ovn-controller must run on chassis host-a, whose ovn-bridge-mappings must name wan/,
    );
  });
});

describe('portsCheck', () => {
  const hosts = new Map([
    ['p1', 'host-a'],
    ['p2', 'host-b'],
    ['p3', 'host-b'],
  ]);

  it('counts the bound ports by host', () => {
    const ports = [port('p1', 'm1', '10.0.0.1'), port('p2', 'm2', '10.0.0.2'), port('p3', 'm3', '10.0.0.3')];
    const c = portsCheck('span', ports, hosts);
    expect(c).toMatchObject({
      status: 'ok',
      summary: '3 guest ports, each bound and addressed: host-a 1, host-b 2.',
    });
    expect(c.details).toContain('p2: m2, 10.0.0.2, host-b');
  });

  it('warns of a port bound nowhere and of one without an address, by MAC', () => {
    const ports = [port('p1', 'm1', null), port('p4', 'm4', null), port('p2', 'm2', '10.0.0.2')];
    const c = portsCheck('span', ports, hosts);
    expect(c.status).toBe('warn');
    expect(c.summary).toMatch(
      /^1 of 3 guest ports are bound to no chassis \(m4\): .*; 1 have no address \(m1\)/,
    );
  });

  it('is ok with no guest yet, and says how one is plugged', () => {
    expect(portsCheck('span', [], new Map())).toMatchObject({ status: 'ok' });
    expect(portsCheck('span', [], new Map()).summary).toMatch(/^No guest is plugged into span yet/);
  });
});

const PORTS = [
  port('7b00000a-x', '52:54:00:77:01:0a', '10.88.0.100'),
  port('7b00000b-x', '52:54:00:77:01:0b', null),
];
const HOSTS = new Map([['7b00000a-x', 'host-a']]);

describe('findOvnGuest', () => {
  it('finds a port by MAC in any case, by address, or by port name', () => {
    expect(findOvnGuest(' 52:54:00:77:01:0A ', PORTS).port?.port).toBe('7b00000a-x');
    expect(findOvnGuest('10.88.0.100', PORTS).port?.port).toBe('7b00000a-x');
    expect(findOvnGuest('7B00000B-X', PORTS).port?.port).toBe('7b00000b-x');
  });

  it('finds nothing for an address no port holds, nor a hostname (OVN keeps none)', () => {
    expect(findOvnGuest('10.88.0.101', PORTS).port).toBeNull();
    expect(findOvnGuest('web1', PORTS)).toEqual({ query: 'web1', port: null });
  });
});

describe('ovnGuestChecks', () => {
  it('is ok with the host and address of a bound, addressed port', () => {
    const [c] = ovnGuestChecks('span', findOvnGuest('10.88.0.100', PORTS), HOSTS);
    expect(c).toMatchObject({
      id: 'guest-port',
      status: 'ok',
      summary: "The guest is plugged in on host-a, and OVN's DHCP gives it 10.88.0.100.",
    });
  });

  it('fails on a port bound nowhere, with the iface-id to plug it with', () => {
    const [c] = ovnGuestChecks('span', findOvnGuest('52:54:00:77:01:0b', PORTS), HOSTS);
    expect(c!.status).toBe('fail');
    expect(c!.summary).toContain('external_ids:iface-id=7b00000b-x');
  });

  it('fails on a bound port OVN gave no address', () => {
    const [c] = ovnGuestChecks(
      'span',
      findOvnGuest('7b00000b-x', PORTS),
      new Map([['7b00000b-x', 'host-b']]),
    );
    expect(c!.summary).toBe(
      'The guest is plugged in on host-b but OVN has no address for it: the DHCP range has none free.',
    );
  });

  it('fails on a guest no port has, naming what it was asked', () => {
    const [c] = ovnGuestChecks('span', findOvnGuest('web1', PORTS), HOSTS);
    expect(c!.summary).toMatch(/^No guest port of span has web1: /);
  });
});
