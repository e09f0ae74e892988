/**
 * The Details sub-tab's editable fields as plain strings (what the text fields hold), read
 * from a NetworkDef and written back onto one. Writing back starts from the stored
 * definition and changes only what the form holds, so everything else in the XML (DNS,
 * routes, portgroups, a second <ip>, lease times...) survives an Apply unchanged.
 */
import type {
  DhcpHost,
  DhcpRange,
  Domain,
  Forward,
  IpDef,
  IpFamily,
  NetworkDef,
  NetworkKind,
} from '@shared/model/network';
import { ipFamily, networkKind } from '@shared/model/network';
import { canonicalIp } from '@shared/net/ip';
import { canonicalMac } from '@shared/net/mac';
import { effectivePrefix, prefixToNetmask } from '@shared/net/subnet';

/** The forward modes the Details sub-tab can switch between; others are edited as XML. */
export const EDITABLE_MODES = ['isolated', 'nat', 'route', 'open'] as const;

export interface HostDraft {
  /** Stable row key: `h<i>` for the stored host i, `n<i>` for a row added here. */
  readonly key: string;
  readonly mac: string;
  /** DHCPv6 client id (DUID). */
  readonly id: string;
  readonly name: string;
  readonly ip: string;
}

export interface IpDraft {
  /** Whether the network has an <ip> of this family. */
  readonly enabled: boolean;
  /** The host's address on the network (the guests' gateway). */
  readonly address: string;
  readonly prefix: string;
  readonly dhcp: boolean;
  readonly dhcpStart: string;
  readonly dhcpEnd: string;
  readonly hosts: readonly HostDraft[];
}

export interface DetailsDraft {
  readonly network: string;
  readonly autostart: boolean;
  readonly domain: string;
  readonly mtu: string;
  readonly forwardMode: NetworkKind;
  readonly forwardDev: string;
  readonly ipv4: IpDraft;
  readonly ipv6: IpDraft;
}

export const FAMILIES = ['ipv4', 'ipv6'] as const;

/** The first <ip> of a family: the one the form edits (virt-manager shows the first too). */
export function firstIpIndex(ips: readonly IpDef[], family: IpFamily): number {
  return ips.findIndex((ip) => ipFamily(ip) === family);
}

function ipDraftOf(ip: IpDef | undefined, family: IpFamily): IpDraft {
  const range = ip?.dhcp?.ranges[0];
  const prefix = ip ? effectivePrefix(ip) : family === 'ipv4' ? 24 : 64;
  return {
    enabled: ip !== undefined,
    address: ip?.address ?? '',
    prefix: prefix === undefined ? '' : String(prefix),
    dhcp: range !== undefined,
    dhcpStart: range?.start ?? '',
    dhcpEnd: range?.end ?? '',
    hosts: (ip?.dhcp?.hosts ?? []).map((h, i) => ({
      key: `h${i}`,
      mac: h.mac ?? '',
      id: h.id ?? '',
      name: h.name ?? '',
      ip: h.ip ?? '',
    })),
  };
}

export function draftFromDef(network: string, autostart: boolean, def: NetworkDef): DetailsDraft {
  const ipOf = (family: IpFamily) => def.ips[firstIpIndex(def.ips, family)];
  return {
    network,
    autostart,
    domain: def.domain?.name ?? '',
    mtu: def.mtu === undefined ? '' : String(def.mtu),
    forwardMode: networkKind(def),
    forwardDev: def.forward?.dev ?? '',
    ipv4: ipDraftOf(ipOf('ipv4'), 'ipv4'),
    ipv6: ipDraftOf(ipOf('ipv6'), 'ipv6'),
  };
}

/** True when two drafts hold the same values (row keys aside). */
export function sameDraft(a: DetailsDraft, b: DetailsDraft): boolean {
  const plain = (d: DetailsDraft) =>
    JSON.stringify({
      ...d,
      ipv4: { ...d.ipv4, hosts: d.ipv4.hosts.map(({ key: _k, ...h }) => h) },
      ipv6: { ...d.ipv6, hosts: d.ipv6.hosts.map(({ key: _k, ...h }) => h) },
    });
  return plain(a) === plain(b);
}

/** A key no row of `hosts` has. */
export function newHostKey(hosts: readonly HostDraft[]): string {
  let i = 0;
  while (hosts.some((h) => h.key === `n${i}`)) i++;
  return `n${i}`;
}

/**
 * Copies `value` under `key` unless it is empty (the model leaves absent attributes out),
 * spelled as the codec spells what it reads, so vnmd stores what the form sends.
 */
function optional<K extends string>(
  key: K,
  value: string,
  canonical: (v: string) => string = (v) => v,
): Partial<Record<K, string>> {
  const v = value.trim();
  return v ? ({ [key]: canonical(v) } as Record<K, string>) : {};
}

