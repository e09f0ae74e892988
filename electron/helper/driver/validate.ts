/** The checks a definition must pass before vnmd stores it or touches the host for it. */
import type { NetworkDef } from '../../../shared/model/network';
import { libvirtPrefix } from '../../../shared/net/subnet';
import { VnmError } from '../../../shared/rpc/errors';
import { validateForStart } from '../../../shared/validation';
import { cidrContains, formatCidr, parseAddress, tryParseCidr } from '../../../shared/net/cidr';
import { findingsError } from './xml';

/** Throws the first reason the network cannot start (unsupported or invalid), all of them in details. */
export function checkStartable(def: NetworkDef): void {
  const errors = validateForStart(def);
  if (errors.length > 0) throw findingsError(errors);
}

/**
 * What vnmd refuses at define, create and update although libvirt's parser takes it (so the
 * shared codec keeps accepting it): a static DHCP host whose address lies outside the subnet
 * of its own <ip>, which dnsmasq could never hand out.
 */
export function checkDefinable(def: NetworkDef): void {
  for (const ip of def.ips) {
    const subnet = ip.address ? tryParseCidr(`${ip.address}/${libvirtPrefix(ip)}`) : null;
    if (!subnet) continue;
    for (const host of ip.dhcp?.hosts ?? []) {
      // A malformed address is the codec's finding, not this one.
      if (!host.ip || !parseAddress(host.ip) || cidrContains(subnet, host.ip)) continue;
      const who = host.mac ?? host.id ?? host.name ?? host.ip;
      throw new VnmError(
        'invalid-argument',
        `Static DHCP host ${who} has address ${host.ip}, outside the subnet ${formatCidr(subnet)} of its <ip>, so dnsmasq could never give it; use an address inside that subnet.`,
      );
    }
  }
}
