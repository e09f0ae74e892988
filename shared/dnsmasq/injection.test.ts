/**
 * Issue #20 item 2, as a property: for every field of the model that reaches a file dnsmasq
 * reads, and every hostile value, either validation refuses the definition, or the files
 * written have exactly the lines a harmless value gives, none of them a comment, a broken
 * quote or over dnsmasq's 1,024-byte line size. The second half runs the writer alone
 * (validation skipped): it must refuse or stay safe on its own.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { VnmError } from '../rpc/errors';
import { validateForStart, validateNetworkDef } from '../validation';
import { buildDnsmasqConfig } from './config';
import { MAX_LINE_BYTES } from './conf-syntax';
import { buildAddnHostsFile, buildHostsFile } from './hosts-file';

const BASE: NetworkDef = {
  name: 'lab',
  forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
  bridge: { name: 'virbr7' },
  domain: { name: 'lab.example' },
  dns: {
    forwarders: [{ domain: 'corp.example', addr: '192.0.2.53' }],
    txts: [{ name: 'info', value: 'hello world' }],
    srvs: [{ service: 'ldap', protocol: 'tcp', domain: 'lab.example', target: 'dc.lab.example', port: 389 }],
    hosts: [{ ip: '192.168.77.5', hostnames: ['files'] }],
  },
  ips: [
    {
      address: '192.168.77.1',
      prefix: 24,
      tftp: { root: '/srv/tftp' },
      dhcp: {
        ranges: [{ start: '192.168.77.100', end: '192.168.77.200' }],
        hosts: [{ mac: '52:54:00:00:00:01', name: 'alpha', ip: '192.168.77.10' }],
        bootp: { file: 'pxelinux.0', server: '192.168.77.1' },
      },
    },
    {
      family: 'ipv6',
      address: 'fd00:77::1',
      prefix: 64,
      dhcp: { ranges: [], hosts: [{ id: '0:1:0:1:2:3', name: 'beta', ip: 'fd00:77::10' }] },
    },
  ],
  routes: [],
  portgroups: [],
};

type Setter = (def: NetworkDef, v: string) => NetworkDef;
const dns = (def: NetworkDef) => def.dns ?? { forwarders: [], txts: [], srvs: [], hosts: [] };
const ip4 = (def: NetworkDef, change: (ip: NetworkDef['ips'][number]) => NetworkDef['ips'][number]) => ({
  ...def,
  ips: def.ips.map((ip, i) => (i === 0 ? change(ip) : ip)),
});
const dhcp4 = (def: NetworkDef, change: (d: NonNullable<NetworkDef['ips'][number]['dhcp']>) => object) =>
  ip4(def, (ip) => ({
    ...ip,
    dhcp: { ranges: [], hosts: [], ...ip.dhcp, ...change(ip.dhcp ?? { ranges: [], hosts: [] }) },
  }));

/** Every string of the model that ends up in dnsmasq's conf, hostsfile or addn-hosts file. */
const FIELDS: Record<string, Setter> = {
  name: (d, v) => ({ ...d, name: v }),
  'domain name': (d, v) => ({ ...d, domain: { name: v } }),
  'bridge name': (d, v) => ({ ...d, bridge: { name: v } }),
  'forwarder domain': (d, v) => ({
    ...d,
    dns: { ...dns(d), forwarders: [{ domain: v, addr: '192.0.2.53' }] },
  }),
  'forwarder addr': (d, v) => ({ ...d, dns: { ...dns(d), forwarders: [{ addr: v }] } }),
  'txt name': (d, v) => ({ ...d, dns: { ...dns(d), txts: [{ name: v, value: 'x' }] } }),
  'txt value': (d, v) => ({ ...d, dns: { ...dns(d), txts: [{ name: 'info', value: v }] } }),
  'srv service': (d, v) => ({ ...d, dns: { ...dns(d), srvs: [{ service: v, protocol: 'tcp' }] } }),
  'srv protocol': (d, v) => ({ ...d, dns: { ...dns(d), srvs: [{ service: 'ldap', protocol: v }] } }),
  'srv domain': (d, v) => ({
    ...d,
    dns: { ...dns(d), srvs: [{ service: 'ldap', protocol: 'tcp', domain: v }] },
  }),
  'srv target': (d, v) => ({
    ...d,
    dns: { ...dns(d), srvs: [{ service: 'ldap', protocol: 'tcp', target: v, port: 389 }] },
  }),
  'dns host ip': (d, v) => ({ ...d, dns: { ...dns(d), hosts: [{ ip: v, hostnames: ['files'] }] } }),
  'dns hostname': (d, v) => ({ ...d, dns: { ...dns(d), hosts: [{ ip: '192.168.77.5', hostnames: [v] }] } }),
  'tftp root': (d, v) => ip4(d, (ip) => ({ ...ip, tftp: { root: v } })),
  'bootp file': (d, v) => dhcp4(d, () => ({ bootp: { file: v } })),
  'bootp server': (d, v) => dhcp4(d, () => ({ bootp: { file: 'pxelinux.0', server: v } })),
  'dhcp range start': (d, v) => dhcp4(d, () => ({ ranges: [{ start: v, end: '192.168.77.200' }] })),
  'dhcp host name': (d, v) =>
    dhcp4(d, () => ({ hosts: [{ mac: '52:54:00:00:00:01', name: v, ip: '192.168.77.10' }] })),
  'dhcp host mac': (d, v) => dhcp4(d, () => ({ hosts: [{ mac: v, name: 'alpha', ip: '192.168.77.10' }] })),
  'dhcp host ip': (d, v) => dhcp4(d, () => ({ hosts: [{ mac: '52:54:00:00:00:01', name: 'alpha', ip: v }] })),
  'dhcpv6 host id': (d, v) => ({
    ...d,
    ips: d.ips.map((ip, i) =>
      i === 1 ? { ...ip, dhcp: { ranges: [], hosts: [{ id: v, name: 'beta', ip: 'fd00:77::10' }] } } : ip,
    ),
  }),
};

