/**
 * Facts about the host for the Overview tab and host.info / host.interfaces: versions,
 * forwarding state, and the interfaces with their addresses and bridge membership.
 */
import { hostname, release } from 'node:os';
import type { HostInterface } from '../../../shared/rpc/contract';
import { toLinkInfo, type RawLink } from '../bridge/links';
import { ipv4ForwardingEnabled, ipv6ForwardingEnabled } from '../bridge/sysctl';
import { run, runJson } from '../exec';

/** What vnmd can tell about the host by itself; the driver adds its own fields to HostInfo. */
export interface HostFacts {
  readonly hostname: string;
  readonly kernel: string;
  readonly dnsmasqVersion: string | null;
  readonly nftVersion: string | null;
  readonly firewallBackend: 'nftables';
  readonly ipv4Forwarding: boolean;
  readonly ipv6Forwarding: boolean;
}

/** The version a program prints with `flag`, as the first `\d+.\d+...` of its output; null if absent. */
async function versionOf(cmd: string, flag: string): Promise<string | null> {
  try {
    const { stdout } = await run(cmd, [flag], { timeoutMs: 5_000 });
    return /(\d+\.\d+(?:\.\d+)*)/.exec(stdout)?.[1] ?? null;
  } catch {
    return null;
  }
}

export async function hostInfo(): Promise<HostFacts> {
  const [dnsmasqVersion, nftVersion, ipv4Forwarding, ipv6Forwarding] = await Promise.all([
    versionOf('dnsmasq', '--version'),
    versionOf('nft', '--version'),
    ipv4ForwardingEnabled().catch(() => false),
    ipv6ForwardingEnabled(),
  ]);
  return {
    hostname: hostname(),
    kernel: release(),
    dnsmasqVersion,
    nftVersion,
    firewallBackend: 'nftables',
    ipv4Forwarding,
    ipv6Forwarding,
  };
}

interface RawAddrLink extends RawLink {
  addr_info?: { local?: string; prefixlen?: number }[];
}

/** The type virt-manager would show: the link kind, else 'ethernet' for plain Ethernet devices. */
function typeOf(kind: string | null, linkType: string): string {
  if (kind) return kind;
  if (linkType === 'ether') return 'ethernet';
  return linkType;
}

export function toHostInterface(raw: RawAddrLink): HostInterface {
  const link = toLinkInfo(raw);
  return {
    name: link.name,
    type: typeOf(link.kind, link.linkType),
    mac: link.mac,
    state: link.state.toLowerCase(),
    addresses: (raw.addr_info ?? [])
      .filter((a) => a.local !== undefined && a.prefixlen !== undefined)
      .map((a) => `${a.local}/${a.prefixlen}`),
    mtu: link.mtu,
    master: link.master,
  };
}

/** Every interface of the host with its addresses, from `ip -json -details addr show`. */
export async function hostInterfaces(): Promise<HostInterface[]> {
  const raw = await runJson<RawAddrLink[] | null>('ip', ['-json', '-details', 'addr', 'show']);
  return (raw ?? []).map(toHostInterface);
}
