/**
 * Facts about the host for the Overview tab and host.info / host.interfaces: versions,
 * forwarding state, and the interfaces with their addresses and bridge membership.
 */
import { hostname, release } from 'node:os';
import type { HostInterface } from '../../../shared/rpc/contract';
import { toLinkInfo, type RawLink } from '../bridge/links';
import { ipv4ForwardingEnabled, ipv6ForwardingEnabled } from '../bridge/sysctl';
import { run, runJson } from '../exec';
import { throttled } from './throttle';

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

/** How long a missing program's absence is believed before it is looked for again. */
const ABSENT_RECHECK_MS = 60_000;

/**
 * Versions of installed programs cannot change while vnmd runs (an upgrade restarts it), so
 * each is asked once; callers during the first probe share it. "Not installed" is asked
 * again after a minute, in case it is installed meanwhile.
 */
function cachedVersion(cmd: string): () => Promise<string | null> {
  let known: Promise<string | null> | null = null;
  let absentSince = 0;
  return () => {
    if (known && absentSince && Date.now() - absentSince >= ABSENT_RECHECK_MS) known = null;
    known ??= versionOf(cmd, '--version').then((v) => {
      absentSince = v === null ? Date.now() : 0;
      return v;
    });
    return known;
  };
}

const dnsmasqVersion = cachedVersion('dnsmasq');
const nftVersion = cachedVersion('nft');

export async function hostInfo(): Promise<HostFacts> {
  const [dnsmasqVersion_, nftVersion_, ipv4Forwarding, ipv6Forwarding] = await Promise.all([
    dnsmasqVersion(),
    nftVersion(),
    ipv4ForwardingEnabled().catch(() => false),
    ipv6ForwardingEnabled(),
  ]);
  return {
    hostname: hostname(),
    kernel: release(),
    dnsmasqVersion: dnsmasqVersion_,
    nftVersion: nftVersion_,
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

/** How often host.interfaces and host.propose may run `ip` at most (anyone may call them). */
export const HOST_READ_INTERVAL_MS = 200;

/** Every interface of the host with its addresses, from `ip -json -details addr show`. */
export const hostInterfaces = throttled(async (): Promise<HostInterface[]> => {
  const raw = await runJson<RawAddrLink[] | null>('ip', ['-json', '-details', 'addr', 'show']);
  return (raw ?? []).map(toHostInterface);
}, HOST_READ_INTERVAL_MS);
