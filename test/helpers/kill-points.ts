/**
 * kill -9 of vnmd at a real point of a destroy or a start of three networks (issue 20,
 * item 4), and the verdict on each network after vnmd starts again: fully running (bridge
 * up with its addresses, dnsmasq alive, its nft chains and map elements in place, no
 * problem), fully stopped (none of these left), or half. The kill comes from vnmd itself,
 * right after its Nth host change (VNMD_CRASH_AFTER, see electron/helper/crash-point.ts).
 * Shared by vnmd-kill-points.integration.test.ts and bench/hardening.bench.ts.
 */
import { readFileSync } from 'node:fs';
import type { VnmClient } from '../../electron/client/client';
import type { TestNetns } from './netns';
import { hostSnapshot, makeDirs, removeDirs, startVnmd, type Vnmd } from './vnmd';

export type Op = 'destroy' | 'start';

export const NETWORKS = [
  { name: 'kpa', bridge: 'kpbr0', net: '10.81.0', forward: `<forward mode='nat'/>` },
  { name: 'kpb', bridge: 'kpbr1', net: '10.82.0', forward: `<forward mode='route'/>` },
  { name: 'kpc', bridge: 'kpbr2', net: '10.83.0', forward: '' },
] as const;

const xmlOf = (n: (typeof NETWORKS)[number]) => `<network>
  <name>${n.name}</name>${n.forward}
  <bridge name='${n.bridge}' stp='off'/>
  <ip address='${n.net}.1' prefix='24'><dhcp><range start='${n.net}.10' end='${n.net}.50'/></dhcp></ip>
</network>`;

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

async function nsJson<T>(ns: TestNetns, cmd: string, args: string[]): Promise<T | null> {
  const r = await ns.tryExec(cmd, args);
  return r.code === 0 && r.stdout.trim() ? (JSON.parse(r.stdout) as T) : null;
}

export interface Seen {
  active: boolean;
  problem: string | null;
  bridgeUp: boolean | null;
  address: boolean;
  dnsmasq: boolean;
  chains: number;
  jump: boolean;
}

/** What the host really has of one network, and what vnmd says of it. */
async function observe(ns: TestNetns, c: VnmClient, n: (typeof NETWORKS)[number]): Promise<Seen> {
  const info = await c.call('network.info', { network: n.name });
  const links = await nsJson<{ ifname: string; flags: string[]; addr_info?: { local: string }[] }[]>(
    ns,
    'ip',
    ['-j', 'addr', 'show'],
  );
  const link = links?.find((l) => l.ifname === n.bridge);
  const table = await nsJson<{ nftables: Record<string, Record<string, unknown>>[] }>(ns, 'nft', [
    '-j',
    'list',
    'table',
    'inet',
    'vnm',
  ]);
  const entries = table?.nftables ?? [];
  const chains = entries.filter((e) => e.chain && String(e.chain.name).endsWith(`_${n.name}`)).length;
  const jumps = entries.find((e) => e.map?.name === 'forward_jumps')?.map?.elem as unknown[][] | undefined;
  const jump = (jumps ?? []).some((pair) => pair[0] === n.bridge);
  const pids = (await ns.tryExec('ip', ['netns', 'pids', ns.name])).stdout.split(/\s+/).filter(Boolean);
  const dnsmasq = pids.some((pid) => {
    const cmd = cmdline(pid);
    return cmd.includes('dnsmasq') && cmd.includes(`/${n.name}.conf`);
  });
  return {
    active: info.active,
    problem: info.problem,
    bridgeUp: link ? link.flags.includes('UP') : null,
    address: !!link?.addr_info?.some((a) => a.local === `${n.net}.1`),
    dnsmasq,
    chains,
    jump,
  };
}

function verdict(n: (typeof NETWORKS)[number], s: Seen): 'running' | 'stopped' | 'half' {
  const chains = n.forward.includes('nat') ? 2 : 1;
  const running =
    s.active &&
    s.problem === null &&
    s.bridgeUp === true &&
    s.address &&
    s.dnsmasq &&
    s.chains === chains &&
    s.jump;
  const stopped = !s.active && s.bridgeUp === null && !s.dnsmasq && s.chains === 0 && !s.jump;
  return running ? 'running' : stopped ? 'stopped' : 'half';
}

