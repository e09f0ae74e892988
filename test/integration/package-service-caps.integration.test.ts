/**
 * vnmd under the restrictions vnmd.service puts on it that this machine can apply without
 * systemd as PID 1: the unit's CapabilityBoundingSet and NoNewPrivileges, through setpriv.
 * Inside a sandbox host of namespaces, vnmd must still start a NAT network (bridge, nft,
 * sysctls), its dnsmasq must hand a guest a lease, and stop and undefine must leave the host
 * as it was. A capability missing from the unit fails here, not on a user's desktop.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { unitSection } from '../helpers/package-layout';
import type { Sandbox } from '../helpers/sandbox';
import { hostSnapshot, startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const XML = `<network>
  <name>caps</name>
  <forward mode='nat'/>
  <bridge name='vnmbr0' stp='off'/>
  <ip address='10.78.0.1' prefix='24'><dhcp><range start='10.78.0.10' end='10.78.0.50'/></dhcp></ip>
</network>`;
const CAP_SYS_ADMIN = 21n;

const service = unitSection('vnmd.service', 'Service');
const caps = (service.get('CapabilityBoundingSet')?.[0] ?? '').split(' ').filter(Boolean);
/** setpriv's spelling: -all,+net_admin,+net_raw,... */
const boundingSet = ['-all', ...caps.map((c) => `+${c.replace(/^CAP_/, '').toLowerCase()}`)].join(',');

const wrap = ['setpriv', `--bounding-set=${boundingSet}`, '--no-new-privs'];

let sb: Sandbox;
let vnmd: Vnmd;

beforeAll(() => {
  expect(service.get('NoNewPrivileges')).toEqual(['yes']);
});

setUpVnmdSandbox('caps', (s) => ({ sb, vnmd } = s), { client: false, vnmd: () => ({ wrap }) });

function capBits(pid: number, field: 'CapEff' | 'CapBnd'): bigint {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return BigInt(`0x${new RegExp(`^${field}:\\s*([0-9a-f]+)$`, 'm').exec(status)?.[1] ?? '0'}`);
}

describe('vnmd with vnmd.service’s capability bounding set and no_new_privs', () => {
  it('runs restricted (the restriction took effect)', () => {
    expect(caps.length).toBeGreaterThan(0);
    expect((capBits(vnmd.pid, 'CapBnd') >> CAP_SYS_ADMIN) & 1n).toBe(0n);
    expect((capBits(vnmd.pid, 'CapEff') >> CAP_SYS_ADMIN) & 1n).toBe(0n);
    expect(readFileSync(`/proc/${vnmd.pid}/status`, 'utf8')).toMatch(/^NoNewPrivs:\s*1$/m);
  });

  it('starts a NAT network whose dnsmasq leases to a guest, and removes it all again', async () => {
    const before = await hostSnapshot(sb.host);
    const c = await vnmd.client();
    try {
      await c.call('network.define', { xml: XML });
      await c.call('network.start', { network: 'caps' });
      const info = await c.call('network.info', { network: 'caps' });
      expect(info).toMatchObject({ active: true, problem: null });
      expect(info.dnsmasqPid).toBeGreaterThan(0);
      // dnsmasq drops to nobody with the unit's SETUID/SETGID, as libvirt's does.
      expect(readFileSync(`/proc/${info.dnsmasqPid}/status`, 'utf8')).toMatch(/^Uid:\s+65534\s/m);
      const guest = await createGuest(sb.host, 'vnmbr0');
      const lease = await runUdhcpc(guest.ns);
      expect(lease.ip).toMatch(/^10\.78\.0\./);
      await guest.ns.destroy();
    } finally {
      c.close();
    }
    // A restart adopts that dnsmasq: telling it is ours must not need CAP_SYS_PTRACE.
    await vnmd.kill();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs, wrap });
    const c2 = await vnmd.client();
    try {
      const info = await c2.call('network.info', { network: 'caps' });
      expect(info).toMatchObject({ active: true, problem: null });
      await c2.call('network.destroy', { network: 'caps' });
      await c2.call('network.undefine', { network: 'caps' });
    } finally {
      c2.close();
    }
    expect(await hostSnapshot(sb.host)).toEqual(before);
  });
});
