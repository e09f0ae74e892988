/**
 * Kernel tunables under /proc/sys/net, read and written as files (they are per network
 * namespace: a vnmd inside a namespace sees that namespace's values). Every write returns
 * the undo that puts the previous value back, for the revert stack of a start.
 *
 * libvirt never lowers forwarding again when a network stops (other networks may need
 * it), so callers use the forwarding undos only to revert a failed start.
 */
// Sync on purpose: /proc/sys never waits on a disk, and a trip through libuv's thread pool
// costs milliseconds on a busy host, three times per sysctl of a start.
import { readFileSync, writeFileSync } from 'node:fs';
import { VnmError } from '../../../shared/rpc/errors';
import { assertLinkName } from './links';

export type Undo = () => Promise<void>;

/**
 * Where the tunables are: no state of a driver's, but of the network namespace the process
 * is in, which every driver in the process shares. Each function takes it as its last
 * argument, so unit tests can point it at a folder of their own.
 */
export const PROC_SYS = '/proc/sys';

function keyPath(key: string, root: string): string {
  const parts = key.split('/');
  if (parts[0] !== 'net' || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new VnmError('internal', `Refusing sysctl key '${key}': vnm only touches net/... keys.`);
  }
  return `${root}/${key}`;
}

/** Reads a sysctl such as `net/ipv4/ip_forward`; the value without its newline. */
export function readSysctl(key: string, root = PROC_SYS): Promise<string> {
  try {
    return Promise.resolve(readFileSync(keyPath(key, root), 'utf8').trim());
  } catch (e) {
    return Promise.reject(
      new VnmError('operation-failed', `Cannot read /proc/sys/${key}: ${(e as Error).message}.`),
    );
  }
}

/** Writes a sysctl and returns the undo that restores its previous value. */
export async function writeSysctl(key: string, value: string, root = PROC_SYS): Promise<Undo> {
  const previous = await readSysctl(key, root);
  await put(key, value, root);
  return async () => {
    if ((await readSysctl(key, root)) !== previous) await put(key, previous, root);
  };
}

function put(key: string, value: string, root: string): Promise<void> {
  try {
    writeFileSync(keyPath(key, root), `${value}\n`);
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(
      new VnmError(
        'operation-failed',
        `Cannot set /proc/sys/${key} to ${value}: ${(e as Error).message}; vnmd needs CAP_NET_ADMIN.`,
      ),
    );
  }
}

export const IPV4_FORWARD = 'net/ipv4/ip_forward';
export const IPV6_FORWARD = 'net/ipv6/conf/all/forwarding';

export async function ipv4ForwardingEnabled(root = PROC_SYS): Promise<boolean> {
  return (await readSysctl(IPV4_FORWARD, root)) === '1';
}

/** Whether IPv6 forwarding is on; false when the kernel has no IPv6. */
export async function ipv6ForwardingEnabled(root = PROC_SYS): Promise<boolean> {
  try {
    return (await readSysctl(IPV6_FORWARD, root)) === '1';
  } catch {
    return false;
  }
}

export function enableIpv4Forwarding(root = PROC_SYS): Promise<Undo> {
  return writeSysctl(IPV4_FORWARD, '1', root);
}

export function enableIpv6Forwarding(root = PROC_SYS): Promise<Undo> {
  return writeSysctl(IPV6_FORWARD, '1', root);
}

/**
 * IPv6 settings of a network's bridge, as libvirt sets them: IPv6 off unless the network
 * has an IPv6 address (or ipv6='yes'), and never accept router advertisements nor
 * autoconfigure, so a guest cannot hijack the host's routing. With IPv6 on, no duplicate
 * address detection either (set before the bridge comes up, as its global addresses get
 * nodad): while the link-local address is tentative, the kernel sends no neighbour
 * solicitation for a packet it forwards, so for a second or two after start the host could
 * not reach its guests over IPv6. A new bridge has no ports, so there is nothing to detect.
 * The undo restores them all.
 */
export async function setBridgeIpv6(bridge: string, enable: boolean, root = PROC_SYS): Promise<Undo> {
  assertLinkName(bridge, 'bridge name');
  const base = `net/ipv6/conf/${bridge}`;
  // A kernel without IPv6 has no such folder: nothing to disable, nothing to undo.
  if (!enable && !(await readSysctl(`${base}/disable_ipv6`, root).catch(() => null))) return async () => {};
  const undos: Undo[] = [];
  const undoAll: Undo = async () => {
    for (const u of undos.reverse()) await u();
  };
  try {
    undos.push(await writeSysctl(`${base}/disable_ipv6`, enable ? '0' : '1', root));
    undos.push(await writeSysctl(`${base}/accept_ra`, '0', root));
    undos.push(await writeSysctl(`${base}/autoconf`, '0', root));
    if (enable) undos.push(await writeSysctl(`${base}/accept_dad`, '0', root));
  } catch (e) {
    await undoAll();
    throw e;
  }
  return undoAll;
}
