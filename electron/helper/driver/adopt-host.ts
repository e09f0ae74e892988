/**
 * At vnmd start, a network a previous vnmd left running is checked against its definition
 * before it is adopted: its bridge up, its addresses and static routes there, its traffic
 * shaping (<bandwidth>) in place, and its dnsmasq alive (and ours). What is missing is put
 * back the way start makes it (the rules are checked apart, for all networks at once:
 * firewall/repair.ts). Returns what it repaired, for the log; a failure to repair throws,
 * and the caller reports the network with a problem.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { dnsmasqNeeded } from '../../../shared/dnsmasq/config';
import type { IpBatch } from '../bridge/ip-batch';
import { parseAddress, tryParseCidr, formatCidr } from '../../../shared/net/cidr';
import { runJson } from '../exec';
import type { RunStatus } from '../store/status-store';
import type { DriverContext } from './context';
import type { DnsmasqRecord } from './dnsmasq-control';
import { networkFiles, writeDnsmasqFiles } from './files';
import { addressCidrs } from './host-steps';
import { shapingPlan } from '../shaping/bandwidth-plan';
import { applyShaping, missingShaping, removeShaping } from '../shaping/shaping';

interface IpAddrLink {
  flags?: string[];
  addr_info?: { local?: string; prefixlen?: number }[];
}

const sameAddress = (a: string, b: string) => {
  const x = parseAddress(a);
  const y = parseAddress(b);
  return !!x && !!y && x.family === y.family && x.value === y.value;
};

const canonical = (cidr: string) => {
  const c = tryParseCidr(cidr.includes('/') ? cidr : `${cidr}/${cidr.includes(':') ? 128 : 32}`);
  return c ? formatCidr(c) : cidr;
};

/** Link up, addresses and routes of a bridge vnmd made; returns what it put back. */
async function repairBridge(
  ip: IpBatch,
  live: NetworkDef,
  bridge: string,
  routes: readonly string[],
): Promise<string[]> {
  const links = await runJson<IpAddrLink[] | null>('ip', ['-json', 'addr', 'show', 'dev', bridge]);
  const link = links?.[0];
  if (!link) throw new Error(`bridge ${bridge} vanished`);
  const commands: string[][] = [];
  const repaired: string[] = [];
  for (const { cidr, family } of addressCidrs(live)) {
    const [addr, prefix] = cidr.split('/');
    const there = (link.addr_info ?? []).some(
      (a) => a.local !== undefined && sameAddress(a.local, addr!) && a.prefixlen === Number(prefix),
    );
    if (there) continue;
    repaired.push(`address ${cidr}`);
    commands.push(
      family === 'ipv4'
        ? ['addr', 'add', cidr, 'brd', '+', 'dev', bridge]
        : ['addr', 'add', cidr, 'dev', bridge, 'nodad'],
    );
  }
  if (!(link.flags ?? []).includes('UP')) {
    repaired.push('link up');
    commands.push(['link', 'set', 'dev', bridge, 'up']);
  }
  if (commands.length > 0) await ip.run(commands);
  // A link that went down lost its routes with it: look only now.
  const present = new Set<string>();
  for (const family of ['-4', '-6']) {
    const list = await runJson<{ dst?: string }[] | null>('ip', [
      family,
      '-json',
      'route',
      'show',
      'dev',
      bridge,
    ]);
    for (const r of list ?? []) if (r.dst) present.add(canonical(r.dst));
  }
  const missing = routes.filter((r) => !present.has(canonical(r.split(' ')[0]!)));
  if (missing.length > 0) {
    await ip.run(missing.map((r) => ['route', 'replace', ...r.split(' ')]));
    repaired.push(...missing.map((r) => `route ${r}`));
  }
  return repaired;
}

/**
 * The network's <bandwidth> shaping, put back whole when any part of it is gone (someone ran
 * `tc qdisc del`, or deleted the ifb): removing what is left first gives one known state.
 */
async function repairShaping(ip: IpBatch, live: NetworkDef, bridge: string): Promise<string[]> {
  const plan = shapingPlan(live.bandwidth, bridge);
  if (!plan) return [];
  const missing = await missingShaping(plan, bridge);
  if (missing.length === 0) return [];
  await removeShaping(ip, bridge, plan.outbound?.ifb ?? null);
  await applyShaping(ip, plan, bridge);
  return missing;
}

/**
 * Checks and repairs one network's bridge, traffic shaping and dnsmasq; returns the status to keep (a new
 * dnsmasq pid when it had to be started again) and what was repaired.
 */
export async function repairHost(
  ctx: DriverContext,
  status: RunStatus,
  live: NetworkDef,
): Promise<{ status: RunStatus; repaired: string[] }> {
  const repaired =
    status.bridge && status.created.bridge
      ? await repairBridge(ctx.ip, live, status.bridge, status.created.routes)
      : [];
  if (status.bridge && status.created.bridge)
    repaired.push(...(await repairShaping(ctx.ip, live, status.bridge)));
  const record = status.created.dnsmasq;
  if (!record || !status.bridge || !dnsmasqNeeded(live)) return { status, repaired };
  const found = await ctx.dnsmasq.find(record, status.name);
  if (found === record.pid) return { status, repaired };
  let dnsmasq: DnsmasqRecord;
  if (found !== undefined) {
    // Ours under another pid: a previous vnmd restarted it and died before saving the pid.
    dnsmasq = { ...record, pid: found };
  } else {
    const files = networkFiles(ctx.dirs, status.name);
    await writeDnsmasqFiles(live, files, status.bridge);
    dnsmasq = await ctx.dnsmasq.start(status.name, files);
    repaired.push(`dnsmasq (pid ${dnsmasq.pid})`);
  }
  const next = { ...status, created: { ...status.created, dnsmasq } };
  await ctx.statusStore.save(next);
  return { status: next, repaired };
}