function domainOf(base: Domain | undefined, name: string): Domain | undefined {
  const n = name.trim();
  if (!n) return undefined;
  return base?.name === n ? base : { ...base, name: n };
}

function forwardOf(base: Forward | undefined, mode: NetworkKind, dev: string): Forward | undefined {
  if (mode === 'isolated') return undefined;
  const d = dev.trim();
  if (base && base.mode === mode && (base.dev ?? '') === d) return base;
  const { nat, dev: _dev, ...rest } = base ?? { interfaces: [], pf: [], addresses: [] };
  return {
    ...rest,
    mode,
    ...(d ? { dev: d } : {}),
    // A lone <forward dev> is a one-entry pool in libvirt's model (parse-forward.ts).
    interfaces: d ? [{ dev: d }] : [],
    ...(mode === 'nat' && nat ? { nat } : {}),
  };
}

function hostOf(row: HostDraft, stored: readonly DhcpHost[]): DhcpHost {
  const i = /^h(\d+)$/.exec(row.key)?.[1];
  const lease = i === undefined ? undefined : stored[Number(i)]?.lease;
  return {
    ...optional('mac', row.mac, canonicalMac),
    ...optional('id', row.id),
    ...optional('name', row.name),
    ...optional('ip', row.ip, canonicalIp),
    ...(lease ? { lease } : {}),
  };
}

/** The address attributes: the stored ones when unchanged, else netmask or prefix as before. */
function addressOf(base: IpDef | undefined, d: IpDraft, family: IpFamily): IpDef {
  const address = canonicalIp(d.address.trim());
  const prefix = Number(d.prefix.trim());
  const { netmask: _m, prefix: _p, address: _a, ...rest } = base ?? {};
  if (base && base.address === address && String(effectivePrefix(base)) === d.prefix.trim()) return base;
  const familyAttr = family === 'ipv6' ? { family } : {};
  const useNetmask =
    family === 'ipv4' && base?.netmask !== undefined && Number.isInteger(prefix) && prefix <= 32;
  return {
    ...familyAttr,
    ...rest,
    address,
    ...(useNetmask ? { netmask: prefixToNetmask(prefix) } : Number.isInteger(prefix) ? { prefix } : {}),
  };
}

function ipOf(base: IpDef | undefined, d: IpDraft, family: IpFamily): IpDef {
  const ip = addressOf(base, d, family);
  const stored = base?.dhcp;
  const ranges: DhcpRange[] = d.dhcp
    ? [
        {
          ...stored?.ranges[0],
          start: canonicalIp(d.dhcpStart.trim()),
          end: canonicalIp(d.dhcpEnd.trim()),
        },
        ...(stored?.ranges.slice(1) ?? []),
      ]
    : [];
  const hosts = d.hosts.map((h) => hostOf(h, stored?.hosts ?? []));
  const { dhcp: _dhcp, ...withoutDhcp } = ip;
  if (ranges.length === 0 && hosts.length === 0 && !stored?.bootp) return withoutDhcp;
  return { ...withoutDhcp, dhcp: { ...stored, ranges, hosts } };
}

/** One family's <ip> list: the first replaced, removed or added; the others kept. */
function ipsOf(ips: readonly IpDef[], d: IpDraft, family: IpFamily): IpDef[] {
  const at = firstIpIndex(ips, family);
  if (at < 0) {
    if (!d.enabled) return [...ips];
    return family === 'ipv4' ? [ipOf(undefined, d, family), ...ips] : [...ips, ipOf(undefined, d, family)];
  }
  const before = ips.slice(0, at);
  const after = ips.slice(at + 1);
  return d.enabled ? [...before, ipOf(ips[at], d, family), ...after] : [...before, ...after];
}

/** The <ip> the draft's section of `family` writes (whatever family its address turns out to be). */
export function draftIp(base: NetworkDef, d: IpDraft, family: IpFamily): IpDef {
  return ipOf(base.ips[firstIpIndex(base.ips, family)], d, family);
}

/** `base` with the draft's values in place of the ones the form edits. */
export function applyDraftToDef(base: NetworkDef, draft: DetailsDraft): NetworkDef {
  const mtu = draft.mtu.trim();
  const { domain: _d, mtu: _m, forward: _f, ...rest } = base;
  const domain = domainOf(base.domain, draft.domain);
  const forward = forwardOf(base.forward, draft.forwardMode, draft.forwardDev);
  return {
    ...rest,
    ...(forward ? { forward } : {}),
    ...(mtu ? { mtu: Number(mtu) } : {}),
    ...(domain ? { domain } : {}),
    ips: ipsOf(ipsOf(base.ips, draft.ipv4, 'ipv4'), draft.ipv6, 'ipv6'),
  };
}
