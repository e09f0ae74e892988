/**
 * One network port: a guest interface plugged into a network, as libvirt's network port XML
 * describes it (https://libvirt.org/formatnetworkport.html). vnmd records ports while their
 * network runs (`net-port-create`) and applies what it can; the codec in
 * shared/xml/*-network-port.ts reads and writes exactly this shape.
 */
import type { Bandwidth, PciAddress, Virtualport, Vlan, YesNo } from './network';

export const PORT_PLUG_TYPES = ['network', 'bridge', 'direct', 'hostdev-pci'] as const;
export type PortPlugType = (typeof PORT_PLUG_TYPES)[number];

/** Where the port is plugged: a bridge (type network or bridge), a macvtap link, or a PCI device. */
export type PortPlug =
  | {
      readonly type: 'network' | 'bridge';
      readonly bridge: string;
      readonly macTableManager?: 'kernel' | 'libvirt';
    }
  | { readonly type: 'direct'; readonly dev: string; readonly mode?: string }
  | {
      readonly type: 'hostdev-pci';
      readonly managed?: YesNo;
      readonly driver?: string;
      readonly address: Omit<PciAddress, 'type'>;
    };

export interface NetworkPortDef {
  /** Canonical 8-4-4-4-12 lower-case form. */
  readonly uuid: string;
  /** The guest (domain) that owns the port. */
  readonly ownerName: string;
  readonly ownerUuid: string;
  /** The portgroup of the network the port takes its settings from. */
  readonly group?: string;
  /** The guest interface's MAC, lower case. */
  readonly mac: string;
  readonly virtualport?: Virtualport;
  readonly bandwidth?: Bandwidth;
  /**
   * <bandwidth classID='N'>: the htb class (1:N, N >= 3) the network gave the port for its
   * inbound floor on the bridge; set by the network at create, as libvirt's class_id.
   */
  readonly classId?: number;
  readonly vlan?: Vlan;
  /** <port isolated='yes|no'/>: absent takes the network's setting. */
  readonly isolated?: YesNo;
  /** <rxfilters trustGuest='yes|no'/>. */
  readonly trustGuest?: YesNo;
  /** Absent until the network fills it in at create (libvirt's "allocate"). */
  readonly plug?: PortPlug;
}
