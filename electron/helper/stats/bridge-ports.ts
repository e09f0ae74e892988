/**
 * A bridge's ports and the guest MAC behind each, read from sysfs without spawning anything.
 *
 * A port's own address is not the guest's: a VM's tap has its own MAC (fe:54:00:...) and a
 * veth's peer (the guest's interface, in our sandbox) has another. So the guest's MAC is the
 * non-local address the bridge has learned on that port, from its forwarding database
 * (`brforward`, an array of `struct __fdb_entry`, include/uapi/linux/if_bridge.h).
 */
import { closeSync, openSync, readSync, readdirSync, readFileSync } from 'node:fs';

const SYS_NET = '/sys/class/net';

/** Names of the bridge's ports in directory order; [] when the bridge is gone. */
export function readBridgePortsUnsorted(bridge: string, sysNet = SYS_NET): string[] {
  try {
    return readdirSync(`${sysNet}/${bridge}/brif`);
  } catch {
    return [];
  }
}

/** Sorts vnet2 before vnet10. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** One learned (non-local) FDB entry: which MAC was last seen behind which port. */
export interface FdbEntry {
  readonly mac: string;
  readonly portNo: number;
  /** Seconds since the bridge last saw a frame from this MAC. */
  readonly ageSec: number;
}

const FDB_ENTRY_SIZE = 16;
/** USER_HZ: the unit of ageing_timer_value (jiffies_delta_to_clock_t). */
const CLOCK_TICKS_PER_SEC = 100;

/** Parse `brforward` bytes, keeping only learned entries (is_local = 0). */
export function parseBrforward(buf: Buffer, length: number): FdbEntry[] {
  const out: FdbEntry[] = [];
  for (let at = 0; at + FDB_ENTRY_SIZE <= length; at += FDB_ENTRY_SIZE) {
    if (buf[at + 7] !== 0) continue; // is_local: the port's or bridge's own address
    const mac = formatMac(buf, at);
    const portNo = buf[at + 6]! | (buf[at + 12]! << 8);
    const ageSec = buf.readUInt32LE(at + 8) / CLOCK_TICKS_PER_SEC;
    out.push({ mac, portNo, ageSec });
  }
  return out;
}

function formatMac(buf: Buffer, at: number): string {
  const parts: string[] = [];
  for (let k = 0; k < 6; k++) parts.push(buf[at + k]!.toString(16).padStart(2, '0'));
  return parts.join(':');
}

/** Reads brforward and the ports' numbers; only when a bridge's MAC map needs refreshing. */
export class FdbReader {
  private buf = Buffer.allocUnsafe(16 * 1024);

  constructor(private readonly sysNet = SYS_NET) {}

  /** Learned entries of the bridge; [] when it is gone. */
  entries(bridge: string): FdbEntry[] {
    let fd: number;
    try {
      fd = openSync(`${this.sysNet}/${bridge}/brforward`, 'r');
    } catch {
      return [];
    }
    let length = 0;
    try {
      for (;;) {
        if (length === this.buf.length) this.grow(length);
        // brforward is a binary attribute that pages by offset, so read with explicit positions.
        const n = readSync(fd, this.buf, length, this.buf.length - length, length);
        if (n <= 0) break;
        length += n;
      }
    } catch {
      // The bridge went away between open and read: what was read is still meaningful.
    } finally {
      closeSync(fd);
    }
    return parseBrforward(this.buf, length - (length % FDB_ENTRY_SIZE));
  }

  /** The bridge port number of `port` (brport/port_no, "0x1"), or null when it is gone. */
  portNo(bridge: string, port: string): number | null {
    try {
      const text = readFileSync(`${this.sysNet}/${bridge}/brif/${port}/port_no`, 'latin1');
      const n = Number.parseInt(text.trim(), 16);
      return Number.isNaN(n) ? null : n;
    } catch {
      return null;
    }
  }

  private grow(keep: number): void {
    const bigger = Buffer.allocUnsafe(this.buf.length * 2);
    this.buf.copy(bigger, 0, 0, keep);
    this.buf = bigger;
  }
}

/**
 * The guest MAC of each port: among the MACs learned on the port, one that holds a lease
 * (a guest that is itself a router may show several), else the most recently seen.
 */
export function guestMacs(
  entries: readonly FdbEntry[],
  portNoOf: ReadonlyMap<string, number>,
  hasLease: (mac: string) => boolean,
): Map<string, string> {
  const best = new Map<number, FdbEntry>();
  for (const e of entries) {
    const cur = best.get(e.portNo);
    if (cur === undefined || better(e, cur, hasLease)) best.set(e.portNo, e);
  }
  const out = new Map<string, string>();
  for (const [port, no] of portNoOf) {
    const e = best.get(no);
    if (e !== undefined) out.set(port, e.mac);
  }
  return out;
}

function better(a: FdbEntry, b: FdbEntry, hasLease: (mac: string) => boolean): boolean {
  const la = hasLease(a.mac);
  const lb = hasLease(b.mac);
  if (la !== lb) return la;
  return a.ageSec < b.ageSec;
}
