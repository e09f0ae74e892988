/**
 * Port forward benchmark (npm run bench:forward, issue #14): what adding one forward to a
 * running NAT network costs, and what 100 forwards add to a network's start. Each figure is
 * printed beside a floor measured in the same run, interleaved with it so load on the machine
 * hits both alike:
 * - `vnm net-forward-add` then `net-forward-remove` (one `vnm` process each) beside
 *   `vnm net-info` of the same network (a process, a connection, one read-only call);
 *   the same through one client connection beside `network.forwards` (reading the list the
 *   change writes); and once more on a
 *   network that already has 100 forwards (whose chains the change must leave alone);
 * - `network.start` of a NAT network with 100 forwards beside the same network with none.
 * Everything runs in a network namespace made here and removed at the end, also on failure.
 * Figures only, no assertions. Usage: tsx bench/forward.bench.ts [RUNS]
 */
import { loadavg } from 'node:os';
import type { VnmClient } from '../electron/client/client';
import { createNetns, destroyAllNetns } from '../test/helpers/netns';
import { capture } from '../test/helpers/proc';
import { cliBundle, removeDirs, startVnmd, type Vnmd } from '../test/helpers/vnmd';
import { beside, timed } from './figures';

const RUNS = Number(process.argv[2] ?? 15);
const MANY = 100;
const VNM_XMLNS = 'https://vnm.example/xmlns/network/1.0';

/** A NAT network on 10.44.<third>.0/24 with DHCP, and `forwards` TCP forwards from 20000 up. */
function natXml(name: string, third: number, forwards: number): string {
  const rows = Array.from(
    { length: forwards },
    (_, i) =>
      `<vnm:forward protocol="tcp" hostPort="${20000 + third * 1000 + i}" guestAddress="10.44.${third}.${10 + (i % 200)}" guestPort="${8000 + i}"/>`,
  );
  const metadata =
    forwards > 0
      ? `<metadata><vnm:forwards xmlns:vnm="${VNM_XMLNS}">${rows.join('')}</vnm:forwards></metadata>`
      : '';
  return (
    `<network><name>${name}</name>${metadata}<forward mode='nat'/><bridge name='vnmb${name}' stp='off'/>` +
    `<ip address='10.44.${third}.1' prefix='24'><dhcp><range start='10.44.${third}.100' end='10.44.${third}.200'/></dhcp></ip></network>`
  );
}

/** One `vnm` process per call, as a person or a script runs it. */
async function cliRunner(vnmd: Vnmd): Promise<(args: string[]) => Promise<void>> {
  const cli = await cliBundle();
  return async (args) => {
    const r = await capture('node', [cli, '-c', `unix:${vnmd.dirs.socket}`, ...args]);
    if (r.code !== 0) throw new Error(`vnm ${args.join(' ')} failed: ${r.stderr}`);
  };
}

/** Add then remove one forward on `network` RUNS times, each beside a net-info of it. */
async function addCostViaCli(vnm: (args: string[]) => Promise<void>, network: string, guest: string) {
  const add: number[] = [];
  const remove: number[] = [];
  const info: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    info.push(await timed(() => vnm(['net-info', network])));
    add.push(await timed(() => vnm(['net-forward-add', network, 'tcp', '7000', guest])));
    remove.push(await timed(() => vnm(['net-forward-remove', network, 'tcp', '7000'])));
  }
  return { add, remove, info };
}

async function addCostViaClient(c: VnmClient, network: string, guest: string) {
  const add: number[] = [];
  const remove: number[] = [];
  const info: number[] = [];
  const forward = {
    protocol: 'tcp' as const,
    hostPort: { start: 7000, end: 7000 },
    guestAddress: guest,
    guestPort: { start: 7000, end: 7000 },
  };
  for (let i = 0; i < RUNS; i++) {
    info.push(await timed(() => c.call('network.forwards', { name: network })));
    add.push(await timed(() => c.call('network.addForward', { name: network, forward })));
    remove.push(
      await timed(() => c.call('network.removeForward', { name: network, protocol: 'tcp', hostPort: 7000 })),
    );
  }
  return { add, remove, info };
}

/** Starts (and destroys) the two networks in turn, RUNS times each. */
async function startCost(c: VnmClient, withMany: string, withNone: string) {
  const many: number[] = [];
  const none: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    none.push(await timed(() => c.call('network.start', { network: withNone })));
    await c.call('network.destroy', { network: withNone });
    many.push(await timed(() => c.call('network.start', { network: withMany })));
    await c.call('network.destroy', { network: withMany });
  }
  return { many, none };
}

async function main(): Promise<void> {
  const ns = await createNetns('bfwd');
  let vnmd: Vnmd | null = null;
  try {
    vnmd = await startVnmd(ns);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(`port forward benchmark: ${RUNS} runs per figure, load average ${load}`);
    const c = await vnmd.client();
    const vnm = await cliRunner(vnmd);
    await c.call('network.define', { xml: natXml('fwd', 1, 0) });
    await c.call('network.start', { network: 'fwd' });

    const cli = await addCostViaCli(vnm, 'fwd', '10.44.1.10');
    beside('vnm net-forward-add (running network)', cli.add, 'vnm net-info', cli.info);
    beside('vnm net-forward-remove (running network)', cli.remove, 'vnm net-info', cli.info);
    const rpc = await addCostViaClient(c, 'fwd', '10.44.1.10');
    beside('network.addForward, one connection', rpc.add, 'network.forwards, same connection', rpc.info);
    beside(
      'network.removeForward, one connection',
      rpc.remove,
      'network.forwards, same connection',
      rpc.info,
    );
    await c.call('network.destroy', { network: 'fwd' });

    await c.call('network.define', { xml: natXml('f100', 2, MANY) });
    await c.call('network.define', { xml: natXml('f0', 3, 0) });
    const start = await startCost(c, 'f100', 'f0');
    beside(`network.start, NAT network with ${MANY} forwards`, start.many, 'the same with none', start.none);

    await c.call('network.start', { network: 'f100' });
    // The figure is only worth something if the forwards were really installed.
    const chains = (await ns.exec('nft', ['list', 'table', 'inet', 'vnm'])).stdout;
    console.log(
      `(with ${MANY} forwards running: ${chains.match(/chain pf/g)?.length ?? 0} forward chains in the vnm table)`,
    );
    const busy = await addCostViaCli(vnm, 'f100', '10.44.2.250');
    beside(`vnm net-forward-add beside ${MANY} forwards`, busy.add, 'vnm net-info', busy.info);
    await c.call('network.destroy', { network: 'f100' });
    c.close();
  } finally {
    await vnmd?.kill();
    if (vnmd) removeDirs(vnmd.dirs);
    await destroyAllNetns();
  }
}

await main();
