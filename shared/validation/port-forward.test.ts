import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import type { PortForward } from '../model/port-forward';
import { definitionForwardProblems, forwardProblems, forwardsClash } from './port-forward';
import type { ForwardField } from './port-forward';

const nat = (name: string, extra: Partial<NetworkDef> = {}): NetworkDef => ({
  name,
  forward: { mode: 'nat', interfaces: [], pf: [], addresses: [], nat: { ipv6: 'yes', addresses: [] } },
  ips: [
    { address: '192.168.122.1', netmask: '255.255.255.0' },
    { family: 'ipv6', address: 'fd00:1::1', prefix: 64 },
  ],
  routes: [],
  portgroups: [],
  ...extra,
});

const fwd = (over: Partial<PortForward> = {}): PortForward => ({
  protocol: 'tcp',
  hostPort: { start: 8080, end: 8080 },
  guestAddress: '192.168.122.10',
  guestPort: { start: 80, end: 80 },
  ...over,
});

const other = nat('other', {
  ips: [{ address: '10.9.0.1', prefix: 24 }],
  forwards: [
    fwd({
      hostPort: { start: 9000, end: 9010 },
      guestAddress: '10.9.0.5',
      guestPort: { start: 9000, end: 9010 },
    }),
  ],
});
const net = nat('default', {
  forwards: [fwd({ protocol: 'udp', hostPort: { start: 53, end: 53 }, guestPort: { start: 53, end: 53 } })],
});

const fields = (f: PortForward, n: NetworkDef = net): ForwardField[] =>
  forwardProblems(f, n, [other]).map((p) => p.field);

