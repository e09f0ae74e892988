import { describe, expect, it } from 'vitest';
import type { WizardChoices } from '@shared/wizard/choices';
import type { FieldErrors } from './checks';
import { checkWizard, hasErrors, stepErrors } from './checks';
import { defaultsFor } from './proposals';
import type { FieldKey } from './steps';
import { GOOD, HOST } from './test-choices';

const long = (n: number) => 'a'.repeat(n);

/** [what, change to the good choices, the field that complains, words its message has]. */
const BAD: readonly [string, Partial<WizardChoices>, FieldKey, string][] = [
  ['empty name', { name: '' }, 'name', 'Enter a name for the network'],
  ['slash in name', { name: 'a/b' }, 'name', "cannot contain '/'"],
  ['newline in name', { name: 'a\nb' }, 'name', 'a newline is not allowed'],
  ['tab in name', { name: 'a\tb' }, 'name', 'control character U+0009'],
  ['leading dot', { name: '.hidden' }, 'name', "starts with '.'"],
  ['double dot', { name: 'a..b' }, 'name', "'..'"],
  ['name too long', { name: long(201) }, 'name', 'at most 200'],
  [
    'name taken',
    { name: 'default' },
    'name',
    "A network named 'default' already exists: choose another name",
  ],
  ['no host bridge', { mode: 'bridge', hostBridge: '' }, 'hostBridge', 'Choose the host bridge'],
  ['vanished bridge', { mode: 'bridge', hostBridge: 'br9' }, 'hostBridge', 'br9 is no longer on this host'],
  ['empty network', { ipv4Network: '' }, 'ipv4Network', 'Enter the IPv4 network in CIDR form'],
  [
    'no prefix',
    { ipv4Network: '192.168.100.0' },
    'ipv4Network',
    'Add the prefix length, as in 192.168.100.0/24',
  ],
  ['bad octet', { ipv4Network: '192.168.300.0/24' }, 'ipv4Network', "'192.168.300.0' is not an IPv4 address"],
  ['words', { ipv4Network: 'my network' }, 'ipv4Network', 'is not an IPv4 address'],
  [
    'IPv6 in IPv4',
    { ipv4Network: 'fd00::/64' },
    'ipv4Network',
    'fd00:: is an IPv6 address: enter an IPv4 network',
  ],
  ['prefix not a number', { ipv4Network: '192.168.100.0/x' }, 'ipv4Network', "'/x' is not a prefix length"],
  [
    '/31',
    { ipv4Network: '192.168.100.0/31' },
    'ipv4Network',
    'Use a prefix from /8 to /30: /31 leaves no room',
  ],
  ['/32', { ipv4Network: '192.168.100.0/32' }, 'ipv4Network', 'Use a prefix from /8 to /30'],
  ['/7', { ipv4Network: '10.0.0.0/7' }, 'ipv4Network', '/7 is larger than any private range'],
  [
    'host bits',
    { ipv4Network: '192.168.100.1/24' },
    'ipv4Network',
    'not a network address (its host part is not zero): use 192.168.100.0/24',
  ],
  ['loopback', { ipv4Network: '127.0.0.0/8' }, 'ipv4Network', 'is in the loopback range 127.0.0.0/8'],
  ['link-local', { ipv4Network: '169.254.1.0/24' }, 'ipv4Network', 'the link-local range'],
  ['multicast', { ipv4Network: '224.1.0.0/16' }, 'ipv4Network', 'the multicast range'],
  [
    'other network',
    { ipv4Network: '192.168.122.0/24' },
    'ipv4Network',
    "is already used by network 'default': choose another network",
  ],
  ['wider than another network', { ipv4Network: '192.168.0.0/16' }, 'ipv4Network', "of network 'default'"],
  ['host route', { ipv4Network: '10.0.0.0/16' }, 'ipv4Network', 'overlaps 10.0.0.0/24 of eth0 on this host'],
  ['empty gateway', { ipv4Gateway: '' }, 'ipv4Gateway', 'Enter the gateway address'],
  ['bad gateway', { ipv4Gateway: '192.168.100' }, 'ipv4Gateway', "'192.168.100' is not an IPv4 address"],
  [
    'gateway outside',
    { ipv4Gateway: '192.168.1.1' },
    'ipv4Gateway',
    '192.168.1.1 is outside 192.168.100.0/24',
  ],
  [
    'gateway network',
    { ipv4Gateway: '192.168.100.0' },
    'ipv4Gateway',
    'is the network address of 192.168.100.0/24',
  ],
  ['gateway broadcast', { ipv4Gateway: '192.168.100.255' }, 'ipv4Gateway', 'is the broadcast address'],
  ['empty start', { ipv4Start: '' }, 'ipv4Start', 'Enter DHCP start address'],
  ['bad start', { ipv4Start: 'abc' }, 'ipv4Start', "'abc' is not an IPv4 address"],
  ['start outside', { ipv4Start: '192.168.101.10' }, 'ipv4Start', 'is outside 192.168.100.0/24'],
  ['start network', { ipv4Start: '192.168.100.0' }, 'ipv4Start', 'is the network address'],
  ['start gateway', { ipv4Start: '192.168.100.1' }, 'ipv4Start', "is the gateway's address: start the range"],
  ['end broadcast', { ipv4End: '192.168.100.255' }, 'ipv4End', 'is the broadcast address'],
  [
    'end gateway',
    { ipv4Start: '192.168.100.0', ipv4End: '192.168.100.1' },
    'ipv4End',
    "is the gateway's address: end the range",
  ],
  ['end IPv6', { ipv4End: 'fd00::1' }, 'ipv4End', "'fd00::1' is not an IPv4 address"],
  ['start after end', { ipv4Start: '192.168.100.200', ipv4End: '192.168.100.150' }, 'ipv4End', 'is reversed'],
  [
    'range too large',
    { ipv4Network: '10.8.0.0/14', ipv4Gateway: '10.8.0.1', ipv4Start: '10.8.0.2', ipv4End: '10.10.0.2' },
    'ipv4End',
    'too large (> 65535): make it smaller',
  ],
  [
    'IPv4 in IPv6',
    { ipv6Network: '192.168.5.0/24' },
    'ipv6Network',
    'is an IPv4 address: enter an IPv6 network',
  ],
  ['IPv6 /48', { ipv6Network: 'fd12:3456:789a::/48' }, 'ipv6Network', 'Use a /64 prefix'],
  ['IPv6 link-local', { ipv6Network: 'fe80::/64' }, 'ipv6Network', 'the link-local range'],
  ['IPv6 multicast', { ipv6Network: 'ff02::/64' }, 'ipv6Network', 'the multicast range'],
  ['IPv6 host bits', { ipv6Network: 'fd12:3456:789a:1::5/64' }, 'ipv6Network', 'use fd12:3456:789a:1::/64'],
  [
    'IPv6 overlap',
    { ipv6Network: 'fd00:aaaa:bbbb:1::/64' },
    'ipv6Network',
    "is already used by network 'dmz'",
  ],
  [
    'IPv6 gateway outside',
    { ipv6Gateway: 'fd12:3456:789a:2::1' },
    'ipv6Gateway',
    'is outside fd12:3456:789a:1::/64',
  ],
  ['IPv6 gateway network', { ipv6Gateway: 'fd12:3456:789a:1::' }, 'ipv6Gateway', 'is the network address'],
  ['DHCPv6 start outside', { ipv6Start: 'fd12::100' }, 'ipv6Start', 'is outside'],
  ['DHCPv6 end gateway', { ipv6End: 'fd12:3456:789a:1::1' }, 'ipv6End', "gateway's address"],
  [
    'DHCPv6 reversed',
    { ipv6Start: 'fd12:3456:789a:1::200', ipv6End: 'fd12:3456:789a:1::1ff' },
    'ipv6End',
    'is reversed',
  ],
  [
    'name not a domain',
    { name: 'my net' },
    'dnsChoice',
    "'my net' is not a valid domain name: choose Custom",
  ],
  ['empty custom domain', { dnsChoice: 'custom', customDomain: '' }, 'customDomain', 'Enter a domain name'],
  [
    'blank in domain',
    { dnsChoice: 'custom', customDomain: 'lab example' },
    'customDomain',
    'is not a valid domain name',
  ],
  [
    'hyphen start',
    { dnsChoice: 'custom', customDomain: '-lab.example' },
    'customDomain',
    'not at the start or end',
  ],
  [
    'empty label',
    { dnsChoice: 'custom', customDomain: 'lab..example' },
    'customDomain',
    'is not a valid domain name',
  ],
  [
    'label > 63',
    { dnsChoice: 'custom', customDomain: `${long(64)}.example` },
    'customDomain',
    'longer than 63',
  ],
  [
    'domain > 253',
    { dnsChoice: 'custom', customDomain: Array(5).fill(long(60)).join('.') },
    'customDomain',
    'shorten it to 253',
  ],
];

