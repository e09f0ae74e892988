/**
 * Which bridge port device carries a guest interface: the one whose MAC is the guest's (a
 * sandbox veth) or that MAC with fe first (a VM's tap, as libvirt and QEMU make it). Read from
 * sysfs, so a poll costs no process.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { carriesMac, portMac } from './port-isolation';

const SYS_NET = '/sys/class/net';

export interface PortDevice {
  readonly name: string;
  /** Tells a device apart from a later one of the same name. */
  readonly ifindex: number;
}

/** The device's ifindex; null when it is gone. */
export function ifindexOf(name: string, sysNet = SYS_NET): number | null {
  try {
    return Number(readFileSync(`${sysNet}/${name}/ifindex`, 'latin1').trim());
  } catch {
    return null;
  }
}

/** The port of `bridge` carrying `guestMac`, or null (no such port, or no such bridge). */
export function bridgePortCarrying(bridge: string, guestMac: string, sysNet = SYS_NET): PortDevice | null {
  let ports: string[];
  try {
    ports = readdirSync(`${sysNet}/${bridge}/brif`);
  } catch {
    return null;
  }
  for (const name of ports.sort()) {
    const mac = portMac(name, sysNet);
    const ifindex = ifindexOf(name, sysNet);
    if (mac && ifindex !== null && carriesMac(mac, guestMac)) return { name, ifindex };
  }
  return null;
}
