/**
 * OVN networks (issue 19), npm run bench:ovn: in a lab of its own (test/helpers/ovn-hosts.ts:
 * central + two simulated hosts, userspace datapath), host A's vnmd defines and starts a NAT
 * OVN network ROUNDS times; each round a guest on host B takes OVN's DHCP lease. Prints the
 * lab's start-up, define+start, the first lease (udhcpc alone, and from net-start to the
 * lease), destroy+undefine, and the memory of the control plane and of each chassis's
 * daemons. Prints figures; asserts nothing. Must run as root.
 * Usage: tsx bench/ovn.bench.ts [ROUNDS]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { runUdhcpc } from '../test/helpers/guest';
import { createOvnLab, ovnMissing, type OvnLab } from '../test/helpers/ovn-hosts';
import { killAllVnmd, startVnmd } from '../test/helpers/vnmd';
import { beside, stats, timed } from './figures';

const ROUNDS = Number(process.argv[2] ?? 5);

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function pidIn(dir: string, name: string): number {
  return Number(readFileSync(join(dir, `${name}.pid`), 'utf8').trim());
}

function xml(round: number): string {
  const uuid = `6b1c3f1e-7d1b-4c59-9e8f-${String(round).padStart(12, '0')}`;
  return `<network><name>bench${round}</name><uuid>${uuid}</uuid><metadata>
  <vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat" subnet="10.${100 + round}.0.0/24">
    <vnm:dhcp start="10.${100 + round}.0.100" end="10.${100 + round}.0.199"/>
    <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.${10 + round}/24" nexthop="198.51.100.1"/>
  </vnm:ovn></metadata><forward mode='bridge'/><bridge name='br-int'/><virtualport type='openvswitch'/></network>`;
}

async function main(): Promise<void> {
  const missing = ovnMissing();
  if (missing) {
    console.error(`bench:ovn: ${missing}`);
    process.exit(1);
  }
  let lab: OvnLab | null = null;
  try {
    const t0 = performance.now();
    lab = await createOvnLab(2);
    const labMs = performance.now() - t0;
    const [hostA, hostB] = lab.hosts as [OvnLab['hosts'][0], OvnLab['hosts'][0]];
    await lab.addUplink(hostA, 'uplink', '198.51.100.1/24');
    const vnmd = await startVnmd(hostA.ns, { env: hostA.env });
    const c = await vnmd.client();
    const start: number[] = [];
    const lease: number[] = [];
    const toLease: number[] = [];
    const stop: number[] = [];
    const diagnose: number[] = [];
    const facts: number[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      const name = `bench${i}`;
      const mac = `52:54:00:bb:00:${String(i).padStart(2, '0')}`;
      const t = performance.now();
      start.push(
        await timed(async () => {
          await c.call('network.define', { xml: xml(i) });
          await c.call('network.start', { network: name });
        }),
      );
      const port = await c.call('network.portCreate', {
        network: name,
        xml: `<networkport><uuid>7b000000-0000-4000-8000-${String(i).padStart(12, '0')}</uuid><owner><name>g${i}</name><uuid>0f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid></owner><mac address='${mac}'/></networkport>`,
      });
      const guest = await lab.plugGuest(hostB, port.uuid, mac);
      const l = await runUdhcpc(guest, { tries: 10 });
      toLease.push(performance.now() - t);
      lease.push(l.elapsedMs);
      // The checklist against its first step alone: host.ovn, this chassis's facts.
      diagnose.push(await timed(() => c.call('network.diagnose', { network: name, guest: mac })));
      facts.push(await timed(() => c.call('host.ovn', {})));
      if (i === ROUNDS) {
        const central = lab.central.pids.reduce((s, p) => s + rssKb(p), 0);
        const chassis = (dir: string) =>
          ['ovsdb-server', 'ovs-vswitchd', 'ovn-controller'].reduce((s, d) => s + rssKb(pidIn(dir, d)), 0);
        console.log(
          `control plane (NB + SB ovsdb-server, ovn-northd) RSS: ${(central / 1024).toFixed(1)} MB`,
        );
        console.log(
          `chassis daemons (ovsdb-server, ovs-vswitchd, ovn-controller) RSS: host A ${(chassis(hostA.dir) / 1024).toFixed(1)} MB, host B ${(chassis(hostB.dir) / 1024).toFixed(1)} MB`,
        );
        console.log(`vnmd on host A RSS: ${(rssKb(vnmd.pid) / 1024).toFixed(1)} MB`);
      }
      await guest.destroy();
      stop.push(
        await timed(async () => {
          await c.call('network.destroy', { network: name });
          await c.call('network.undefine', { network: name });
        }),
      );
    }
    console.log(`lab up (central + 2 chassis registered)     ${labMs.toFixed(0)} ms`);
    console.log(`define + start, NAT OVN network             ${stats(start)}`);
    console.log(`first lease on host B (udhcpc alone)        ${stats(lease)}`);
    console.log(`define + start + port + plug + lease        ${stats(toLease)}`);
    console.log(`destroy + undefine                          ${stats(stop)}`);
    beside('net-diagnose --guest, OVN network', diagnose, "host.ovn (the chassis's facts)", facts);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 shared cores)`,
    );
  } finally {
    await killAllVnmd();
    await lab?.destroy();
  }
}

await main();
