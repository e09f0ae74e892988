/**
 * The lines for one guest (`--guest MAC|IP|HOSTNAME`): its DHCP lease, the host's neighbour
 * entry for it on the bridge, and its bridge port's counters (what it last sent and got).
 */
import type { DiagnoseCheck, Lease } from '../../../shared/rpc/contract';
import { run, runJson } from '../exec';
import { parseAddress } from '../../../shared/net/cidr';
import type { NetFacts } from './facts';

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export interface GuestRef {
  readonly mac: string | null;
  readonly ip: string | null;
  readonly hostname: string | null;
}

/** Pure: what the user named, completed from the lease that matches it. */
export function findGuest(query: string, leases: readonly Lease[]): { ref: GuestRef; lease: Lease | null } {
  const q = query.trim().toLowerCase();
  const asIp = parseAddress(q);
  const lease =
    leases.find((l) =>
      MAC_RE.test(q)
        ? l.mac === q
        : asIp
          ? parseAddress(l.ip)?.value === asIp.value
          : l.hostname?.toLowerCase() === q,
    ) ?? null;
  return {
    lease,
    ref: {
      mac: lease?.mac ?? (MAC_RE.test(q) ? q : null),
      ip: lease?.ip ?? (asIp ? q : null),
      hostname: lease?.hostname ?? (!MAC_RE.test(q) && !asIp ? query : null),
    },
  };
}

function leaseCheck(query: string, f: NetFacts, lease: Lease | null): DiagnoseCheck {
  if (lease) {
    const expiry = lease.expiry === 0 ? 'never' : new Date(lease.expiry * 1000).toISOString();
    return {
      id: 'guest-lease',
      status: 'ok',
      summary: `The guest holds lease ${lease.ipPrefix}${lease.hostname ? ` as ${lease.hostname}` : ''}.`,
      fix: null,
      details: [`mac ${lease.mac ?? '-'}, expires ${expiry}`],
    };
  }
  const static_ = parseAddress(query) !== null;
  return {
    id: 'guest-lease',
    status: static_ ? 'warn' : 'fail',
    summary: `No DHCP lease of ${f.name} matches '${query}'${static_ ? ' (fine if the guest has a static address)' : ''}.`,
    fix: static_
      ? null
      : 'dhclient -v eth0   # inside the guest: ask for a lease again and watch the replies',
    details: [],
  };
}

interface RawNeigh {
  dst: string;
  lladdr?: string;
  state?: string[];
}

async function neighbourCheck(f: NetFacts, g: GuestRef): Promise<DiagnoseCheck> {
  const rows = (await runJson<RawNeigh[] | null>('ip', ['-json', 'neigh', 'show', 'dev', f.bridge])) ?? [];
  const hit = rows.find(
    (r) =>
      (g.mac !== null && r.lladdr?.toLowerCase() === g.mac) ||
      (g.ip !== null && parseAddress(r.dst)?.value === parseAddress(g.ip)?.value),
  );
  if (!hit || !hit.lladdr || (hit.state ?? []).some((s) => s === 'FAILED' || s === 'INCOMPLETE')) {
    return {
      id: 'guest-neighbour',
      status: 'fail',
      summary: `The host has no working neighbour entry for the guest on ${f.bridge}: it has not answered ARP/ND.`,
      fix: g.ip ? `ping -c 1 -I ${f.bridge} ${g.ip}` : null,
      details: hit ? [`${hit.dst} ${(hit.state ?? []).join(',')}`] : [],
    };
  }
  return {
    id: 'guest-neighbour',
    status: 'ok',
    summary: `The host reaches the guest: ${hit.dst} is at ${hit.lladdr} (${(hit.state ?? []).join(',').toLowerCase()}).`,
    fix: null,
    details: [],
  };
}

interface RawFdb {
  mac: string;
  ifname: string;
  master?: string;
}

interface RawStats {
  stats64?: { rx: { packets: number; bytes: number }; tx: { packets: number; bytes: number } };
}

async function trafficCheck(f: NetFacts, g: GuestRef): Promise<DiagnoseCheck> {
  const { stdout } = await run('bridge', ['-json', 'fdb', 'show', 'br', f.bridge]);
  const fdb = (JSON.parse(stdout.trim() || '[]') as RawFdb[]).filter((e) => e.master === f.bridge);
  const port = g.mac ? fdb.find((e) => e.mac.toLowerCase() === g.mac)?.ifname : undefined;
  if (!port) {
    return {
      id: 'guest-traffic',
      status: 'fail',
      summary: `No port of ${f.bridge} has seen the guest's MAC ${g.mac ?? '(unknown)'}: it sent nothing lately, or is not plugged in.`,
      fix: null,
      details: [],
    };
  }
  const [raw] = (await runJson<RawStats[] | null>('ip', ['-json', '-s', 'link', 'show', 'dev', port])) ?? [];
  const s = raw?.stats64;
  const sent = s
    ? `sent ${s.rx.packets} packets (${s.rx.bytes} bytes), got ${s.tx.packets} (${s.tx.bytes} bytes)`
    : '';
  return {
    id: 'guest-traffic',
    status: 'ok',
    summary: `The guest is on port ${port}${sent ? `: ${sent}` : ''}.`,
    fix: null,
    details: [],
  };
}

export async function guestChecks(
  query: string,
  f: NetFacts,
  leases: readonly Lease[],
): Promise<DiagnoseCheck[]> {
  const { ref, lease } = findGuest(query, leases);
  return [leaseCheck(query, f, lease), await neighbourCheck(f, ref), await trafficCheck(f, ref)];
}
