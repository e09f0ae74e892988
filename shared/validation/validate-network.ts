/**
 * The rules libvirt 9.0 applies when a network is defined (its XML parser and the network
 * driver's networkValidate), with its messages, plus vnm's own name limits (see names.ts).
 * Checks that libvirt only makes when the network starts are in validate-start.ts.
 */
import type { NetworkDef } from '../model/network';
import { isMulticastMac, parseMac } from '../net/mac';
import { canonicalUuid } from '../xml/uuid';
import { Findings } from './issues';
import type { ValidationError } from './issues';
import { networkNameProblem } from './names';
import { validateDns } from './validate-dns';
import { validateDnsmasqValues } from './validate-dnsmasq';
import { validateForward, validateUnmanagedMode } from './validate-forward';
import { validateIps } from './validate-ip';
import {
  validateBandwidth,
  validatePortgroups,
  validateVirtualport,
  validateVlan,
  validateVlanUse,
} from './validate-port';
import { validateRoutes } from './validate-route';
import { validateOvn } from './validate-ovn';

/** Every problem that makes libvirt (or vnm) refuse to define `def`; empty when it is fine. */
export function validateNetworkDef(def: NetworkDef): ValidationError[] {
  const f = new Findings(def.name);
  validateTop(f, def);
  validateDomainRegister(f, def);
  validateForward(f, def);
  validateDns(f, def.dns);
  validateDnsmasqValues(f, def);
  validateVlan(f, def.vlan, 'network/vlan');
  validateBandwidth(f, def.bandwidth, 'network/bandwidth');
  validateVirtualport(f, def.virtualport, 'network/virtualport', true);
  validateIps(f, def.ips);
  validateRoutes(f, def.routes, def.ips);
  validatePortgroups(f, def);
  validateUnmanagedMode(f, def);
  validateVlanUse(f, def);
  validateOvn(f, def);
  return f.list;
}

/**
 * libvirt 10.1's rule for <domain register='yes'>: the host's resolver sends the domain's
 * queries to dnsmasq, so dnsmasq must answer them itself (localOnly) rather than send
 * them back upstream, to the host's resolver, in a loop.
 */
function validateDomainRegister(f: Findings, def: NetworkDef): void {
  if (def.domain?.register === 'yes' && def.domain.localOnly !== 'yes') {
    f.add(
      'network/domain',
      `attribute register='yes' in <domain> of network '${def.name}' requires localOnly='yes': add localOnly='yes', or the host's resolver and dnsmasq would send that domain's queries to each other in a loop.`,
    );
  }
}

function validateTop(f: Findings, def: NetworkDef): void {
  const nameProblem = networkNameProblem(def.name);
  if (nameProblem) f.add('network/name', `${nameProblem}.`);
  if (def.uuid !== undefined && !canonicalUuid(def.uuid)) {
    f.add(
      'network/uuid',
      `malformed uuid element '${def.uuid}': use the form 3e3fce45-4f53-4fa7-bb32-11f34168b82b.`,
    );
  }
  if (def.title?.includes('\n')) f.add('network/title', "Network title can't contain newlines.");
  if (def.mac !== undefined) {
    const bytes = parseMac(def.mac);
    const where = `in network '${def.name}'`;
    if (!bytes)
      f.add(
        'network/mac',
        `Invalid bridge mac address '${def.mac}' ${where}: use six hex pairs such as 52:54:00:12:34:56.`,
      );
    else if (isMulticastMac(bytes)) {
      f.add(
        'network/mac',
        `Invalid multicast bridge mac address '${def.mac}' ${where}: the first byte must be even (a unicast address).`,
      );
    }
  }
}
