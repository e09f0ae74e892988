/**
 * A sandbox guest: what a VM looks like to a network. A namespace with eth0, whose veth peer
 * `vnetN` is a port of the network's bridge in the host namespace (as a VM's tap would be);
 * it takes a DHCP lease under its hostname with busybox udhcpc and runs the traffic loop.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLeaseFile } from './guest-scripts';
import type { GuestScripts } from './guest-scripts';
import { run } from '../helper/exec';
import { Netns } from './netns';

export interface GuestSpec {
  /** The guest's hostname, sent as DHCP option 12. */
  readonly hostname: string;
  /** Its namespace's name. */
  readonly nsName: string;
  /** The bridge port in the host namespace (vnetN). */
  readonly port: string;
  /** Its folder (lease, url, peers). */
  readonly dir: string;
  /** Where the traffic loop starts its round count, so guests do not fetch in step. */
  readonly phase: number;
  /** The network has IPv6: the guest asks for a DHCPv6 lease too (when dhclient is there). */
  readonly ipv6?: boolean;
}

/** A stable MAC under libvirt's 52:54:00, so a guest re-attached gets its earlier lease again. */
export function guestMac(network: string, hostname: string): string {
  const h = createHash('sha256').update(`${network}/${hostname}`).digest();
  const tail = [...h.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'));
  return ['52', '54', '00', ...tail].join(':');
}

/** A guest's side of its veth pair and the bridge port in the host namespace. */
export interface GuestPlug {
  /** The bridge port in the host namespace (vnetN). */
  readonly port: string;
  /** The guest's namespace, where the pair's other end becomes eth0. */
  readonly nsName: string;
  /** eth0's MAC. */
  readonly mac: string;
  /** The port's own MAC, when it must have one before it joins (a libvirt tap's). */
  readonly portMac?: string;
}

/**
 * Plugs a guest namespace into `bridge` of `host` as a VM's tap would be: a veth pair whose
 * host end is an up port of the bridge and whose other end is the guest's eth0 (left down:
 * the guest brings it up). One ip call in the host namespace.
 */
export async function plugGuest(host: Netns, bridge: string, plug: GuestPlug): Promise<void> {
  const { port, nsName, mac, portMac } = plug;
  const address = portMac ? ['address', portMac] : [];
  const batch = [
    [
      'link',
      'add',
      port,
      ...address,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'address',
      mac,
      'netns',
      nsName,
    ],
    ['link', 'set', 'dev', port, 'master', bridge],
    ['link', 'set', 'dev', port, 'up'],
  ];
  await run('ip', ['-n', host.name, '-batch', '-'], { input: batch.map((l) => `${l.join(' ')}\n`).join('') });
}

/** How a guest's port joins its network, and leaves it: a Linux bridge's, or OVS's (ovn-guests.ts). */
export interface GuestPlugger {
  /** The namespace the port is made in. */
  readonly host: Netns;
  plug(plug: GuestPlug): Promise<void>;
  /** Removes what plug made beside the port (the port itself is deleted by the guest). */
  unplug?(port: string): Promise<void>;
}

/** Plugging into a Linux bridge of `host`. */
export function bridgePlugger(host: Netns, bridge: string): GuestPlugger {
  return { host, plug: (p) => plugGuest(host, bridge, p) };
}

export class Guest {
  private lastTraffic = '';

  private constructor(
    readonly spec: GuestSpec,
    readonly mac: string,
    readonly ns: Netns,
    private readonly plugger: GuestPlugger,
  ) {}

  /** Creates the guest, plugs it in with `plugger` and starts DHCP and the traffic loop. */
  static async attach(
    plugger: GuestPlugger,
    network: string,
    spec: GuestSpec,
    scripts: GuestScripts,
    mac: string = guestMac(network, spec.hostname),
  ): Promise<Guest> {
    mkdirSync(spec.dir, { recursive: true });
    writeFileSync(join(spec.dir, 'url'), '');
    writeFileSync(join(spec.dir, 'peers'), '');
    await run('ip', ['netns', 'add', spec.nsName]);
    const ns = new Netns(spec.nsName);
    const guest = new Guest(spec, mac, ns, plugger);
    try {
      await plugger.plug({ port: spec.port, nsName: spec.nsName, mac });
      const args = [
        scripts.init,
        spec.dir,
        spec.hostname,
        String(spec.phase),
        scripts.udhcpc,
        scripts.traffic,
        spec.ipv6 ? '1' : '0',
        scripts.dhcp6,
      ];
      ns.spawn('/bin/sh', args, { stdio: 'ignore' }).unref();
    } catch (e) {
      await guest.detach();
      throw e;
    }
    return guest;
  }

  get hostname(): string {
    return this.spec.hostname;
  }

  /** The address of the guest's current lease, or null before it has one. */
  leasedIp(): string | null {
    try {
      return parseLeaseFile(readFileSync(join(this.spec.dir, 'lease'), 'utf8'))?.ip ?? null;
    } catch {
      return null;
    }
  }

  /** The address of the guest's DHCPv6 lease, or null (no IPv6, no dhclient, or not yet). */
  leasedIp6(): string | null {
    try {
      return parseLeaseFile(readFileSync(join(this.spec.dir, 'lease6'), 'utf8'))?.ip ?? null;
    } catch {
      return null;
    }
  }

  /** Where to fetch from ('' for nowhere) and which peers to ping, read by the loop each round. */
  setTraffic(url: string, peers: readonly { ip: string; hostname: string }[]): void {
    const text = `${url}\n${peers.map((p) => `${p.ip} ${p.hostname}`).join(',')}`;
    if (text === this.lastTraffic) return;
    this.lastTraffic = text;
    // Written aside and renamed into place, so the loop never reads half a file.
    const put = (name: string, text: string) => {
      writeFileSync(join(this.spec.dir, `${name}.new`), text);
      renameSync(join(this.spec.dir, `${name}.new`), join(this.spec.dir, name));
    };
    put('url', url);
    put('peers', peers.map((p) => `${p.ip} ${p.hostname}\n`).join(''));
  }

  /**
   * Unplugs the guest: its port, processes, namespace and folder go. The port is deleted
   * first and by name: a namespace's deletion removes its veth only later, in the kernel's
   * own time, and the next guest given the same vnetN would meet "File exists".
   */
  async detach(): Promise<void> {
    await this.plugger.unplug?.(this.spec.port).catch(() => undefined);
    await this.plugger.host.ip(['link', 'del', 'dev', this.spec.port]).catch(() => undefined);
    await this.ns.destroy();
    rmSync(this.spec.dir, { recursive: true, force: true });
  }
}
