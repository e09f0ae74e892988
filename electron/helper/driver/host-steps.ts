/**
 * The host-changing steps of a start, each a small function over the host layer, so the
 * start pipeline reads as libvirt's order and each step registers its own undo.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { ipFamily, networkKind } from '../../../shared/model/network';
import { libvirtPrefix } from '../../../shared/net/subnet';
import { VnmError } from '../../../shared/rpc/errors';
import { assertLinkName, createBridge, deleteLink } from '../bridge/links';
import { parseCidr } from '../../../shared/net/cidr';
import { enableIpv4Forwarding, enableIpv6Forwarding, setBridgeIpv6 } from '../bridge/sysctl';
import type { IpBatch } from '../bridge/ip-batch';
import type { Firewall, FirewallPlan } from '../firewall';
import type { Revert } from '../revert';
import { addDockerAccepts, listChains } from '../coexist/docker-user';
import { addInputAccepts } from '../coexist/input-accepts';
import { linkNames } from '../bridge/proc-net';
import { shapingPlan } from '../shaping/bandwidth-plan';
import { applyShaping, removeShaping } from '../shaping/shaping';

/** Each <ip> with an address, as ADDRESS/PREFIX. */
export function addressCidrs(def: NetworkDef): { cidr: string; family: 'ipv4' | 'ipv6' }[] {
  return def.ips
    .filter((ip) => ip.address !== undefined)
    .map((ip) => ({ cidr: `${ip.address}/${libvirtPrefix(ip)}`, family: ipFamily(ip) }));
}

export function hasIpv6(def: NetworkDef): boolean {
  return addressCidrs(def).some((a) => a.family === 'ipv6');
}

function bridgeTaken(bridge: string): VnmError {
  return new VnmError(
    'conflict',
    `Bridge name '${bridge}' is already in use by an interface on this host; choose another <bridge name> or remove that interface.`,
  );
}

export async function checkBridgeFree(bridge: string): Promise<void> {
  if ((await linkNames()).has(bridge)) throw bridgeTaken(bridge);
}

export async function createNetworkBridge(
  ip: IpBatch,
  def: NetworkDef,
  bridge: string,
  r: Revert,
): Promise<void> {
  try {
    await createBridge(ip, {
      name: bridge,
      mac: def.mac,
      mtu: def.mtu,
      stp: def.bridge?.stp !== 'no',
      delayCs: (def.bridge?.delay ?? 0) * 100,
    });
  } catch (err) {
    // Someone made an interface of that name since the check: not ours to delete.
    if (err instanceof VnmError && /File exists/.test(err.message)) throw bridgeTaken(bridge);
    throw err;
  }
  r.add(() => deleteLink(ip, bridge), `delete bridge ${bridge}`);
}

export async function configureIpv6(def: NetworkDef, bridge: string, r: Revert): Promise<void> {
  const undo = await setBridgeIpv6(bridge, hasIpv6(def) || def.ipv6 === 'yes');
  r.add(undo, `restore IPv6 settings of ${bridge}`);
}

/**
 * Addresses, link up and static routes through the driver's long-lived ip (bridge/ip-batch.ts):
 * all of them go away with the bridge, so the bridge's undo covers them.
 */
export async function addressesUpAndRoutes(ip: IpBatch, def: NetworkDef, bridge: string): Promise<string[]> {
  assertLinkName(bridge, 'bridge name');
  const commands: string[][] = [];
  for (const { cidr, family } of addressCidrs(def)) {
    parseCidr(cidr, 'address');
    commands.push(
      family === 'ipv4'
        ? ['addr', 'add', cidr, 'brd', '+', 'dev', bridge]
        : ['addr', 'add', cidr, 'dev', bridge, 'nodad'],
    );
  }
  commands.push(['link', 'set', 'dev', bridge, 'up']);
  const routes = def.routes.map((route) => {
    const dst = `${route.address}/${libvirtPrefix(route)}`;
    parseCidr(dst, 'route');
    parseCidr(`${route.gateway}/${route.gateway.includes(':') ? 128 : 32}`, 'route gateway');
    return [
      dst,
      'via',
      route.gateway,
      'dev',
      bridge,
      ...(route.metric !== undefined ? ['metric', String(route.metric)] : []),
    ];
  });
  commands.push(...routes.map((r) => ['route', 'add', ...r]));
  await ip.run(commands);
  return routes.map((r) => r.join(' '));
}

/** Forwarding for networks that forward, as libvirt: never lowered again on destroy. */
export async function enableForwarding(def: NetworkDef, r: Revert): Promise<void> {
  const kind = networkKind(def);
  if (kind === 'isolated') return;
  const families = new Set(addressCidrs(def).map((a) => a.family));
  if (families.has('ipv4')) r.add(await enableIpv4Forwarding(), 'restore net.ipv4.ip_forward');
  if (families.has('ipv6')) r.add(await enableIpv6Forwarding(), 'restore net.ipv6.conf.all.forwarding');
}

export function firewallPlan(def: NetworkDef, bridge: string): FirewallPlan | null {
  const kind = networkKind(def);
  if (kind !== 'nat' && kind !== 'route' && kind !== 'isolated') return null;
  const cidrs = addressCidrs(def);
  const nat = def.forward?.nat;
  const range = nat?.addresses[0];
  return {
    network: def.name,
    bridge,
    mode: kind,
    ipv4: cidrs.filter((c) => c.family === 'ipv4').map((c) => ({ subnet: c.cidr })),
    ipv6: cidrs.filter((c) => c.family === 'ipv6').map((c) => ({ subnet: c.cidr })),
    ...(def.forward?.dev ? { forwardDev: def.forward.dev } : {}),
    ...(kind === 'nat'
      ? {
          nat: {
            addressStart: range?.start,
            addressEnd: range?.end,
            portStart: nat?.port?.start,
            portEnd: nat?.port?.end,
            ipv6: nat?.ipv6 === 'yes',
          },
          ...(def.forwards ? { forwards: def.forwards } : {}),
        }
      : {}),
    ...(def.ips.some((ip) => ip.tftp && ipFamily(ip) === 'ipv4') ? { tftp: true } : {}),
  };
}

export async function installFirewall(
  firewall: Firewall,
  def: NetworkDef,
  bridge: string,
  r: Revert,
): Promise<boolean> {
  const plan = firewallPlan(def, bridge);
  if (!plan) return false;
  await firewall.applyNetworkRules(plan);
  r.add(() => firewall.removeNetworkRules(def.name), `remove the firewall rules of ${def.name}`);
  const chains = await listChains();
  const undoDocker = await addDockerAccepts(plan, chains);
  if (undoDocker) r.add(undoDocker, `remove the DOCKER-USER/FORWARD accepts of ${def.name}`);
  const undoInput = await addInputAccepts(plan, chains);
  if (undoInput) r.add(undoInput, `remove the INPUT accepts of ${def.name}`);
  return true;
}

/**
 * <bandwidth> with tc (shaping/): after the bridge is up, as libvirt. Returns the ifb device
 * made for the outbound limit, recorded so destroy deletes it; the bridge's own qdiscs go
 * with the bridge, but the undo removes them too, so a revert leaves nothing either way.
 */
export async function shapeTraffic(
  ip: IpBatch,
  def: NetworkDef,
  bridge: string,
  r: Revert,
): Promise<string | null> {
  const plan = shapingPlan(def.bandwidth, bridge);
  if (!plan) return null;
  await applyShaping(ip, plan, bridge);
  const ifb = plan.outbound?.ifb ?? null;
  r.add(() => removeShaping(ip, bridge, ifb), `remove the traffic shaping of ${bridge}`);
  return ifb;
}
