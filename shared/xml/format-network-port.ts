/**
 * NetworkPortDef -> libvirt network port XML, in the order and form of libvirt's
 * virNetworkPortDefFormatBuf (what `virsh net-port-dumpxml` prints, plus its newline).
 */
import type { NetworkPortDef, PortPlug } from '../model/network-port';
import { formatBandwidth, formatVirtualport, formatVlan } from './format-port';
import { XmlWriter } from './xml-writer';

export function formatNetworkPortXml(def: NetworkPortDef): string {
  const w = new XmlWriter();
  w.block('networkport', [], () => {
    w.text('uuid', def.uuid);
    w.block('owner', [], () => {
      w.text('name', def.ownerName);
      w.text('uuid', def.ownerUuid);
    });
    if (def.group !== undefined) w.text('group', def.group);
    w.empty('mac', [['address', def.mac]]);
    formatVirtualport(w, def.virtualport);
    formatBandwidth(w, def.bandwidth, def.classId);
    formatVlan(w, def.vlan);
    if (def.isolated) w.empty('port', [['isolated', def.isolated]]);
    if (def.trustGuest) w.empty('rxfilters', [['trustGuest', def.trustGuest]]);
    if (def.plug) formatPlug(w, def.plug);
  });
  return w.toString();
}

function formatPlug(w: XmlWriter, plug: PortPlug): void {
  switch (plug.type) {
    case 'network':
    case 'bridge':
      w.empty('plug', [
        ['type', plug.type],
        ['bridge', plug.bridge],
        ['macTableManager', plug.macTableManager],
      ]);
      return;
    case 'direct':
      // libvirt always writes the mode; its default (0) is 'vepa'.
      w.empty('plug', [
        ['type', plug.type],
        ['dev', plug.dev],
        ['mode', plug.mode ?? 'vepa'],
      ]);
      return;
    case 'hostdev-pci': {
      const a = plug.address;
      const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;
      w.block(
        'plug',
        [
          ['type', plug.type],
          ['managed', plug.managed],
        ],
        () => {
          if (plug.driver) w.empty('driver', [['name', plug.driver]]);
          w.empty('address', [
            ['domain', hex(a.domain, 4)],
            ['bus', hex(a.bus, 2)],
            ['slot', hex(a.slot, 2)],
            ['function', `0x${a.function}`],
          ]);
        },
      );
      return;
    }
    default: {
      const never: never = plug;
      throw new Error(`unknown plug ${String(never)}`);
    }
  }
}
