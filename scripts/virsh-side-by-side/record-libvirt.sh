#!/usr/bin/env bash
# record-libvirt.sh PLAN OUTDIR - runs the side-by-side plan against Debian 12's libvirt 9.0
# (libvirtd + virsh), confined as ../shared/tools/libvirt-peer.sh confines it: fresh net, mount
# and pid namespaces with tini as PID 1, private /sys, tmpfs /run, overlayfs on /var, private
# copies of /etc/libvirt, /etc/passwd and /etc/group. Nothing of it outlives the run, and the
# host's network namespace is checked unchanged afterwards.
#
# PLAN: one step a line, fields separated by tabs: ID run ARG...   (a virsh command line)
#                                                  ID guest BRIDGE MAC HOSTNAME  (DHCP guest)
#                                                  ID wait NETWORK MAC           (lease shows)
# For each run step, OUTDIR gets ID.stdout, ID.stderr and ID.status. OUTDIR must not be
# under /var, /run or /etc/libvirt (private to the namespaces). Run as root; npm run
# virsh:record calls it.
set -uo pipefail

SELF=$(readlink -f "$0")
PKGS="libvirt-daemon libvirt-clients dnsmasq-base iptables busybox tini iproute2 util-linux"

die() { echo "error: $*" >&2; exit 1; }

inner_main() {
  local plan=$1 out=$2 W=$3
  : "${SBS_HOSTNET:?internal: run the script without __inner}" "${SBS_HOSTMNT:?}" "${SBS_HOSTPID:?}"
  if [ "$(readlink /proc/self/ns/net)" = "$SBS_HOSTNET" ] || \
     [ "$(readlink /proc/self/ns/mnt)" = "$SBS_HOSTMNT" ] || \
     [ "$(readlink /proc/self/ns/pid)" = "$SBS_HOSTPID" ]; then
    echo "error: SAFETY: not in fresh net/mnt/pid namespaces, refusing" >&2; exit 3
  fi
  echo "meta inner_pidns=$(readlink /proc/self/ns/pid)"

  # ---- private filesystem view (as libvirt-peer.sh)
  mount --make-rprivate / || exit 4
  mount -t tmpfs -o mode=0700 sbs-work "$W" || exit 4
  mkdir -p "$W/var-up" "$W/var-work" "$W/etc-libvirt" "$W/tmp"
  mount -t sysfs sysfs /sys || exit 4
  mount -t tmpfs -o mode=0755 sbs-run /run || exit 4
  mkdir -p /run/lock
  mount -t overlay overlay -o "lowerdir=/var,upperdir=$W/var-up,workdir=$W/var-work" /var || exit 4
  cp -a /etc/libvirt/. "$W/etc-libvirt/"
  mount --bind "$W/etc-libvirt" /etc/libvirt || exit 4
  echo 'log_outputs = "3:file:/run/libvirtd.log"' > /etc/libvirt/libvirtd.conf
  cp /etc/passwd "$W/passwd"; cp /etc/group "$W/group"
  getent group kvm >/dev/null             || echo "kvm:x:64054:" >> "$W/group"
  getent group libvirt-qemu >/dev/null    || echo "libvirt-qemu:x:64055:" >> "$W/group"
  getent passwd libvirt-qemu >/dev/null   || echo "libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin" >> "$W/passwd"
  getent group libvirt-dnsmasq >/dev/null || echo "libvirt-dnsmasq:x:64056:" >> "$W/group"
  getent passwd libvirt-dnsmasq >/dev/null|| echo "libvirt-dnsmasq:x:64056:64056:Libvirt Dnsmasq:/var/lib/libvirt/dnsmasq:/usr/sbin/nologin" >> "$W/passwd"
  mount --bind "$W/passwd" /etc/passwd || exit 4
  mount --bind "$W/group" /etc/group || exit 4
  export TMPDIR=$W/tmp HOME=$W/tmp XDG_CACHE_HOME=$W/tmp XDG_CONFIG_HOME=$W/tmp LC_ALL=C
  ip link set lo up

  local URI=qemu:///system i
  /usr/sbin/libvirtd --config /etc/libvirt/libvirtd.conf > /run/libvirtd.out 2>&1 &
  local lvpid=$!
  # libvirtd gives no readiness signal: poll its socket with a cheap command.
  for i in $(seq 600); do
    if [ -S /run/libvirt/libvirt-sock ] && virsh -c "$URI" uri >/dev/null 2>&1; then break; fi
    kill -0 "$lvpid" 2>/dev/null || { cat /run/libvirtd.out /run/libvirtd.log >&2; exit 5; }
    sleep 0.05
  done
  echo "meta libvirtd=\"$(/usr/sbin/libvirtd --version | head -1)\" virsh=$(virsh --version)"

  local id kind fields
  while IFS=$'\t' read -r -a fields; do
    id=${fields[0]}; kind=${fields[1]}
    case $kind in
      run)
        virsh -c "$URI" "${fields[@]:2}" > "$out/$id.stdout" 2> "$out/$id.stderr"
        echo $? > "$out/$id.status";;
      guest)
        ip netns add sbsguest
        ip link add sbsg0 type veth peer name sbsg1
        ip link set sbsg1 netns sbsguest
        ip link set sbsg0 master "${fields[2]}" up
        ip netns exec sbsguest ip link set lo up
        ip netns exec sbsguest ip link set sbsg1 address "${fields[3]}" up
        printf '#!/bin/sh\n[ "$1" = bound ] && ip addr add "$ip/${mask:-24}" dev "$interface"\nexit 0\n' > "$W/udhcpc.sh"
        chmod +x "$W/udhcpc.sh"
        ip netns exec sbsguest timeout 30 busybox udhcpc -f -q -n -i sbsg1 -t 10 -T 1 -A 1 \
          -x "hostname:${fields[4]}" -s "$W/udhcpc.sh" >/dev/null 2>&1 || echo "# guest got no lease";;
      wait)
        # libvirt's leases helper writes its status file after the lease: poll until it shows.
        for i in $(seq 200); do
          virsh -q -c "$URI" net-dhcp-leases "${fields[2]}" 2>/dev/null | grep -qi "${fields[3]}" && break
          sleep 0.05
        done;;
      *) echo "error: unknown step kind '$kind'" >&2; exit 6;;
    esac
  done < "$plan"
  kill "$lvpid" 2>/dev/null
  return 0
}

