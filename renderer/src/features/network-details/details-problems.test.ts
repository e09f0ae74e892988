/** Each problem a Details draft can have, on the field that shows it, in libvirt's words. */
import { describe, expect, it } from 'vitest';
import type { DetailsDraft, IpDraft } from './details-draft';
import { draftFromDef } from './details-draft';
import { FULL, defOf } from '@/test/details-xml';
import type { DraftProblem } from './details-problems';
import { draftProblems, problemText } from './details-problems';

const base = defOf(FULL);
const draft = draftFromDef('full', false, base);
const problemsOf = (patch: Partial<DetailsDraft>) => draftProblems({ ...draft, ...patch }, base);
const v4 = (patch: Partial<IpDraft>) => problemsOf({ ipv4: { ...draft.ipv4, ...patch } });
const v6 = (patch: Partial<IpDraft>) => problemsOf({ ipv6: { ...draft.ipv6, ...patch } });
const host = (patch: Partial<IpDraft['hosts'][number]>) =>
  v4({
    hosts: [{ key: 'n0', mac: '52:54:00:00:00:01', id: '', name: 'web', ip: '192.168.122.20', ...patch }],
  });

/** The first problem is on `field` and says `message`. */
function expectFirst(problems: readonly DraftProblem[], field: string, message: RegExp): void {
  expect(problems[0]?.field).toBe(field);
  expect(problems[0]?.message).toMatch(message);
}

describe('draftProblems', () => {
  it('finds none in the network as it is', () => {
    expect(draftProblems(draft, base)).toEqual([]);
  });

  it('refuses an MTU that is not a number in range, and a domain that is not a DNS name', () => {
    expect(problemsOf({ mtu: 'big' })).toEqual([
      { field: 'mtu', message: 'MTU must be a whole number from 68 to 65535, or empty for the default.' },
    ]);
    expect(problemsOf({ mtu: '40' })[0]?.field).toBe('mtu');
    expect(problemsOf({ domain: 'not a name' })[0]?.field).toBe('domain');
  });

  it('asks for a gateway, a numeric prefix and both ends of the range', () => {
    expectFirst(v4({ address: '' }), 'ipv4.address', /^Enter the host’s IPv4 address/);
    expectFirst(v4({ prefix: 'x' }), 'ipv4.address', /prefix length must be a whole number from 1 to 32/);
    expectFirst(v6({ prefix: '' }), 'ipv6.address', /from 1 to 128/);
    expectFirst(v4({ dhcpEnd: ' ' }), 'ipv4.range', /both the start and the end/);
  });

  it('places libvirt’s address problems on the address', () => {
    expect(v4({ address: '300.1.1.1' })).toContainEqual({
      field: 'ipv4.address',
      message: "Invalid address '300.1.1.1' in network 'full': use an IPv4 or IPv6 address.",
    });
    expectFirst(v4({ prefix: '33' }), 'ipv4.address', /Invalid IPv4 prefix '33'/);
    expectFirst(
      v4({ address: 'fd00::1' }),
      'ipv4.address',
      /no family specified for non-IPv4 address 'fd00::1'/,
    );
  });

  it('places range problems on the range: outside the network, reversed, the network address', () => {
    expect(v4({ dhcpStart: '10.0.0.2', dhcpEnd: '10.0.0.9' })).toContainEqual({
      field: 'ipv4.range',
      message:
        'range 10.0.0.2 - 10.0.0.9 is not entirely within network 192.168.122.1/24: choose start and end inside the subnet.',
    });
    expect(v4({ dhcpStart: '192.168.122.200', dhcpEnd: '192.168.122.100' })[0]?.message).toMatch(
      /is reversed/,
    );
    expect(v4({ dhcpStart: '192.168.122.0' })[0]?.message).toMatch(/is the network address/);
    expectFirst(v4({ dhcpStart: 'nowhere' }), 'ipv4.range', /Invalid address 'nowhere' in dhcp range/);
  });

  it('places a static host’s problem on its row', () => {
    expect(host({ mac: 'zz' })).toEqual([
      { field: 'ipv4.host.n0', message: "Cannot parse MAC address 'zz' in network 'full'." },
    ]);
    expect(host({ mac: '01:00:5e:00:00:01' })[0]?.message).toMatch(/expected unicast mac address/);
    expect(host({ ip: '' })[0]?.message).toMatch(/Missing IP address in static host definition/);
    expect(host({ mac: '', name: '' })[0]?.message).toMatch(/must have mac or name attribute/);
    expect(host({ name: '9lives' })[0]?.message).toMatch(/must start with a letter/);
    expect(host({ ip: '192.168.122' })[0]?.message).toMatch(
      /Invalid IP address '192.168.122' in static host/,
    );
  });

  it('places a host’s problem on its row also while the range is wrong', () => {
    const rows = [{ key: 'n0', mac: '', id: '', name: '', ip: '' }];
    const problems = v4({ dhcpEnd: '10.0.0.9', hosts: rows });
    expect(problemText(problems, 'ipv4.range')).toMatch(/is not entirely within/);
    expect(problemText(problems, 'ipv4.host.n0')).toMatch(/must have mac or name attribute/);
    expect(problemText(problems, 'general')).toBeUndefined();
  });

  it('refuses a MAC on an IPv6 static host', () => {
    const rows = [{ key: 'n0', mac: '52:54:00:00:00:01', id: '', name: 'six', ip: '2001:db8:ca2:2::9' }];
    expectFirst(v6({ hosts: rows }), 'ipv6.host.n0', /Invalid to specify MAC address/);
  });

  it('places forwarding problems on forwarding', () => {
    const open = problemsOf({ forwardMode: 'open', forwardDev: 'eth0' });
    expect(problemText(open, 'forward')).toMatch(
      /forward dev not allowed for network 'full' with forward mode='open'/,
    );
    const noIp = problemsOf({
      ipv4: { ...draft.ipv4, enabled: false },
      ipv6: { ...draft.ipv6, enabled: false },
    });
    expect(problemText(noIp, 'forward')).toMatch(/^nat forwarding requested, but no IP address provided/);
  });
});