async function defineAndStart(c: VnmClient): Promise<void> {
  for (const n of NETWORKS) await c.call('network.define', { xml: xmlOf(n) });
  await Promise.all(NETWORKS.map((n) => c.call('network.start', { network: n.name })));
}

const ignore = () => undefined;

/**
 * One run: sets up, runs `op` in a vnmd that kills itself after `crashAfter` host changes
 * (0: never, with every point traced), starts vnmd again and returns each network's state
 * plus the log of the crashed vnmd.
 */
export async function runOnce(
  ns: TestNetns,
  op: Op,
  crashAfter: number,
): Promise<{ outcome: string[]; log: string; seen: Seen[] }> {
  const dirs = makeDirs();
  const env: Record<string, string> =
    crashAfter > 0 ? { VNMD_CRASH_AFTER: String(crashAfter) } : { VNMD_CRASH_TRACE: '1' };
  let vnmd: Vnmd | null = null;
  try {
    if (op === 'destroy') {
      vnmd = await startVnmd(ns, { dirs });
      const c0 = await vnmd.client();
      await defineAndStart(c0);
      c0.close();
      await vnmd.kill();
    }
    vnmd = await startVnmd(ns, { dirs, env });
    const c1 = await vnmd.client();
    if (op === 'destroy') {
      await Promise.all(NETWORKS.map((n) => c1.call('network.destroy', { network: n.name }).catch(ignore)));
    } else {
      await defineAndStart(c1).catch(ignore);
    }
    c1.close();
    await vnmd.kill();
    const log = vnmd.log();
    vnmd = await startVnmd(ns, { dirs });
    const c = await vnmd.client();
    const seen: Seen[] = [];
    for (const n of NETWORKS) {
      // A start killed before its define leaves no network at all: that is stopped too.
      const known = (await c.call('network.list', { filter: 'all' })).some((x) => x.name === n.name);
      seen.push(
        known
          ? await observe(ns, c, n)
          : {
              active: false,
              problem: null,
              bridgeUp: null,
              address: false,
              dnsmasq: false,
              chains: 0,
              jump: false,
            },
      );
    }
    const outcome = NETWORKS.map((n, i) => verdict(n, seen[i]!));
    // Leave the namespace as it was for the next run, through vnmd itself.
    for (const n of NETWORKS) {
      await c.call('network.destroy', { network: n.name }).catch(ignore);
      await c.call('network.undefine', { network: n.name }).catch(ignore);
    }
    c.close();
    await vnmd.stop();
    vnmd = null;
    return { outcome, log, seen };
  } finally {
    await vnmd?.kill();
    removeDirs(dirs);
  }
}

export const points = (log: string) =>
  log.split('\n').filter((l) => l.startsWith('vnmd: crash point')).length;

export interface KillTally {
  /** Host changes the operation makes (crash points); runs kill after one picked at random. */
  readonly points: number;
  readonly running: number;
  readonly stopped: number;
  readonly half: number;
  /** Runs that left a half network, with what was seen. */
  readonly halves: string[];
  /** Runs after which cleanup through vnmd did not leave the namespace as it found it. */
  readonly leftovers: number[];
}

/**
 * `runs` runs of `op`, each killed after a random one of its crash points, after a traced
 * run that counts them. `ns` must be clean (nothing of vnm's in it); `say` gets each run's line.
 */
export async function killRuns(
  ns: TestNetns,
  op: Op,
  runs: number,
  say: (line: string) => void,
): Promise<KillTally> {
  const clean = JSON.stringify(await hostSnapshot(ns));
  const traced = await runOnce(ns, op, 0);
  const total = points(traced.log);
  const after = JSON.stringify(await hostSnapshot(ns));
  if (after !== clean) throw new Error(`a whole ${op} without a kill left the namespace changed`);
  const tally = { running: 0, stopped: 0, half: 0 };
  const halves: string[] = [];
  const leftovers: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const n = 1 + Math.floor(Math.random() * total);
    const { outcome, seen } = await runOnce(ns, op, n);
    for (const o of outcome) tally[o as keyof typeof tally]++;
    say(`${op} run ${run}: killed after point ${n} of ${total}: ${outcome.join(' ')}`);
    if (outcome.includes('half')) halves.push(`run ${run} (point ${n}): ${JSON.stringify(seen)}`);
    if (JSON.stringify(await hostSnapshot(ns)) !== clean) leftovers.push(run);
  }
  return { points: total, ...tally, halves, leftovers };
}
