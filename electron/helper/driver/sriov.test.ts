/**
 * The hostdev pool check against a FAKE sysfs tree in a temporary folder (this machine has
 * no SR-IOV card): a VF is a device folder with a physfn link, as the kernel shows it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { parseNetworkXml } from '../../../shared/xml/parse-network';
import { checkHostdevPool, pciSysfsPath, PCI_DEVICES_DIR } from './sriov';

const fakeSysfs = mkdtempSync(join(tmpdir(), 'vnm-fake-sysfs-pci-'));
afterAll(() => rmSync(fakeSysfs, { recursive: true, force: true }));
// 0000:01:00.0 is a physical function; 0000:01:10.0 one of its virtual functions.
mkdirSync(join(fakeSysfs, '0000:01:00.0'));
mkdirSync(join(fakeSysfs, '0000:01:10.0'));
symlinkSync('../0000:01:00.0', join(fakeSysfs, '0000:01:10.0', 'physfn'));

function hostdev(...addresses: string[]): NetworkDef {
  const pool = addresses
    .map((a) => {
      const [bus, slot, fn] = a.split(/[:.]/);
      return `<address type='pci' domain='0x0000' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'/>`;
    })
    .join('');
  const r = parseNetworkXml(
    `<network><name>hd</name><forward mode='hostdev' managed='yes'>${pool}</forward></network>`,
  );
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

describe('hostdev pool addresses', () => {
  it('are looked up where libvirt looks: DOMAIN:BUS:SLOT.FUNCTION in sysfs', () => {
    expect(pciSysfsPath({ type: 'pci', domain: 0, bus: 3, slot: 0x1f, function: 7 })).toBe(
      `${PCI_DEVICES_DIR}/0000:03:1f.7`,
    );
  });

  it('are accepted when each is a virtual function', async () => {
    await expect(checkHostdevPool(hostdev('01:10.0'), fakeSysfs)).resolves.toBeUndefined();
  });

  it.each([
    ['a physical function', '01:00.0'],
    ['an address with no device', '02:00.0'],
  ])("are refused in libvirt's words when one is %s", async (_what, address) => {
    const path = join(fakeSysfs, `0000:${address}`);
    await expect(checkHostdevPool(hostdev('01:10.0', address), fakeSysfs)).rejects.toThrow(
      `device '${path}' in network 'hd' is not an SR-IOV Virtual Function: list the virtual functions`,
    );
  });

  it('leave other modes alone', async () => {
    const r = parseNetworkXml("<network><name>n</name><forward mode='nat'/></network>");
    expect(r.ok && (await checkHostdevPool(r.def, fakeSysfs))).toBeUndefined();
  });
});
