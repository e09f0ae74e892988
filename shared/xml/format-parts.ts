/** Writes <forward>, <dns>, <ip> and <route> as libvirt 9.0 does. */
import type { Dns, Forward, IpDef, Lease, RouteDef } from '../model/network';
import { forwardPool } from '../model/network';
import { canonicalIp } from '../net/ip';
import type { XmlWriter } from './xml-writer';

const ip = (v: string | undefined): string | undefined => (v === undefined ? undefined : canonicalIp(v));

function hasNatContent(fwd: Forward): boolean {
  const nat = fwd.nat;
  return fwd.mode === 'nat' && !!nat && (nat.addresses.length > 0 || !!nat.port || nat.ipv6 !== undefined);
}

function formatNat(w: XmlWriter, fwd: Forward): void {
  const nat = fwd.nat;
  if (!nat || !hasNatContent(fwd)) return;
  const address = nat.addresses[0];
  const port = nat.port && (nat.port.start || nat.port.end) ? nat.port : undefined;
  if (!address && !port) {
    w.empty('nat', [['ipv6', nat.ipv6]]);
    return;
  }
  w.block('nat', [['ipv6', nat.ipv6]], () => {
    if (address)
      w.empty('address', [
        ['start', ip(address.start)],
        ['end', ip(address.end)],
      ]);
    if (port)
      w.empty('port', [
        ['start', port.start],
        ['end', port.end || undefined],
      ]);
  });
}

export function formatForward(w: XmlWriter, fwd: Forward, live: boolean): void {
  const pool = forwardPool(fwd);
  const pf = fwd.pf[0];
  const list = [
    ['dev', pf ? undefined : pool[0]?.dev],
    ['mode', fwd.mode],
    ['managed', fwd.mode === 'hostdev' ? (fwd.managed === 'yes' ? 'yes' : 'no') : undefined],
  ] as const;
  const short = pool.length === 0 && !pf && fwd.addresses.length === 0 && !fwd.driver && !hasNatContent(fwd);
  if (short) {
    w.empty('forward', list);
    return;
  }
  w.block('forward', list, () => {
    if (fwd.driver) w.empty('driver', [['name', fwd.driver.name]]);
    formatNat(w, fwd);
    if (pf) w.empty('pf', [['dev', pf.dev]]);
    if (!pf || live) {
      for (const i of pool)
        w.empty('interface', [
          ['dev', i.dev],
          ['connections', live && i.connections ? i.connections : undefined],
        ]);
    }
    for (const a of fwd.addresses) {
      const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, '0')}`;
      // function is written '0x%d' by libvirt: a decimal digit after 0x (0-7, so the same).
      w.empty('address', [
        ['type', 'pci'],
        ['domain', hex(a.domain, 4)],
        ['bus', hex(a.bus, 2)],
        ['slot', hex(a.slot, 2)],
        ['function', `0x${a.function}`],
      ]);
    }
  });
}

export function formatDns(w: XmlWriter, dns: Dns | undefined): void {
  if (!dns) return;
  const records = dns.forwarders.length + dns.txts.length + dns.srvs.length + dns.hosts.length;
  if (!dns.enable && !dns.forwardPlainNames && records === 0) return;
  const list = [
    ['enable', dns.enable],
    ['forwardPlainNames', dns.forwardPlainNames],
  ] as const;
  if (records === 0) {
    w.empty('dns', list);
    return;
  }
  w.block('dns', list, () => {
    for (const f of dns.forwarders)
      w.empty('forwarder', [
        ['domain', f.domain],
        ['addr', ip(f.addr)],
        ['port', f.port],
      ]);
    for (const t of dns.txts)
      w.empty('txt', [
        ['name', t.name],
        ['value', t.value],
      ]);
    for (const s of dns.srvs) {
      const nz = (v: number | undefined): number | undefined => (v ? v : undefined);
      w.empty('srv', [
        ['service', s.service],
        ['protocol', s.protocol],
        ['domain', s.domain],
        ['target', s.target],
        ['port', nz(s.port)],
        ['priority', nz(s.priority)],
        ['weight', nz(s.weight)],
      ]);
    }
    for (const h of dns.hosts) {
      w.block('host', [['ip', ip(h.ip)]], () => {
        for (const name of h.hostnames) w.text('hostname', name);
      });
    }
  });
}

export function formatLeaseHolder(
  w: XmlWriter,
  name: string,
  list: readonly (readonly [string, string | undefined])[],
  lease: Lease | undefined,
): void {
  if (!lease) {
    w.empty(name, list);
    return;
  }
  w.block(name, list, () => {
    if (!lease.expiry) w.empty('lease', [['expiry', 0]]);
    else
      w.empty('lease', [
        ['expiry', lease.expiry],
        ['unit', lease.unit ?? 'minutes'],
      ]);
  });
}

export function formatIp(w: XmlWriter, def: IpDef): void {
  const list = [
    ['family', def.family],
    ['address', ip(def.address)],
    ['netmask', ip(def.netmask)],
    ['prefix', def.prefix ? def.prefix : undefined],
    ['localPtr', def.localPtr],
  ] as const;
  // libvirt 9.0 always writes <ip> as an open and a close tag, even with nothing inside.
  w.block('ip', list, () => {
    if (def.tftp) w.empty('tftp', [['root', def.tftp.root]]);
    const dhcp = def.dhcp;
    if (!dhcp || (dhcp.ranges.length === 0 && dhcp.hosts.length === 0)) return;
    w.block('dhcp', [], () => {
      for (const r of dhcp.ranges)
        formatLeaseHolder(
          w,
          'range',
          [
            ['start', ip(r.start)],
            ['end', ip(r.end)],
          ],
          r.lease,
        );
      for (const h of dhcp.hosts) {
        formatLeaseHolder(
          w,
          'host',
          [
            ['mac', h.mac],
            ['id', h.id],
            ['name', h.name],
            ['ip', ip(h.ip)],
          ],
          h.lease,
        );
      }
      if (dhcp.bootp)
        w.empty('bootp', [
          ['file', dhcp.bootp.file],
          ['server', ip(dhcp.bootp.server)],
        ]);
    });
  });
}

export function formatRoute(w: XmlWriter, r: RouteDef): void {
  w.empty('route', [
    ['family', r.family],
    ['address', ip(r.address)],
    ['netmask', ip(r.netmask)],
    ['prefix', r.prefix],
    ['gateway', ip(r.gateway)],
    ['metric', r.metric ? r.metric : undefined],
  ]);
}