describe('checkWizard', () => {
  it('accepts the good choices in every mode', () => {
    for (const mode of ['nat', 'route', 'isolated', 'open', 'bridge'] as const) {
      expect(checkWizard({ ...GOOD, mode }, HOST)).toEqual({});
    }
  });

  it.each(BAD)('refuses %s with a message on its field', (_what, change, field, words) => {
    const errors: FieldErrors = checkWizard({ ...GOOD, ...change }, HOST);
    expect(errors[field]).toContain(words);
    // One sentence that says what to do: it ends with a full stop.
    expect(errors[field]).toMatch(/\.$/);
  });

  it('has at least 50 bad inputs', () => expect(BAD.length).toBeGreaterThanOrEqual(50));

  it('checks the gateway and range against the network only once it is valid, their spelling always', () => {
    const errors = checkWizard(
      { ...GOOD, ipv4Network: '192.168.100.0', ipv4Gateway: '10.1.1.1', ipv4End: '1.2.3.300' },
      HOST,
    );
    expect(errors).toEqual({
      ipv4Network: 'Add the prefix length, as in 192.168.100.0/24.',
      ipv4End: "'1.2.3.300' is not an IPv4 address: enter one such as 192.168.100.1.",
    });
  });

  it('ignores what is switched off: DHCP ranges, IPv6, and addresses in Bridge mode', () => {
    expect(checkWizard({ ...GOOD, ipv4Dhcp: false, ipv4Start: 'x' }, HOST)).toEqual({});
    expect(checkWizard({ ...GOOD, ipv6Dhcp: false, ipv6Start: 'x' }, HOST)).toEqual({});
    expect(checkWizard({ ...GOOD, ipv6Enabled: false, ipv6Network: 'x' }, HOST)).toEqual({});
    expect(checkWizard({ ...GOOD, mode: 'bridge', ipv4Network: 'x', name: 'my net' }, HOST)).toEqual({});
  });

  it('says so when the host has no bridge for Bridge mode', () => {
    const errors = checkWizard({ ...GOOD, mode: 'bridge', hostBridge: '' }, { ...HOST, hostBridges: [] });
    expect(errors.hostBridge).toContain('This host has no bridge of its own');
  });

  it('accepts every prefix from /8 to /30 with the defaults the wizard proposes for it', () => {
    const free = { ...HOST, takenSubnets: [] };
    for (let prefix = 8; prefix <= 30; prefix++) {
      const network = `10.0.0.0/${prefix}`;
      const d = defaultsFor(network, 'ipv4');
      const choices = {
        ...GOOD,
        ipv4Network: network,
        ipv4Gateway: d?.gateway ?? '',
        ipv4Start: d?.start ?? '',
        ipv4End: d?.end ?? '',
      };
      expect({ prefix, errors: checkWizard(choices, free) }).toEqual({ prefix, errors: {} });
    }
  });
});

describe('stepErrors', () => {
  it('keeps the problems of one step', () => {
    const errors = checkWizard({ ...GOOD, name: '', ipv4Gateway: 'x' }, HOST);
    expect(Object.keys(stepErrors(errors, 'name'))).toEqual(['name']);
    expect(Object.keys(stepErrors(errors, 'ipv4'))).toEqual(['ipv4Gateway']);
    expect(hasErrors(stepErrors(errors, 'ipv6'))).toBe(false);
  });
});
