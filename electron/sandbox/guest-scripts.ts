/**
 * The shell scripts a sandbox guest runs (with busybox, inside its namespace): its init,
 * udhcpc's event script, and the traffic loop that makes a guest look busy. Each guest has a folder:
 *   lease   written by the udhcpc script: ip=, mask=, router=, hostname=
 *   lease6  written by the DHCPv6 script (dhclient -6, on networks with IPv6): ip=
 *   url     base URL to fetch from, empty where the network's mode gives no way out
 *   peers   "IP HOSTNAME" lines: the other guests of the network, to ping and look up
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Configures the lease on eth0 and writes what came; never touches /etc/resolv.conf, which
// the machine's namespace shares.
const UDHCPC_SCRIPT = `#!/bin/sh
out="$VNM_GUEST_DIR/lease"
case "$1" in
  deconfig)
    ip -4 addr flush dev "$interface"
    ip link set dev "$interface" up
    rm -f "$out" ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    # The network's MTU (option 26), as a real guest applies it: an OVN network hands out
    # underlay - 58, and larger frames would vanish in the Geneve tunnel.
    if [ -n "$mtu" ]; then ip link set dev "$interface" mtu "$mtu"; fi
    ip addr add "$ip/\${mask:-24}" dev "$interface"
    if [ -n "$router" ]; then ip route replace default via "\${router%% *}" dev "$interface"; fi
    printf 'ip=%s\\nmask=%s\\nrouter=%s\\n' "$ip" "$mask" "\${router%% *}" > "$out.new"
    mv "$out.new" "$out" ;;
esac
exit 0
`;

// dhclient -6's event script (ISC dhclient; Debian's busybox has no udhcpc6). The address
// comes as a /128: the on-link prefix and the default route come from dnsmasq's RAs.
const DHCP6_SCRIPT = `#!/bin/sh
out="$VNM_GUEST_DIR/lease6"
case "$reason" in
  BOUND6|RENEW6|REBIND6|REBOOT6)
    if [ -n "$new_ip6_address" ]; then
      ip -6 addr replace "$new_ip6_address/\${new_ip6_prefixlen:-128}" dev "$interface" nodad
      printf 'ip=%s\\n' "$new_ip6_address" > "$out.new"
      mv "$out.new" "$out"
    fi ;;
  EXPIRE6|RELEASE6|STOP6)
    if [ -n "$old_ip6_address" ]; then ip -6 addr del "$old_ip6_address/\${old_ip6_prefixlen:-128}" dev "$interface"; fi
    rm -f "$out" ;;
esac
exit 0
`;

// About one round a second: a download of 16-192 KiB from the wan where allowed, two pings
// to each other guest, and every fifth round a DNS lookup of a peer's name at the gateway,
// which dnsmasq answers from the DHCP hostnames. Modest, but enough for charts to move.
const TRAFFIC_SCRIPT = `#!/bin/sh
d=$1
n=$2
while :; do
  n=$((n + 1))
  if [ -s "$d/lease" ]; then
    url=$(cat "$d/url" 2>/dev/null)
    if [ -n "$url" ]; then
      case $((n % 4)) in 0) f=small.bin ;; 1) f=medium.bin ;; 2) f=large.bin ;; *) f=medium.bin ;; esac
      # (busybox 1.35 wget crashes with -T, hence timeout)
      timeout 5 busybox wget -q -O /dev/null "$url/$f" 2>/dev/null
    fi
    router=$(sed -n 's/^router=//p' "$d/lease")
    if [ -f "$d/peers" ]; then
      while read -r ip name; do
        busybox ping -c 2 -i 0.2 -W 1 -s 256 "$ip" >/dev/null 2>&1
        if [ $((n % 5)) -eq 0 ] && [ -n "$router" ] && [ -n "$name" ]; then
          busybox nslookup "$name" "$router" >/dev/null 2>&1
        fi
      done < "$d/peers"
    fi
  fi
  sleep 1
done
`;

// A guest's first process, its "init": brings its links up, starts the DHCP client in the
// background and becomes the traffic loop. One process start per guest, which counts on a
// loaded machine. udhcpc sends a discover a second, without its long pause after a few: the
// bridge port forwards only after STP's 4 s, and the lease should come soon after.
// On a network with IPv6 ($6 = 1) it also runs dhclient -6 when the host has it, with DAD off
// so the link-local address dhclient binds to is there at once.
// $1 guest folder, $2 hostname, $3 phase, $4 udhcpc script, $5 traffic script,
// $6 1 for IPv6, $7 DHCPv6 script.
const INIT_SCRIPT = `#!/bin/sh
ip link set dev lo up
echo 0 > /proc/sys/net/ipv6/conf/eth0/accept_dad
ip link set dev eth0 up
VNM_GUEST_DIR=$1 busybox udhcpc -f -i eth0 -s "$4" -x "hostname:$2" -O mtu -t 60 -T 1 -A 1 >/dev/null 2>&1 &
if [ "$6" = 1 ] && command -v dhclient >/dev/null 2>&1; then
  printf 'send fqdn.fqdn "%s";\\n' "$2" > "$1/dhclient6.conf"
  dhclient -6 -d -D LL -cf "$1/dhclient6.conf" -lf "$1/dhclient6.leases" -pf "$1/dhclient6.pid" \\
    -e "VNM_GUEST_DIR=$1" -sf "$7" eth0 >/dev/null 2>&1 &
fi
exec busybox sh "$5" "$1" "$3"
`;

export interface GuestScripts {
  readonly init: string;
  readonly udhcpc: string;
  readonly traffic: string;
  readonly dhcp6: string;
}

/** Writes the scripts into `dir` and returns their paths. */
export function writeGuestScripts(dir: string): GuestScripts {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    chmodSync(file, 0o755);
    return file;
  };
  return {
    init: write('guest-init.sh', INIT_SCRIPT),
    udhcpc: write('udhcpc.sh', UDHCPC_SCRIPT),
    traffic: write('traffic.sh', TRAFFIC_SCRIPT),
    dhcp6: write('dhcp6.sh', DHCP6_SCRIPT),
  };
}

/** Parses the guest's lease file (key=value lines); null while there is no lease. */
export function parseLeaseFile(text: string): { ip: string; router: string | null } | null {
  const v = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) v.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const ip = v.get('ip');
  return ip ? { ip, router: v.get('router') || null } : null;
}
