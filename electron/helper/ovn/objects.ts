/**
 * The northbound objects of one OVN network, as ovn-nbctl argument lists (pure, so tests read
 * them): the logical switch with its DHCP_Options, and for nat and routed a logical router on
 * a gateway chassis. Every row vnm creates carries external_ids vnm-network and vnm-uuid, so
 * vnm finds and removes exactly its own, and nothing of anyone else's in the same database.
 */
import { createHash } from 'node:crypto';
import type { OvnSettings } from '../../../shared/model/ovn';
import { ovnGuestMtu, ovnSwitchName } from '../../../shared/model/ovn';
import {
  compareIp,
  firstHost,
  formatIp,
  fromBigInt,
  lastHost,
  parseCidr,
  parseIp,
  toBigInt,
} from '../../../shared/net';
import { ovsdbString } from './nbctl';

export interface OvnNetworkRef {
  readonly name: string;
  readonly uuid: string;
  readonly ovn: OvnSettings;
  /** The host whose vnmd creates the rows (external_ids vnm-host), to tell its leftovers from another host's network. */
  readonly host?: string;
}

/** Rows of these tables may carry vnm's tags; roots first, as removal needs them. */
export const TAGGED_ROOTS = ['Logical_Switch', 'Logical_Router', 'DHCP_Options'] as const;

export function tags(ref: Pick<OvnNetworkRef, 'name' | 'uuid'>): string[] {
  return [
    `external_ids:vnm-network=${ovsdbString(ref.name)}`,
    `external_ids:vnm-uuid=${ovsdbString(ref.uuid)}`,
  ];
}

/** The tags a new row gets: the network's, and the creating host's when known. */
function createTags(ref: Pick<OvnNetworkRef, 'name' | 'uuid' | 'host'>): string[] {
  return ref.host ? [...tags(ref), `external_ids:vnm-host=${ovsdbString(ref.host)}`] : tags(ref);
}

