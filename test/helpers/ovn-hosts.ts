/**
 * OVN across simulated hosts for integration tests, on the sandbox's lab
 * (electron/sandbox/ovn-lab.ts): central and N hosts in namespaces named `vnmt-…` (the tests'
 * sweep covers them), daemons children of the test process, one temp folder; destroy() kills
 * the daemons by pid, deletes the namespaces and the folder. Adds what tests need beside it:
 * guests on br-int, a localnet uplink, and a Geneve counter on the underlay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mapPhysnet,
  ovnMissing,
  plugIntoBrInt,
  startOvnLab,
  type OvnCentral,
  type OvnHost as LabHost,
} from '../../electron/sandbox/ovn-lab';
import { connectVeth, createNetns, type TestNetns } from './netns';

export { ovnMissing };
export type OvnHost = LabHost<TestNetns>;

export interface OvnLab {
  readonly central: OvnCentral<TestNetns>;
  readonly hosts: readonly OvnHost[];
  /** Packets seen on the underlay with UDP destination port 6081 (Geneve). */
  geneveCount(): Promise<number>;
  /** A guest namespace plugged into `host`'s br-int as the OVS port of interface id `ifaceId`. */
  plugGuest(host: OvnHost, ifaceId: string, mac: string): Promise<TestNetns>;
  /** An uplink namespace on `host`'s bridge mapping `physnet` (a localnet network), at `address`. */
  addUplink(host: OvnHost, physnet: string, address: string): Promise<TestNetns>;
  destroy(): Promise<void>;
}

const GENEVE_COUNTER =
  'table bridge vnmt_geneve {\n counter geneve {\n }\n chain underlay {\n  type filter hook forward priority 0;\n  udp dport 6081 counter name geneve\n }\n}\n';

/** Central and `count` hosts, every chassis registered in the southbound database. */
export async function createOvnLab(count = 2): Promise<OvnLab> {
  const base = mkdtempSync(join(tmpdir(), 'vnmt-ovn-'));
  const namespaces: TestNetns[] = [];
  const makeNs = async (role: string) => {
    const ns = await createNetns(role);
    namespaces.push(ns);
    return ns;
  };
  let stopDaemons = () => undefined as void;
  const destroy = async () => {
    stopDaemons();
    await Promise.all(namespaces.map((ns) => ns.destroy()));
    rmSync(base, { recursive: true, force: true });
  };
  try {
    const lab = await startOvnLab({ dir: base, makeNs, count, vnmdTimeoutS: 3 });
    stopDaemons = () => lab.stop();
    const { central } = lab;
    await central.ns.exec('nft', ['-f', '-'], { input: GENEVE_COUNTER });
    let guests = 0;
    return {
      central,
      hosts: lab.hosts,
      destroy,
      async geneveCount() {
        const r = await central.ns.exec('nft', ['-j', 'list', 'counter', 'bridge', 'vnmt_geneve', 'geneve']);
        const items = (JSON.parse(r.stdout) as { nftables: { counter?: { packets: number } }[] }).nftables;
        return items.find((i) => i.counter)?.counter?.packets ?? 0;
      },
      async plugGuest(host, ifaceId, mac) {
        const ns = await makeNs('ovng');
        const port = `gp${++guests}`;
        await connectVeth(host.ns, port, ns, 'eth0');
        await ns.exec('ip', ['link', 'set', 'dev', 'eth0', 'address', mac]);
        // The userspace datapath drops TCP whose checksum the guest left to offload.
        await ns.exec('ethtool', ['-K', 'eth0', 'tx', 'off']);
        await plugIntoBrInt(host, port, ifaceId);
        return ns;
      },
      async addUplink(host, physnet, address) {
        const ns = await makeNs('ovnu');
        await connectVeth(ns, 'eth0', host.ns, 'eth-ext');
        await ns.exec('ethtool', ['-K', 'eth0', 'tx', 'off']);
        await ns.exec('ip', ['addr', 'add', address, 'dev', 'eth0']);
        await mapPhysnet(host, physnet, 'eth-ext');
        return ns;
      },
    };
  } catch (err) {
    await destroy();
    throw err;
  }
}
