/**
 * virsh net-update as a pure function: a definition plus one command on one section gives
 * the new definition, or an error in libvirt's words. Whether the change reaches a running
 * dnsmasq (SIGHUP or restart) is the driver's business.
 */
import type { Dhcp, DhcpHost, Dns, IpDef, NetworkDef } from '../../../shared/model/network';
import { ipFamily } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';
import { parseDhcpHost, parseDhcpRange, parseDnsHost, parseDnsSrv, parseDnsTxt } from './update-parse';

export type UpdateCommand = 'add' | 'add-first' | 'add-last' | 'delete' | 'modify';

export interface UpdateRequest {
  readonly command: UpdateCommand;
  readonly section: string;
  readonly xml: string;
  readonly parentIndex: number;
}

/** What a running network needs after the update: reread hosts files, or a new dnsmasq. */
export type LiveEffect = 'sighup' | 'restart-dnsmasq';

const fail = (kind: 'invalid-argument' | 'not-found' | 'conflict' | 'unsupported', msg: string) =>
  new VnmError(kind, msg);

function place<T>(list: readonly T[], item: T, command: UpdateCommand): T[] {
  return command === 'add-first' ? [item, ...list] : [...list, item];
}

/** libvirt's choice of <ip> when no parent index is given: the first one with DHCP. */
function pickIp(def: NetworkDef, parentIndex: number, what: string): number {
  if (parentIndex >= 0) {
    if (parentIndex >= def.ips.length) {
      throw fail(
        'not-found',
        `couldn't update ${what} - no <ip> element found at index ${parentIndex} in network '${def.name}'`,
      );
    }
    return parentIndex;
  }
  const withDhcp = def.ips.findIndex(
    (ip) => (ip.dhcp?.ranges.length ?? 0) + (ip.dhcp?.hosts.length ?? 0) > 0,
  );
  const firstV4 = def.ips.findIndex((ip) => ipFamily(ip) === 'ipv4');
  const index = withDhcp !== -1 ? withDhcp : firstV4 !== -1 ? firstV4 : def.ips.length > 0 ? 0 : -1;
  if (index === -1)
    throw fail('not-found', `couldn't update ${what} - network '${def.name}' has no <ip> element`);
  return index;
}

function withDhcp(def: NetworkDef, index: number, change: (dhcp: Dhcp) => Dhcp): NetworkDef {
  const ips = def.ips.map((ip, i): IpDef => {
    if (i !== index) return ip;
    return { ...ip, dhcp: change(ip.dhcp ?? { ranges: [], hosts: [] }) };
  });
  return { ...def, ips };
}

const HOST_KEYS = ['mac', 'id', 'name', 'ip'] as const;

function hostText(h: DhcpHost): string {
  return HOST_KEYS.filter((k) => h[k] !== undefined)
    .map((k) => `${k}='${h[k]}'`)
    .join(' ');
}

function updateDhcpHost(def: NetworkDef, req: UpdateRequest): NetworkDef {
  const host = parseDhcpHost(req.xml);
  const index = pickIp(def, req.parentIndex, 'dhcp host entry');
  const hosts = def.ips[index]?.dhcp?.hosts ?? [];
  const clash = (h: DhcpHost) =>
    (host.mac !== undefined && h.mac === host.mac) ||
    (host.id !== undefined && h.id === host.id) ||
    (host.ip !== undefined && h.ip === host.ip) ||
    (host.name !== undefined && h.name === host.name);
  if (req.command === 'delete') {
    const i = hosts.findIndex((h) =>
      ['mac', 'id', 'name', 'ip'].every((k) => {
        const want = host[k as keyof DhcpHost];
        return want === undefined || h[k as keyof DhcpHost] === want;
      }),
    );
    if (i === -1)
      throw fail(
        'not-found',
        `couldn't locate a matching dhcp host entry in network '${def.name}' (<host ${hostText(host)}/>)`,
      );
    return withDhcp(def, index, (d) => ({ ...d, hosts: hosts.filter((_, j) => j !== i) }));
  }
  if (req.command === 'modify') {
    const i = hosts.findIndex((h) =>
      host.mac ? h.mac === host.mac : host.id ? h.id === host.id : h.name === host.name,
    );
    if (i === -1)
      throw fail(
        'not-found',
        `couldn't locate an existing dhcp host entry with "${hostText(host)}" in network '${def.name}'`,
      );
    return withDhcp(def, index, (d) => ({ ...d, hosts: hosts.map((h, j) => (j === i ? host : h)) }));
  }
  if (hosts.some(clash)) {
    throw fail(
      'conflict',
      `there is an existing dhcp host entry in network '${def.name}' that matches "<host ${hostText(host)}/>"`,
    );
  }
  return withDhcp(def, index, (d) => ({ ...d, hosts: place(hosts, host, req.command) }));
}

