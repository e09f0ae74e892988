#!/usr/bin/env bash
# Installs what vnm needs to build, run and test, and says what it installs.
# Debian packages with apt-get (as root), npm packages with `npm ci` when node_modules is
# missing or older than package-lock.json. Safe to run again: it does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: e2e and the browser shell; dnsmasq-base: DHCP/DNS; nftables, iproute2: the
# firewall and links; busybox (udhcpc), isc-dhcp-client (dhclient -6: busybox has no udhcpc6),
# iputils-ping, netcat-openbsd: guests in tests;
# xvfb: a display for the app window; procps: ps/pgrep for leak checks; iptables
# (iptables-nft, iptables-save): net-diagnose reads opaque iptables matches, Docker's
# DOCKER-USER rules, and the tests build Docker's chains with it.
# The package tests (test/integration/package-*): systemd (systemd-analyze verify),
# libxml2-utils (xmllint) with polkitd (polkit's policy DTD), desktop-file-utils
# (desktop-file-validate); util-linux (unshare) and passwd (groupadd) are always there.
# openssh-client: vnm+ssh:// connections run ssh; openssh-server: the ssh tests run sshd
# from a private config inside their own namespaces (apt may not start its service here,
# and the tests never use it).
# openvswitch-switch, ovn-central, ovn-host: OVN networks that span hosts (issue 19); vnmd
# drives OVN's northbound database with ovn-nbctl, and the OVN tests run ovsdb-server,
# ovs-vswitchd (userspace datapath), ovn-northd and ovn-controller from private run dirs
# inside their own namespaces (apt starts none of them here); ethtool: those tests turn off
# TX checksum offload on guest veths under OVS's userspace datapath.
DEB_PACKAGES=(chromium dnsmasq-base nftables iproute2 busybox isc-dhcp-client iputils-ping netcat-openbsd xvfb procps iptables
  systemd libxml2-utils polkitd desktop-file-utils openssh-client openssh-server
  openvswitch-switch ovn-central ovn-host ethtool)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