const HOSTILE = [
  '\n',
  'a\ndhcp-script=/tmp/pwn',
  'a\rdhcp-script=/tmp/pwn',
  'a\r\nb',
  'a #b',
  '#',
  ' #x',
  '"',
  'a"b',
  '\\"',
  'a\0b',
  'a\u2028b',
  'a\u0085b',
  'a\tb',
  'a,dhcp-script=/tmp/pwn',
  'a b',
  '',
  ' ',
  'x'.repeat(1100),
  `${'x'.repeat(1015)}dhcp-script=/tmp/pwn`,
  'a\u00a0#b',
];

function vnmPaths(name: string) {
  return {
    pidFile: `/run/vnm/dnsmasq/${name}.pid`,
    hostsFile: `/var/lib/vnm/dnsmasq/${name}.hostsfile`,
    addnHostsFile: `/var/lib/vnm/dnsmasq/${name}.addnhosts`,
    leaseFile: `/var/lib/vnm/dnsmasq/${name}.leases`,
    leaseHelper: '/usr/lib/vnm/lease-helper',
    bridge: 'virbr7',
  };
}

function files(def: NetworkDef): string[] {
  const paths = { ...vnmPaths(def.name), bridge: def.bridge?.name ?? 'virbr7' };
  return [buildDnsmasqConfig(def, paths), buildHostsFile(def), buildAddnHostsFile(def)];
}

/** An independent reading of each line as dnsmasq 2.90 would: comment, quotes, length. */
function unsafeLine(line: string, commentOk: boolean): string | undefined {
  // dnsmasq stops reading a line at a '#' in its first column, before any quote.
  if (commentOk && line.startsWith('#')) return undefined;
  if (new TextEncoder().encode(line).length >= MAX_LINE_BYTES) return 'too long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) return 'control character';
  const unquoted = line.replace(/"(?:\\["tnebr\\]|[^"\\]|\\(?!["tnebr\\]))*"/g, '');
  if (unquoted.includes('"')) return 'broken quote';
  if (/(^|[ \t])#/.test(unquoted)) return 'comment';
  return undefined;
}

function problems(out: string[], baseline: string[]): string[] {
  const found: string[] = [];
  out.forEach((text, i) => {
    const lines = text.split('\n');
    if (lines.length !== (baseline[i] ?? '').split('\n').length) found.push(`file ${i}: line count changed`);
    lines.forEach((line) => {
      const p = i === 2 ? (line.includes('#') ? 'comment' : undefined) : unsafeLine(line, i === 0);
      if (p) found.push(`file ${i}: ${p}: ${JSON.stringify(line.slice(0, 80))}`);
    });
  });
  return found;
}

const cases = Object.entries(FIELDS).flatMap(([field, set]) =>
  HOSTILE.map((value) => [field, value, set(BASE, value)] as const),
);

describe('no value of any field can add a line, a comment or a broken quote to dnsmasq files', () => {
  const baseline = files(BASE);

  it('the base definition is valid and produces safe files', () => {
    expect(validateNetworkDef(BASE)).toEqual([]);
    expect(problems(baseline, baseline)).toEqual([]);
  });

  it.each(cases)('%s = %j: refused by validation, or written safely', (_field, _value, def) => {
    const refused = validateNetworkDef(def).length > 0 || validateForStart(def).length > 0;
    if (refused) return;
    expect(problems(files(def), baseline)).toEqual([]);
  });

  it.each(cases)('%s = %j: the writer alone refuses or stays safe', (_field, _value, def) => {
    let out: string[];
    try {
      out = files(def);
    } catch (err) {
      expect(err).toBeInstanceOf(VnmError);
      return;
    }
    // Only comment lines, quotes and line breaks are the writer's business; the line count may
    // change only where a field is a list the writer skips (an unparsable address).
    const found = problems(out, baseline).filter((p) => !p.includes('line count'));
    expect(found).toEqual([]);
  });
});
