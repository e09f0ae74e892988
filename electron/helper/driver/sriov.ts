/**
 * libvirt's define-time check of a hostdev pool (networkValidate in bridge_driver.c): each
 * <address type='pci'> must be an SR-IOV virtual function on this host, which sysfs shows
 * as a `physfn` link in the device's folder. A PCI address that is not there at all fails
 * the same way. vnmd refuses such a definition at define and create, in libvirt's words.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkDef, PciAddress } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';

export const PCI_DEVICES_DIR = '/sys/bus/pci/devices';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** virPCIDeviceAddressGetSysfsFile: DOMAIN:BUS:SLOT.FUNCTION under the PCI devices folder. */
export function pciSysfsPath(a: PciAddress, root = PCI_DEVICES_DIR): string {
  return join(root, `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${hex(a.function, 1)}`);
}

async function isVirtualFunction(path: string): Promise<boolean> {
  try {
    await access(join(path, 'physfn'));
    return true;
  } catch {
    return false;
  }
}

/** Throws libvirt's error for the first pool address that is not a VF on this host. */
export async function checkHostdevPool(def: NetworkDef, root = PCI_DEVICES_DIR): Promise<void> {
  if (def.forward?.mode !== 'hostdev') return;
  for (const address of def.forward.addresses) {
    const path = pciSysfsPath(address, root);
    if (!(await isVirtualFunction(path))) {
      throw new VnmError(
        'unsupported',
        `device '${path}' in network '${def.name}' is not an SR-IOV Virtual Function: list the virtual functions of an SR-IOV card (each has a physfn link in sysfs), or use <pf dev='...'/> to take them all.`,
      );
    }
  }
}
