/**
 * A guest port of an OVN network is a Logical_Switch_Port named by the interface id that the
 * hypervisor puts in the OVS port's external_ids:iface-id (libvirt's <virtualport
 * type='openvswitch'> interfaceid). With DHCP on, OVN gives it an address from the range
 * ("MAC dynamic") and answers its DHCP itself.
 */
import { ovnSwitchName } from '../../../shared/model/ovn';
import type { OvnConfig } from './config';
import { findUuids, nbctl, ovsdbString } from './nbctl';
import type { OvnNetworkRef } from './objects';
import { tags } from './objects';

export async function addOvnPort(
  cfg: OvnConfig,
  ref: OvnNetworkRef,
  ifaceId: string,
  mac: string,
): Promise<void> {
  const dhcp = ref.ovn.dhcp ? await findUuids(cfg, 'DHCP_Options', tags(ref)) : [];
  const addresses = dhcp.length > 0 ? `${mac} dynamic` : mac;
  await nbctl(cfg, [
    '--',
    '--id=@p',
    'create',
    'Logical_Switch_Port',
    `name=${ovsdbString(ifaceId)}`,
    `addresses=[${ovsdbString(addresses)}]`,
    ...(dhcp[0] ? [`dhcpv4_options=${dhcp[0]}`] : []),
    ...tags(ref),
    `external_ids:vnm-port=${ovsdbString(ifaceId)}`,
    '--',
    'add',
    'Logical_Switch',
    ovnSwitchName(ref.name, ref.ovn),
    'ports',
    '@p',
  ]);
}

export async function removeOvnPort(
  cfg: OvnConfig,
  ref: Pick<OvnNetworkRef, 'name' | 'uuid'>,
  ifaceId: string,
): Promise<void> {
  const found = await findUuids(cfg, 'Logical_Switch_Port', [
    ...tags(ref),
    `external_ids:vnm-port=${ovsdbString(ifaceId)}`,
  ]);
  if (found.length > 0)
    await nbctl(
      cfg,
      found.flatMap((u) => ['--', '--if-exists', 'lsp-del', u]),
    );
}