function updateDhcpRange(def: NetworkDef, req: UpdateRequest): NetworkDef {
  const range = parseDhcpRange(req.xml);
  if (req.command === 'modify')
    throw fail('unsupported', 'dhcp ranges cannot be modified, only added or deleted');
  const index = pickIp(def, req.parentIndex, 'dhcp range');
  const ranges = def.ips[index]?.dhcp?.ranges ?? [];
  const i = ranges.findIndex((r) => r.start === range.start && r.end === range.end);
  const shown = `<range start='${range.start}' end='${range.end}'/>`;
  if (req.command === 'delete') {
    if (i === -1)
      throw fail(
        'not-found',
        `couldn't locate a matching dhcp range entry ${shown} in network '${def.name}'`,
      );
    return withDhcp(def, index, (d) => ({ ...d, ranges: ranges.filter((_, j) => j !== i) }));
  }
  if (i !== -1)
    throw fail(
      'conflict',
      `there is an existing dhcp range entry in network '${def.name}' that matches "${shown}"`,
    );
  return withDhcp(def, index, (d) => ({ ...d, ranges: place(ranges, range, req.command) }));
}

function dnsOf(def: NetworkDef): Dns {
  return def.dns ?? { forwarders: [], txts: [], hosts: [], srvs: [] };
}

function updateDnsList<T>(
  def: NetworkDef,
  req: UpdateRequest,
  key: 'hosts' | 'txts' | 'srvs',
  item: T,
  same: (a: T, b: T) => boolean,
  label: string,
): NetworkDef {
  if (req.command === 'modify')
    throw fail('unsupported', `DNS ${label} records cannot be modified, only added or deleted`);
  const dns = dnsOf(def);
  const list = dns[key] as readonly T[];
  const i = list.findIndex((x) => same(x, item));
  if (req.command === 'delete') {
    if (i === -1)
      throw fail('not-found', `couldn't locate a matching DNS ${label} record in network ${def.name}`);
    return { ...def, dns: { ...dns, [key]: list.filter((_, j) => j !== i) } };
  }
  if (i !== -1)
    throw fail(
      'conflict',
      `there is already at least one DNS ${label} record with a matching field in network ${def.name}`,
    );
  return { ...def, dns: { ...dns, [key]: place(list, item, req.command) } };
}

/** Applies one net-update command; returns the new definition and what a live network needs. */
export function applyUpdate(def: NetworkDef, req: UpdateRequest): { def: NetworkDef; effect: LiveEffect } {
  switch (req.section) {
    case 'ip-dhcp-host':
      return { def: updateDhcpHost(def, req), effect: 'sighup' };
    case 'ip-dhcp-range':
      return { def: updateDhcpRange(def, req), effect: 'restart-dnsmasq' };
    case 'dns-host': {
      const h = parseDnsHost(req.xml);
      const same = (a: typeof h, b: typeof h) =>
        a.ip === b.ip || (req.command !== 'delete' && a.hostnames.some((n) => b.hostnames.includes(n)));
      return { def: updateDnsList(def, req, 'hosts', h, same, 'HOST'), effect: 'sighup' };
    }
    case 'dns-txt': {
      const t = parseDnsTxt(req.xml);
      return {
        def: updateDnsList(def, req, 'txts', t, (a, b) => a.name === b.name, 'TXT'),
        effect: 'restart-dnsmasq',
      };
    }
    case 'dns-srv': {
      const s = parseDnsSrv(req.xml);
      const same = (a: typeof s, b: typeof s) =>
        a.service === b.service &&
        a.protocol === b.protocol &&
        a.domain === b.domain &&
        a.target === b.target;
      return { def: updateDnsList(def, req, 'srvs', s, same, 'SRV'), effect: 'restart-dnsmasq' };
    }
    default:
      throw fail(
        'unsupported',
        `net-update of section ${req.section} is not supported by vnm; edit the network with net-edit instead.`,
      );
  }
}
