/**
 * "Guests" for integration tests: a namespace with one interface, eth0, whose veth peer is a
 * port of a bridge in a host namespace, as a VM's tap device would be, plugged in as the
 * sandbox plugs its guests (electron/sandbox/guest.ts). Addresses come statically or from
 * DHCP through `busybox udhcpc`.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plugGuest } from '../../electron/sandbox/guest';
import { createNetns, randomIfName, type TestNetns } from './netns';

export interface Guest {
  readonly ns: TestNetns;
  /** The guest's interface (in ns). */
  readonly ifname: 'eth0';
  /** The bridge port in the host namespace. */
  readonly port: string;
  readonly mac: string;
}

export interface GuestOptions {
  /** Static address with prefix, e.g. 192.168.100.10/24. */
  readonly address?: string;
  /** Default route via this gateway. */
  readonly gateway?: string;
  /** Static IPv6 address with prefix (added with nodad) and its gateway. */
  readonly address6?: string;
  readonly gateway6?: string;
  /** The guest's MAC; by default a random one under 52:54:00 as libvirt gives VMs. */
  readonly mac?: string;
  /** The bridge port's own MAC, set before it joins (a libvirt tap's is the guest's with fe first). */
  readonly portMac?: string;
}

export function randomMac(): string {
  const b = [...Buffer.from(Array.from({ length: 3 }, () => Math.floor(Math.random() * 256)))];
  return ['52', '54', '00', ...b.map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

/** A guest namespace plugged into `bridge` of `host`. */
export async function createGuest(host: TestNetns, bridge: string, opts: GuestOptions = {}): Promise<Guest> {
  const ns = await createNetns('guest');
  const port = randomIfName('vnmtp');
  const mac = opts.mac ?? randomMac();
  await plugGuest(host, bridge, {
    port,
    nsName: ns.name,
    mac,
    ...(opts.portMac ? { portMac: opts.portMac } : {}),
  });
  await ns.exec('ip', ['link', 'set', 'dev', 'eth0', 'up']);
  if (opts.address) await ns.exec('ip', ['addr', 'add', opts.address, 'dev', 'eth0']);
  if (opts.gateway) await ns.exec('ip', ['route', 'add', 'default', 'via', opts.gateway]);
  if (opts.address6) await ns.exec('ip', ['-6', 'addr', 'add', opts.address6, 'dev', 'eth0', 'nodad']);
  // Replace, not add: the network's router advertisements may have given a default route already
  // (a race the CI once lost: "RTNETLINK answers: File exists").
  if (opts.gateway6) await ns.exec('ip', ['-6', 'route', 'replace', 'default', 'via', opts.gateway6]);
  return { ns, ifname: 'eth0', port, mac };
}

export interface DhcpLease {
  readonly ip: string;
  /** Prefix length. */
  readonly mask: number;
  readonly router: string | null;
  readonly dns: string[];
  readonly domain: string | null;
  readonly lease: number | null;
  readonly serverId: string | null;
  /** Option 26, applied to the interface (udhcpc asks for it only with `-O mtu`). */
  readonly mtu: number | null;
  /** From the start of udhcpc to the lease being configured. */
  readonly elapsedMs: number;
}

export interface UdhcpcOptions {
  readonly iface?: string;
  /** DHCPDISCOVERs to send, one per second (default 5). */
  readonly tries?: number;
  /** Option 12, so dnsmasq records a hostname. */
  readonly hostname?: string;
  /** Ask for this address (DHCPREQUEST option 50). */
  readonly requestIp?: string;
  readonly extraArgs?: readonly string[];
}

// The script udhcpc calls on each event: configures the lease and writes its options out.
const SCRIPT = `#!/bin/sh
case "$1" in
  deconfig) ip -4 addr flush dev "$interface"; ip link set dev "$interface" up ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/\${mask:-24}" dev "$interface"
    if [ -n "$mtu" ]; then ip link set dev "$interface" mtu "$mtu"; fi
    if [ -n "$router" ]; then ip route replace default via "\${router%% *}" dev "$interface"; fi
    { echo "ip=$ip"; echo "mask=$mask"; echo "router=$router"; echo "dns=$dns"; echo "domain=$domain";
      echo "lease=$lease"; echo "serverid=$serverid"; echo "mtu=$mtu"; } > "$VNMT_LEASE_OUT"
    ;;
esac
exit 0
`;

function parseLease(text: string, elapsedMs: number): DhcpLease {
  const v = Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]),
  ) as Record<string, string | undefined>;
  const orNull = (s: string | undefined) => (s ? s : null);
  return {
    ip: v.ip ?? '',
    mask: Number(v.mask ?? 0),
    router: orNull(v.router?.split(' ')[0]),
    dns: (v.dns ?? '').split(' ').filter(Boolean),
    domain: orNull(v.domain),
    lease: v.lease ? Number(v.lease) : null,
    serverId: orNull(v.serverid),
    mtu: v.mtu ? Number(v.mtu) : null,
    elapsedMs,
  };
}

/** Runs `busybox udhcpc` once in the guest; resolves with the lease, or rejects when none came. */
export async function runUdhcpc(guest: TestNetns, opts: UdhcpcOptions = {}): Promise<DhcpLease> {
  const dir = mkdtempSync(join(tmpdir(), 'vnmt-udhcpc-'));
  const script = join(dir, 'script.sh');
  const out = join(dir, 'lease');
  writeFileSync(script, SCRIPT);
  chmodSync(script, 0o755);
  const tries = opts.tries ?? 5;
  const args = ['udhcpc', '-f', '-q', '-n', '-i', opts.iface ?? 'eth0', '-t', String(tries), '-T', '1'];
  args.push('-A', '1', '-s', script);
  if (opts.hostname) args.push('-x', `hostname:${opts.hostname}`);
  if (opts.requestIp) args.push('-r', opts.requestIp);
  args.push(...(opts.extraArgs ?? []));
  const started = Date.now();
  try {
    const r = await guest.tryExec('busybox', args, {
      env: { VNMT_LEASE_OUT: out },
      timeoutMs: (tries + 5) * 1000,
    });
    const elapsedMs = Date.now() - started;
    if (r.code !== 0) throw new Error(`udhcpc got no lease (exit ${r.code}): ${r.stderr.trim()}`);
    return parseLease(readFileSync(out, 'utf8'), elapsedMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
