/**
 * Network links through iproute2's JSON output: list, create bridges, addresses, delete.
 * Names are checked before they reach `ip`, though `ip` gets argument arrays anyway.
 */
import { VnmError } from '../../../shared/rpc/errors';
import { run, runJson } from '../exec';
import { parseCidr } from '../../../shared/net/cidr';
import type { IpBatch } from './ip-batch';

/** One link as `ip -json -details link show` describes it, trimmed to what vnm uses. */
export interface LinkInfo {
  readonly name: string;
  readonly index: number;
  /** linkinfo.info_kind: 'bridge', 'veth', 'vlan', 'dummy', ... or null for plain devices. */
  readonly kind: string | null;
  /** 'ether', 'loopback', 'none', ... */
  readonly linkType: string;
  readonly mac: string | null;
  readonly mtu: number;
  /** operstate: 'UP', 'DOWN', 'UNKNOWN', 'LOWERLAYERDOWN', ... */
  readonly state: string;
  readonly flags: readonly string[];
  /** The bridge (or bond) this link is a port of. */
  readonly master: string | null;
  /** Present for bridges. */
  readonly bridge?: { readonly stp: boolean; readonly forwardDelayCs: number };
}

export interface RawLink {
  ifindex: number;
  ifname: string;
  flags?: string[];
  mtu: number;
  operstate?: string;
  link_type?: string;
  address?: string;
  master?: string;
  linkinfo?: { info_kind?: string; info_data?: { stp_state?: number; forward_delay?: number } };
}

export interface BridgeOptions {
  readonly name: string;
  readonly mac?: string;
  readonly mtu?: number;
  readonly stp: boolean;
  /** Forward delay in centiseconds (libvirt's delay in seconds × 100). */
  readonly delayCs?: number;
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** Throws unless `name` is a name the kernel accepts for an interface. */
export function assertLinkName(name: string, what = 'interface name'): void {
  const bad =
    name.length === 0 ||
    Buffer.byteLength(name) > 15 ||
    name === '.' ||
    name === '..' ||
    // eslint-disable-next-line no-control-regex
    /[/:\s\x00-\x1f\x7f"'\\]/.test(name);
  if (bad) {
    throw new VnmError(
      'invalid-argument',
      `The ${what} '${name}' is not valid: use 1 to 15 characters without '/', ':', quotes or spaces.`,
    );
  }
}

export function toLinkInfo(raw: RawLink): LinkInfo {
  const kind = raw.linkinfo?.info_kind ?? null;
  const data = raw.linkinfo?.info_data;
  const base: LinkInfo = {
    name: raw.ifname,
    index: raw.ifindex,
    kind,
    linkType: raw.link_type ?? 'none',
    mac: raw.address && MAC_RE.test(raw.address) ? raw.address : null,
    mtu: raw.mtu,
    state: raw.operstate ?? 'UNKNOWN',
    flags: raw.flags ?? [],
    master: raw.master ?? null,
  };
  if (kind !== 'bridge') return base;
  return { ...base, bridge: { stp: data?.stp_state === 1, forwardDelayCs: data?.forward_delay ?? 0 } };
}

/** Every link of this network namespace. */
export async function listLinks(): Promise<LinkInfo[]> {
  const raw = await runJson<RawLink[] | null>('ip', ['-json', '-details', 'link', 'show']);
  return (raw ?? []).map(toLinkInfo);
}

/** One link, or null when there is none of that name. */
export async function getLink(name: string): Promise<LinkInfo | null> {
  assertLinkName(name);
  const links = await listLinks();
  return links.find((l) => l.name === name) ?? null;
}

export async function linkExists(name: string): Promise<boolean> {
  return (await getLink(name)) !== null;
}

function checkBridgeOptions(opts: BridgeOptions): void {
  assertLinkName(opts.name, 'bridge name');
  if (opts.mac !== undefined && !MAC_RE.test(opts.mac)) {
    throw new VnmError(
      'invalid-argument',
      `The MAC address '${opts.mac}' is not valid: write it as 52:54:00:xx:xx:xx.`,
    );
  }
  if (opts.mtu !== undefined && (!Number.isInteger(opts.mtu) || opts.mtu < 68 || opts.mtu > 65535)) {
    throw new VnmError(
      'invalid-argument',
      `The MTU ${opts.mtu} is not valid: use a whole number from 68 to 65535.`,
    );
  }
  if (opts.delayCs !== undefined && (!Number.isInteger(opts.delayCs) || opts.delayCs < 0)) {
    throw new VnmError('invalid-argument', `The bridge delay ${opts.delayCs} is not valid: use 0 or more.`);
  }
}

/**
 * Creates a bridge, down, with the MAC, MTU, STP and forward delay asked for. Either the
 * bridge is there with all of them, or it is not there at all.
 */
export async function createBridge(ip: IpBatch, opts: BridgeOptions): Promise<void> {
  checkBridgeOptions(opts);
  const args = ['link', 'add', 'name', opts.name];
  if (opts.mac !== undefined) args.push('address', opts.mac);
  args.push('type', 'bridge');
  // The delay goes before stp_state, as libvirt sets it: the kernel raises a delay below 2 s
  // to 2 s once STP runs, but keeps 0 for a bridge without STP.
  if (opts.delayCs !== undefined) args.push('forward_delay', String(opts.delayCs));
  args.push('stp_state', opts.stp ? '1' : '0');
  await ip.run([args]);
  if (opts.mtu === undefined) return;
  try {
    // Set after creation, as libvirt does: only an MTU set on an existing bridge counts as
    // chosen by the user, and the kernel then keeps it when ports with another MTU join.
    await ip.run([['link', 'set', 'dev', opts.name, 'mtu', String(opts.mtu)]]);
  } catch (e) {
    await ip.run([['link', 'del', 'dev', opts.name]]).catch(() => undefined);
    throw e;
  }
}

/** Deletes a link (and, for a veth, its peer). */
export async function deleteLink(ip: IpBatch, name: string): Promise<void> {
  assertLinkName(name);
  await ip.run([['link', 'del', 'dev', name]]);
}

export async function setLinkUp(name: string): Promise<void> {
  assertLinkName(name);
  await run('ip', ['link', 'set', 'dev', name, 'up']);
}

export async function setLinkDown(name: string): Promise<void> {
  assertLinkName(name);
  await run('ip', ['link', 'set', 'dev', name, 'down']);
}

/**
 * Adds `cidr` (an address with its prefix, e.g. 192.168.122.1/24) to `dev`. IPv4 gets its
 * broadcast address as libvirt sets it; IPv6 gets `nodad` so the address is usable at once
 * instead of after duplicate address detection.
 */
export async function addAddress(dev: string, cidr: string): Promise<void> {
  assertLinkName(dev);
  const family = parseCidr(cidr, 'address').family;
  const args =
    family === 4
      ? ['-4', 'addr', 'add', cidr, 'brd', '+', 'dev', dev]
      : ['-6', 'addr', 'add', cidr, 'dev', dev, 'nodad'];
  await run('ip', args);
}

export async function deleteAddress(dev: string, cidr: string): Promise<void> {
  assertLinkName(dev);
  parseCidr(cidr, 'address');
  await run('ip', ['addr', 'del', cidr, 'dev', dev]);
}

/** Names of the links enslaved to `bridge`. */
export async function bridgePorts(bridge: string): Promise<string[]> {
  assertLinkName(bridge, 'bridge name');
  const raw = await runJson<RawLink[] | null>('ip', ['-json', 'link', 'show', 'master', bridge]);
  return (raw ?? []).map((l) => l.ifname);
}
