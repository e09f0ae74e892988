/**
 * What a network makes of a port at net-port-create, as libvirt's networkAllocatePort (no
 * <plug> given) or networkNotifyPort (<plug> given): the plug filled in with the running
 * bridge, isolation, rxfilters and bandwidth taken from the network (and the port's group) when
 * the port leaves them out, and a floor checked against the network's other ports and given its
 * class (port-floor.ts). What vnm cannot apply to one port is refused with the reason, never
 * recorded and ignored.
 */
import type { NetworkDef, Virtualport } from '../../../shared/model/network';
import { isManagedBridgeKind, networkKind } from '../../../shared/model/network';
import type { NetworkPortDef, PortPlug } from '../../../shared/model/network-port';
import { defined } from '../../../shared/xml/parse-context';
import { VnmError } from '../../../shared/rpc/errors';
import { checkPortBandwidth } from './port-floor';

/** The plug type libvirt gives a port of this network, or null when vnm runs no bridge for it. */
function plugTypeFor(net: NetworkDef): 'network' | 'bridge' | null {
  const kind = networkKind(net);
  if (isManagedBridgeKind(kind)) return 'network';
  if (kind === 'bridge' && net.bridge?.name) return 'bridge';
  return null;
}

function refuseUnapplicable(net: NetworkDef, port: NetworkPortDef): void {
  if (port.vlan) {
    throw new VnmError(
      'unsupported',
      "the port has a <vlan>, which vnm cannot apply (this host's kernel has no 802.1q VLAN support); remove <vlan> from the port XML.",
    );
  }
  if (port.virtualport && !(net.ovn && port.virtualport.type === 'openvswitch')) {
    throw new VnmError(
      'unsupported',
      `<virtualport type='${port.virtualport.type ?? ''}'> not supported for network '${net.name}': vnm plugs ports into a Linux bridge; remove <virtualport> from the port XML.`,
    );
  }
}

function checkPlug(net: NetworkDef, bridge: string, plug: PortPlug, type: 'network' | 'bridge'): void {
  if (plug.type !== 'network' && plug.type !== 'bridge') {
    throw new VnmError(
      'invalid-argument',
      `network '${net.name}' plugs ports into bridge ${bridge}, not as type='${plug.type}'; use <plug type='${type}' bridge='${bridge}'/> or leave <plug> out for vnmd to fill in.`,
    );
  }
  if (plug.bridge !== bridge) {
    throw new VnmError(
      'invalid-argument',
      `the port is plugged into bridge '${plug.bridge}', but network '${net.name}' runs on bridge '${bridge}'; fix <plug bridge=…> or leave <plug> out.`,
    );
  }
}

/**
 * An OVN port's <virtualport type='openvswitch'> with its interfaceid (the OVS port's iface-id
 * and the Logical_Switch_Port's name): the one given, else the port's UUID, as libvirt
 * generates one when it is left out.
 */
export function ovsVirtualport(port: NetworkPortDef): Virtualport {
  const params = port.virtualport?.parameters ?? [];
  if (params.some(([k]) => k === 'interfaceid')) return { type: 'openvswitch', parameters: params };
  return { type: 'openvswitch', parameters: [...params, ['interfaceid', port.uuid]] };
}

/** The iface-id of an OVN port (allocated by allocatePort). */
export function ovsInterfaceId(port: NetworkPortDef): string {
  return port.virtualport?.parameters.find(([k]) => k === 'interfaceid')?.[1] ?? port.uuid;
}

/**
 * The port as the running network `net` on `bridge` records it beside its `others` ports, or a
 * VnmError saying why not.
 */
export function allocatePort(
  net: NetworkDef,
  bridge: string,
  port: NetworkPortDef,
  others: readonly NetworkPortDef[] = [],
): NetworkPortDef {
  const type = plugTypeFor(net);
  if (!type) {
    throw new VnmError(
      'unsupported',
      `network '${net.name}' has no bridge of vnm's to plug a port into (forward mode '${networkKind(net)}').`,
    );
  }
  const group = port.group !== undefined ? net.portgroups.find((g) => g.name === port.group) : undefined;
  refuseUnapplicable(net, port);
  if (net.ovn && (port.bandwidth || group?.bandwidth || port.isolated === 'yes')) {
    // Shaping and isolation act on Linux bridge ports; OVN's br-int is not one (yet: issue 19).
    throw new VnmError(
      'unsupported',
      `network '${net.name}' is an OVN network, where vnm does not yet apply a port's <bandwidth> or <port isolated='yes'/>; remove them from the port XML (or its portgroup).`,
    );
  }
  // libvirt copies the group's bandwidth into a port without its own, so dumpxml shows it.
  const bandwidth = port.bandwidth ?? group?.bandwidth;
  const classId = checkPortBandwidth(net, bridge, { ...port, bandwidth }, others);
  const shaped = defined<NetworkPortDef>({ ...port, bandwidth, classId });
  if (port.plug) {
    // libvirt's "notify": the guest says where it is plugged; the network checks it, adds
    // nothing but the bandwidth, which vnm applies whichever way the port came.
    checkPlug(net, bridge, port.plug, type);
    return shaped;
  }
  const plug: PortPlug = defined({ type, bridge, macTableManager: net.bridge?.macTableManager });
  return defined<NetworkPortDef>({
    ...shaped,
    virtualport: net.ovn ? ovsVirtualport(port) : port.virtualport,
    trustGuest: port.trustGuest ?? group?.trustGuestRxFilters ?? net.trustGuestRxFilters,
    isolated: port.isolated ?? net.portIsolated,
    plug,
  });
}