describe('draftProblems finds every problem at once', () => {
  it('reports a bad MTU, a bad domain, a range outside the network and a multicast MAC together', () => {
    const problems = draftProblems(
      {
        ...draft,
        mtu: 'big',
        domain: 'not a name',
        ipv4: {
          ...draft.ipv4,
          dhcpEnd: '10.0.0.9',
          hosts: [{ key: 'n0', mac: '01:00:5e:00:00:01', id: '', name: 'web', ip: '192.168.122.20' }],
        },
        ipv6: { ...draft.ipv6, prefix: 'x' },
      },
      base,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'mtu',
      'domain',
      'ipv6.address',
      'ipv4.range',
      'ipv4.host.n0',
    ]);
    expect(problemText(problems, 'ipv4.range')).toMatch(/is not entirely within network/);
    expect(problemText(problems, 'ipv4.host.n0')).toMatch(/expected unicast mac address, found multicast/);
  });

  it('still judges the hosts when a new section has no address yet', () => {
    const bare = defOf(FULL.replace(/ {2}<ip family='ipv6'[\s\S]*?<\/ip>\n/, ''));
    const problems = draftProblems(
      {
        ...draftFromDef('full', false, bare),
        mtu: '40',
        ipv6: { ...draft.ipv6, enabled: true, address: '', dhcp: true, dhcpStart: '', dhcpEnd: '' },
      },
      bare,
    );
    expect(problems.map((p) => p.field)).toEqual(['mtu', 'ipv6.address', 'ipv6.range']);
  });
});

describe('problemText', () => {
  it('joins the messages of one field, or is undefined', () => {
    const list = [
      { field: 'mtu', message: 'A.' },
      { field: 'mtu', message: 'B.' },
      { field: 'domain', message: 'C.' },
    ];
    expect(problemText(list, 'mtu')).toBe('A. B.');
    expect(problemText(list, 'forward')).toBeUndefined();
  });
});