/** A locally administered MAC that stays the same for one network and role. */
export function stableMac(uuid: string, role: string): string {
  const h = createHash('sha256').update(`${uuid}/${role}`).digest();
  return ['0a', ...[...h.subarray(0, 5)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

export function gatewayOf(ovn: OvnSettings): string {
  const subnet = parseCidr(ovn.subnet)!;
  return ovn.gateway ?? formatIp(firstHost(subnet));
}

/** exclude_ips for OVN's IPAM: every host address outside the DHCP range, and the gateway. */
export function excludeIps(ovn: OvnSettings): string {
  const subnet = parseCidr(ovn.subnet)!;
  const dhcp = ovn.dhcp!;
  const [first, last] = [toBigInt(firstHost(subnet)), toBigInt(lastHost(subnet))];
  const [start, end] = [toBigInt(parseIp(dhcp.start)!), toBigInt(parseIp(dhcp.end)!)];
  const ip = (v: bigint) => formatIp(fromBigInt(v, 'ipv4'));
  const span = (a: bigint, b: bigint) => (a === b ? ip(a) : `${ip(a)}..${ip(b)}`);
  const out: string[] = [];
  if (start > first) out.push(span(first, start - 1n));
  if (end < last) out.push(span(end + 1n, last));
  const gw = parseIp(gatewayOf(ovn))!;
  if (compareIp(gw, parseIp(dhcp.start)!) >= 0 && compareIp(gw, parseIp(dhcp.end)!) <= 0)
    out.push(formatIp(gw));
  return out.join(' ');
}

function prefixOf(cidr: string): number {
  return parseCidr(cidr)!.prefix;
}

/** One transaction: the DHCP_Options (when DHCP is on) and the logical switch. */
export function switchCommands(ref: OvnNetworkRef): string[] {
  const { ovn } = ref;
  const t = createTags(ref);
  const gw = gatewayOf(ovn);
  const args: string[] = [];
  if (ovn.dhcp) {
    const d = ovn.dhcp;
    const opts = [
      `options:server_id=${ovsdbString(gw)}`,
      `options:server_mac=${ovsdbString(stableMac(ref.uuid, 'dhcp'))}`,
      `options:lease_time=${ovsdbString(String(d.leaseTime ?? 3600))}`,
      `options:mtu=${ovsdbString(String(ovnGuestMtu(ovn)))}`,
    ];
    if (ovn.mode !== 'isolated') opts.push(`options:router=${ovsdbString(gw)}`);
    if (d.dns.length > 0) opts.push(`options:dns_server=${ovsdbString(`{${d.dns.join(', ')}}`)}`);
    if (d.domain) opts.push(`options:domain_name=${ovsdbString(JSON.stringify(d.domain))}`);
    args.push('--', '--id=@dhcp', 'create', 'DHCP_Options', `cidr=${ovsdbString(ovn.subnet)}`, ...opts, ...t);
  }
  const config = ovn.dhcp
    ? [
        `other_config:subnet=${ovsdbString(ovn.subnet)}`,
        `other_config:exclude_ips=${ovsdbString(excludeIps(ovn))}`,
      ]
    : [];
  args.push(
    '--',
    'create',
    'Logical_Switch',
    `name=${ovsdbString(ovnSwitchName(ref.name, ovn))}`,
    ...config,
    ...t,
  );
  return args;
}

/** Names of the router's rows, derived from the network's name. */
export function routerNames(networkName: string) {
  const base = `vnm-${networkName}`;
  return {
    router: `${base}-router`,
    innerPort: `${base}-lrp`,
    outerPort: `${base}-lrp-uplink`,
    switchPort: `${base}-rp`,
    uplinkSwitch: `${base}-uplink`,
    localnet: `${base}-ln`,
    uplinkRouterPort: `${base}-uplink-rp`,
  };
}

/** One transaction: router, its two ports (the outer one on the gateway chassis), SNAT, default route, uplink switch. */
export function routerCommands(ref: OvnNetworkRef): string[] {
  const { ovn } = ref;
  const u = ovn.uplink!;
  const t = createTags(ref);
  const n = routerNames(ref.name);
  const s = ovsdbString;
  const gw = gatewayOf(ovn);
  const args = [
    '--',
    '--id=@lrpi',
    'create',
    'Logical_Router_Port',
    `name=${s(n.innerPort)}`,
    `mac=${s(stableMac(ref.uuid, 'router-inner'))}`,
    `networks=${s(`${gw}/${prefixOf(ovn.subnet)}`)}`,
    ...t,
    '--',
    '--id=@gc',
    'create',
    'Gateway_Chassis',
    `name=${s(`${n.outerPort}-${u.chassis}`)}`,
    `chassis_name=${s(u.chassis)}`,
    'priority=20',
    ...t,
    '--',
    '--id=@lrpe',
    'create',
    'Logical_Router_Port',
    `name=${s(n.outerPort)}`,
    `mac=${s(stableMac(ref.uuid, 'router-outer'))}`,
    `networks=${s(u.address)}`,
    'gateway_chassis=[@gc]',
    ...t,
    '--',
    '--id=@route',
    'create',
    'Logical_Router_Static_Route',
    `ip_prefix=${s('0.0.0.0/0')}`,
    `nexthop=${s(u.nexthop)}`,
    ...t,
  ];
  let nat = '';
  if (ovn.mode === 'nat') {
    const external = u.address.slice(0, u.address.indexOf('/'));
    args.push(
      '--',
      '--id=@nat',
      'create',
      'NAT',
      'type=snat',
      `external_ip=${s(external)}`,
      `logical_ip=${s(ovn.subnet)}`,
      ...t,
    );
    nat = 'nat=[@nat]';
  }
  args.push(
    '--',
    'create',
    'Logical_Router',
    `name=${s(n.router)}`,
    'ports=[@lrpi,@lrpe]',
    'static_routes=[@route]',
    ...(nat ? [nat] : []),
    ...t,
  );
  args.push(
    '--',
    '--id=@rsp',
    'create',
    'Logical_Switch_Port',
    `name=${s(n.switchPort)}`,
    'type=router',
    'addresses=router',
    `options:router-port=${s(n.innerPort)}`,
    ...t,
    '--',
    'add',
    'Logical_Switch',
    ovnSwitchName(ref.name, ovn),
    'ports',
    '@rsp',
    '--',
    '--id=@ln',
    'create',
    'Logical_Switch_Port',
    `name=${s(n.localnet)}`,
    'type=localnet',
    'addresses=unknown',
    `options:network_name=${s(u.physnet)}`,
    ...t,
    '--',
    '--id=@urp',
    'create',
    'Logical_Switch_Port',
    `name=${s(n.uplinkRouterPort)}`,
    'type=router',
    'addresses=router',
    `options:router-port=${s(n.outerPort)}`,
    ...t,
    '--',
    'create',
    'Logical_Switch',
    `name=${s(n.uplinkSwitch)}`,
    'ports=[@ln,@urp]',
    ...t,
  );
  return args;
}
