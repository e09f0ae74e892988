#!/bin/sh
# MOCK firewall-cmd for integration tests only: firewalld is not installed on these machines.
# The test puts this script on vnmd's PATH as `firewall-cmd`, inside a network namespace it made.
# It records each call's arguments (one line per call, arguments separated by tabs) in
# $VNM_MOCK_FIREWALL_CMD_LOG, and performs what firewalld would do for the one call vnm makes:
#   --zone=ZONE --add-interface=IF: accept the interface's traffic to the host, which the
#   libvirt zone does, as a rule at the head of the `inet firewalld` table's filter_INPUT chain
#   (the shape the test builds). Anything else exits 2, as firewall-cmd does for bad usage.
set -eu
log=${VNM_MOCK_FIREWALL_CMD_LOG:?the test must set VNM_MOCK_FIREWALL_CMD_LOG}
(IFS="$(printf '\t')"; printf '%s\n' "$*") >> "$log"
zone=''
iface=''
for arg in "$@"; do
  case "$arg" in
    --zone=*) zone=${arg#--zone=} ;;
    --add-interface=*) iface=${arg#--add-interface=} ;;
    *) echo "mock firewall-cmd: unsupported argument: $arg" >&2; exit 2 ;;
  esac
done
if [ -z "$zone" ] || [ -z "$iface" ]; then
  echo 'mock firewall-cmd: only --zone=ZONE --add-interface=IF is supported' >&2
  exit 2
fi
nft insert rule inet firewalld filter_INPUT iifname "\"$iface\"" accept
echo success