describe('forwardProblems', () => {
  it('accepts good forwards', () => {
    expect(forwardProblems(fwd(), net, [other])).toEqual([]);
    expect(
      forwardProblems(
        fwd({
          protocol: 'all',
          hostAddress: '203.0.113.5',
          hostPort: { start: 1, end: 10 },
          guestPort: { start: 1001, end: 1010 },
          description: 'web: <b>&"x"',
        }),
        net,
        [other],
      ),
    ).toEqual([]);
    expect(
      forwardProblems(fwd({ guestAddress: 'fd00:1::10', hostAddress: '2001:db8::5' }), net, [other]),
    ).toEqual([]);
    // tcp beside an existing udp forward on the same port is fine
    expect(forwardProblems(fwd({ hostPort: { start: 53, end: 53 } }), net, [other])).toEqual([]);
  });

  const isolated = nat('iso', { forward: undefined });
  const routed = nat('r', { forward: { mode: 'route', interfaces: [], pf: [], addresses: [] } });
  const open = nat('o', { forward: { mode: 'open', interfaces: [], pf: [], addresses: [] } });
  const noV6Nat = nat('n6', { forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] } });
  const full = nat('full', {
    forwards: Array.from({ length: 1024 }, (_, i) => fwd({ hostPort: { start: 10000 + i, end: 10000 + i } })),
  });

  it.each<[string, PortForward, ForwardField, string, NetworkDef?]>([
    [
      'host port 0',
      fwd({ hostPort: { start: 0, end: 0 }, guestPort: { start: 0, end: 0 } }),
      'hostPort',
      '1 to 65535',
    ],
    ['host port 70000', fwd({ hostPort: { start: 70000, end: 70000 } }), 'hostPort', 'out of range'],
    ['guest port 70000', fwd({ guestPort: { start: 70000, end: 70000 } }), 'guestPort', 'out of range'],
    ['fractional port', fwd({ hostPort: { start: 80.5, end: 80.5 } }), 'hostPort', 'out of range'],
    [
      'reversed host range',
      fwd({ hostPort: { start: 90, end: 80 }, guestPort: { start: 90, end: 80 } }),
      'hostPort',
      'reversed',
    ],
    [
      'unequal ranges',
      fwd({ hostPort: { start: 80, end: 90 }, guestPort: { start: 80, end: 85 } }),
      'guestPort',
      'same length',
    ],
    ['guest outside subnet', fwd({ guestAddress: '10.0.0.5' }), 'guestAddress', 'outside'],
    ['guest is gateway', fwd({ guestAddress: '192.168.122.1' }), 'guestAddress', 'gateway'],
    ['guest is network address', fwd({ guestAddress: '192.168.122.0' }), 'guestAddress', 'network address'],
    ['guest is broadcast', fwd({ guestAddress: '192.168.122.255' }), 'guestAddress', 'broadcast'],
    ['guest not an address', fwd({ guestAddress: 'web1' }), 'guestAddress', 'not an IP'],
    ['guest shell text', fwd({ guestAddress: '1.2.3.4;reboot' }), 'guestAddress', 'not an IP'],
    ['host address not an address', fwd({ hostAddress: 'eth0' }), 'hostAddress', 'not an IP'],
    ['host address inside the network', fwd({ hostAddress: '192.168.122.1' }), 'hostAddress', 'inside'],
    ['v6 host to v4 guest', fwd({ hostAddress: '2001:db8::1' }), 'hostAddress', 'family'],
    ['v6 guest without IPv6 NAT', fwd({ guestAddress: 'fd00:1::10' }), 'guestAddress', "ipv6='yes'", noV6Nat],
    [
      'duplicate in this network',
      fwd({ protocol: 'udp', hostPort: { start: 53, end: 53 } }),
      'hostPort',
      'this network',
    ],
    [
      'all overlaps udp',
      fwd({ protocol: 'all', hostPort: { start: 50, end: 60 }, guestPort: { start: 50, end: 60 } }),
      'hostPort',
      'this network',
    ],
    [
      'duplicate in another network',
      fwd({ hostPort: { start: 9005, end: 9005 } }),
      'hostPort',
      "network 'other'",
    ],
    [
      'specific address overlaps any-address',
      fwd({
        hostAddress: '203.0.113.5',
        hostPort: { start: 9010, end: 9020 },
        guestPort: { start: 1, end: 11 },
      }),
      'hostPort',
      "network 'other'",
    ],
    ['isolated network', fwd(), 'network', 'isolated', isolated],
    ['routed network', fwd(), 'network', 'directly', routed],
    ['open network', fwd(), 'network', 'directly', open],
    ['1025th forward', fwd(), 'network', '1024', full],
    ['description with a newline', fwd({ description: 'a\nb' }), 'description', 'control'],
    ['description with an escape', fwd({ description: 'a\u001b[31m' }), 'description', 'control'],
    ['description with NUL', fwd({ description: 'a\u0000' }), 'description', 'control'],
    ['description of 10k chars', fwd({ description: 'x'.repeat(10_000) }), 'description', 'at most 256'],
  ])('refuses %s', (_what, f, field, words, n) => {
    const problems = forwardProblems(f, n ?? net, [other]);
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)?.message).toContain(words);
  });

  it('reports every problem at once', () => {
    expect(
      fields(fwd({ hostPort: { start: 0, end: 0 }, guestAddress: '10.0.0.1', description: '\t' })),
    ).toEqual(['hostPort', 'guestAddress', 'description']);
  });

  it('treats address spellings as the same address', () => {
    const a = fwd({ hostAddress: '2001:db8:0::1', guestAddress: 'fd00:1::10' });
    const b = fwd({ hostAddress: '2001:db8::1', guestAddress: 'fd00:1::11' });
    expect(forwardsClash(a, b)).toBe(true);
    expect(forwardsClash(a, { ...b, hostAddress: '2001:db8::2' })).toBe(false);
  });
});

describe('definitionForwardProblems', () => {
  it('judges each forward against those before it', () => {
    const def = nat('d', {
      forwards: [
        fwd(),
        fwd({ guestAddress: '192.168.122.11' }),
        fwd({ hostPort: { start: 1, end: 1 }, guestAddress: '192.168.122.1' }),
      ],
    });
    expect(definitionForwardProblems(def, []).map((p) => [p.index, p.problem.field])).toEqual([
      [1, 'hostPort'],
      [2, 'guestAddress'],
    ]);
  });
});