ensure_packages() {
  local missing=() p
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  echo "# installing: ${missing[*]}" >&2
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  local rc=$?
  [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get install failed"
}

host_snapshot() { # a digest of the host netns state (read-only)
  { ip -o link | awk -F": " '{print $2}' | sort; nft list ruleset 2>/dev/null; ip -o addr; ip route; } | sha256sum | cut -c1-16
}

outer_main() {
  local plan out
  plan=$(readlink -f "${1:?usage: record-libvirt.sh PLAN OUTDIR}"); out=$(readlink -m "${2:?usage: record-libvirt.sh PLAN OUTDIR}")
  [ "$(id -u)" = 0 ] || die "must run as root"
  case "$out" in /var|/var/*|/run|/run/*|/etc/libvirt|/etc/libvirt/*) die "OUTDIR must not be under /var, /run or /etc/libvirt";; esac
  ensure_packages
  mkdir -p "$out"
  local before; before=$(host_snapshot)
  SCRATCH=$(mktemp -d /tmp/vnm-sbs-scratch.XXXXXX)
  trap 'rm -rf --one-file-system "$SCRATCH"' EXIT
  export SBS_HOSTNET SBS_HOSTMNT SBS_HOSTPID
  SBS_HOSTNET=$(readlink /proc/self/ns/net); SBS_HOSTMNT=$(readlink /proc/self/ns/mnt); SBS_HOSTPID=$(readlink /proc/self/ns/pid)
  timeout -k 10 600 unshare --net --mount --pid --fork --kill-child --mount-proc -- \
    tini -s -g -- bash "$SELF" __inner "$plan" "$out" "$SCRATCH"
  local rc=$?
  echo "check inner_rc=$rc host_netns_state_unchanged=$([ "$before" = "$(host_snapshot)" ] && echo yes || echo NO)"
  return "$rc"
}

if [ "${1:-}" = "__inner" ]; then
  shift; inner_main "$@"; exit $?
fi
outer_main "$@"
