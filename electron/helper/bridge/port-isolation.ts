/**
 * Bridge port isolation (`<port isolated='yes'/>`): an isolated port forwards only to ports
 * that are not isolated, so guests on isolated ports reach the bridge (the host, its dnsmasq
 * and the way out) but not each other. libvirt sets the flag on each guest tap as it plugs it
 * in; vnmd does not plug guests in, so it sets the flag on every port of the network's bridge:
 * the ones there at start or adoption, and each one as it joins (port-isolation-watch.ts).
 *
 * The flag is read from sysfs (no process per check) and set through the ip batch.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { IpBatch } from './ip-batch';

const SYS_NET = '/sys/class/net';

/** Whether the port's isolated flag is set; null when it is not (or no longer) a bridge port. */
export function portIsolated(port: string, sysNet = SYS_NET): boolean | null {
  try {
    return readFileSync(`${sysNet}/${port}/brport/isolated`, 'latin1').trim() === '1';
  } catch {
    return null;
  }
}

/** The port device's own MAC, lower case; null when it is gone. */
export function portMac(port: string, sysNet = SYS_NET): string | null {
  try {
    return readFileSync(`${sysNet}/${port}/address`, 'latin1').trim().toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether a bridge port device carries a guest interface of MAC `guestMac`: the device has that
 * MAC, or that MAC with its first byte 0xfe, as libvirt (and QEMU) give a guest's tap so that
 * the bridge never takes the guest's own address.
 */
export function carriesMac(deviceMac: string, guestMac: string): boolean {
  const g = guestMac.toLowerCase();
  return deviceMac === g || deviceMac === `fe${g.slice(2)}`;
}

/** The bridge's ports whose isolated flag is still off. */
export function unisolatedPorts(bridge: string, sysNet = SYS_NET): string[] {
  let ports: string[];
  try {
    ports = readdirSync(`${sysNet}/${bridge}/brif`);
  } catch {
    return []; // the bridge is gone: nothing to isolate
  }
  return ports.filter((p) => portIsolated(p, sysNet) === false);
}

/** The ip command that turns isolation on for one bridge port. */
export function isolateCommand(port: string): string[] {
  return ['link', 'set', 'dev', port, 'type', 'bridge_slave', 'isolated', 'on'];
}

/**
 * Sets the flag on every port of the bridge that lacks it (or, with `wanted`, on those it
 * picks); returns the ports it set. A port that leaves the bridge meanwhile is not an error (a
 * guest that went away needs nothing).
 */
export async function isolateBridgePorts(
  ip: IpBatch,
  bridge: string,
  sysNet = SYS_NET,
  wanted: (port: string) => boolean = () => true,
): Promise<string[]> {
  const done: string[] = [];
  for (const port of unisolatedPorts(bridge, sysNet).filter(wanted)) {
    try {
      await ip.run([isolateCommand(port)]);
      done.push(port);
    } catch (err) {
      if (portIsolated(port, sysNet) !== null) throw err;
    }
  }
  return done;
}
