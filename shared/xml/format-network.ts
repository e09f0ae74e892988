/**
 * NetworkDef -> libvirt network XML, byte for byte what libvirt 9.0's virNetworkDefFormat
 * writes (the API string: `virsh net-dumpxml` prints it followed by one more newline).
 * Defaults are filled in as libvirt fills them (stp='on' delay='0' on managed bridges,
 * forward mode 'nat', the interface pool from <forward dev>); generated values (UUID,
 * bridge name, MAC) are the caller's job: see shared/validation/define-defaults.ts.
 */
import type { NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';
import { canonicalMac } from '../net/mac';
import { metadataLines } from './format-metadata';
import { metadataInner } from './forwards';
import { formatDns, formatForward, formatIp, formatRoute } from './format-parts';
import { formatBandwidth, formatPortgroup, formatVirtualport, formatVlan } from './format-port';
import { canonicalUuid } from './uuid';
import { DNSMASQ_PREFIX, dnsmasqXmlnsAttr, formatDnsmasqOptions } from './dnsmasq-options';
import { XmlWriter } from './xml-writer';

export interface FormatOptions {
  /** Live (running) XML: adds the read-only connections counts. Default false (--inactive). */
  readonly live?: boolean;
}

export function formatNetworkXml(def: NetworkDef, opts: FormatOptions = {}): string {
  const live = opts.live === true;
  const w = new XmlWriter();
  const rootAttrs = [
    [`xmlns:${DNSMASQ_PREFIX}`, dnsmasqXmlnsAttr(def.dnsmasqOptions)],
    ['connections', live && def.connections ? def.connections : undefined],
    ['ipv6', def.ipv6 === 'yes' ? 'yes' : undefined],
    ['trustGuestRxFilters', def.trustGuestRxFilters],
  ] as const;
  w.block('network', rootAttrs, () => formatBody(w, def, live));
  return w.toString();
}

function formatBody(w: XmlWriter, def: NetworkDef, live: boolean): void {
  w.text('name', def.name);
  if (def.uuid !== undefined) w.text('uuid', canonicalUuid(def.uuid) ?? def.uuid);
  if (def.title) w.text('title', def.title);
  if (def.description) w.text('description', def.description);
  const metadata = metadataInner(def);
  if (metadata !== undefined) w.raw(metadataLines(metadata));
  if (def.forward) formatForward(w, def.forward, live);
  formatBridge(w, def);
  if (def.mtu) w.empty('mtu', [['size', def.mtu]]);
  if (def.mac) w.empty('mac', [['address', canonicalMac(def.mac)]]);
  if (def.domain) {
    w.empty('domain', [
      ['name', def.domain.name],
      ['localOnly', def.domain.localOnly],
      ['register', def.domain.register],
    ]);
  }
  formatDns(w, def.dns);
  formatVlan(w, def.vlan);
  formatBandwidth(w, def.bandwidth);
  if (def.portIsolated) w.empty('port', [['isolated', def.portIsolated]]);
  for (const ip of def.ips) formatIp(w, ip);
  for (const route of def.routes) formatRoute(w, route);
  formatVirtualport(w, def.virtualport);
  for (const pg of def.portgroups) formatPortgroup(w, pg);
  formatDnsmasqOptions(w, def.dnsmasqOptions);
}

function formatBridge(w: XmlWriter, def: NetworkDef): void {
  const managed = isManagedBridgeKind(networkKind(def));
  const b = def.bridge;
  if (!managed && !b?.name && !b?.macTableManager) return;
  w.empty('bridge', [
    ['name', b?.name],
    ['zone', b?.zone],
    // The model spells stp on/off as yes/no; libvirt writes 'on' unless it is off.
    ['stp', managed ? (b?.stp === 'no' ? 'off' : 'on') : undefined],
    ['delay', managed ? (b?.delay ?? 0) : undefined],
    ['macTableManager', b?.macTableManager],
  ]);
}
