/**
 * Checks libvirt makes only when a network starts (define accepted these), plus what vnm
 * itself cannot run on this host. vnmd calls this before touching the host.
 */
import type { NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';
import { parseIp } from '../net/ip';
import { parseMac } from '../net/mac';
import { effectivePrefix, netmaskToPrefix, reverseZone } from '../net/subnet';
import { Findings } from './issues';
import type { ValidationError } from './issues';

/** Linux's IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_BRIDGE_NAME_LENGTH = 15;

export function validateForStart(def: NetworkDef): ValidationError[] {
  const f = new Findings(def.name);
  const kind = networkKind(def);
  if (isManagedBridgeKind(kind)) {
    checkBridge(f, def);
    checkAddresses(f, def);
  }
  if (def.mtu !== undefined && def.mtu !== 0 && (def.mtu < 68 || def.mtu > 65535)) {
    f.add('network/mtu', `MTU ${def.mtu} of network '${def.name}' is out of range: use 68 to 65535.`);
  }
  checkRunnable(f, def);
  return f.list;
}

/** The first reason Linux would refuse a bridge name, or undefined. */
export function bridgeNameProblem(name: string): string | undefined {
  if (name.length > MAX_BRIDGE_NAME_LENGTH) {
    return `the name is ${name.length} characters long, Linux allows at most ${MAX_BRIDGE_NAME_LENGTH} (Numerical result out of range)`;
  }
  if (name === '.' || name === '..' || /[/:\s]/.test(name)) {
    return "Linux interface names cannot be '.' or '..' or contain '/', ':' or blanks";
  }
  return undefined;
}

function checkBridge(f: Findings, def: NetworkDef): void {
  const name = def.bridge?.name;
  const problem = name === undefined ? undefined : bridgeNameProblem(name);
  if (name !== undefined && problem) {
    f.add(
      'network/bridge',
      `error creating bridge interface ${name}: ${problem}; choose a shorter name such as virbr10.`,
    );
  }
  // libvirt accepts it at define; Linux refuses it when the bridge's MAC is set at start.
  const mac = def.mac === undefined ? undefined : parseMac(def.mac);
  if (mac && mac.every((b) => b === 0)) {
    f.add(
      'network/mac',
      `Cannot set interface MAC to 00:00:00:00:00:00 on '${name ?? 'the bridge'}': Cannot assign requested address; give <mac address> another value, or leave <mac> out to have one generated.`,
    );
  }
  if (def.bridge?.zone) {
    f.unsupported(
      'network/bridge',
      `zone ${def.bridge.zone} requested for network ${def.name} but firewalld is not active: vnm uses its own nftables rules, so remove the zone attribute.`,
    );
  }
}

function checkAddresses(f: Findings, def: NetworkDef): void {
  const bridge = def.bridge?.name ?? 'the bridge';
  for (const ip of def.ips) {
    if (ip.netmask !== undefined && netmaskToPrefix(ip.netmask) === undefined) {
      f.add(
        'network/ip',
        `Invalid prefix or netmask for '${bridge}': netmask ${ip.netmask} is not contiguous; use one such as 255.255.255.0.`,
      );
      continue;
    }
    const addr = ip.address === undefined ? undefined : parseIp(ip.address);
    const prefix = effectivePrefix(ip);
    if (ip.localPtr !== 'yes' || !addr || prefix === undefined) continue;
    if (!reverseZone({ address: addr, prefix })) {
      const family = addr.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
      const step = family === 'IPv4' ? 8 : 4;
      f.add(
        'network/ip',
        `PTR domain for ${family} network with prefix ${prefix} cannot be automatically created: use a prefix that is a multiple of ${step} or localPtr='no'.`,
      );
    }
  }
}

/** Modes that need hardware or kernel features vnm does not drive (SR-IOV, macvtap, OVS). */
function checkRunnable(f: Findings, def: NetworkDef): void {
  const fwd = def.forward;
  if (!fwd) return;
  const n = def.name;
  if (fwd.mode === 'hostdev' || fwd.mode === 'passthrough' || fwd.mode === 'private' || fwd.mode === 'vepa') {
    f.unsupported(
      'network/forward',
      `network '${n}' uses forward mode='${fwd.mode}' (macvtap or SR-IOV devices), which vnm can define but not start on this host.`,
    );
  } else if (fwd.mode === 'bridge') {
    if (def.virtualport?.type === 'openvswitch' && !def.ovn) {
      // An OVN network (<vnm:ovn>) runs on OVN's integration bridge; a bare OVS bridge does not.
      f.unsupported(
        'network/virtualport',
        `network '${n}' uses an Open vSwitch bridge, which vnm can define but not start on this host; to run it on OVN, add vnm's <vnm:ovn> settings to its <metadata>.`,
      );
    } else if (!def.bridge?.name && (fwd.interfaces.length > 0 || fwd.dev)) {
      f.unsupported(
        'network/forward',
        `network '${n}' connects guests through macvtap on '${fwd.interfaces[0]?.dev ?? fwd.dev}', which vnm can define but not start on this host; use <bridge name='...'/> with an existing host bridge instead.`,
      );
    } else if (!def.bridge?.name) {
      f.add(
        'network/bridge',
        `network '${n}' has forward mode='bridge' but neither a <bridge name='...'/> nor a forward dev: name the host bridge to use.`,
      );
    }
  }
}
