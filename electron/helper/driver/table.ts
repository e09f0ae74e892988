/**
 * What vnmd knows about every network: its persistent definition (if any), its live
 * definition and runtime status (while active), autostart, and any problem to report.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { isOvnNetwork, networkKind } from '../../../shared/model/network';
import type { NetworkSummary } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { RunStatus } from '../store/status-store';

export interface NetworkEntry {
  readonly name: string;
  uuid: string;
  /** The persistent definition; null for a transient network. */
  config: NetworkDef | null;
  autostart: boolean;
  /** The running definition (bridge, MAC assigned); null while inactive. */
  live: NetworkDef | null;
  status: RunStatus | null;
  problem: string | null;
  /** When dnsmasq was restarted, to bound restarts per minute. */
  restarts: number[];
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function normalUuid(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class NetworkTable {
  private readonly byName = new Map<string, NetworkEntry>();

  get(name: string): NetworkEntry | undefined {
    return this.byName.get(name);
  }

  set(entry: NetworkEntry): void {
    this.byName.set(entry.name, entry);
  }

  delete(name: string): void {
    this.byName.delete(name);
  }

  all(): NetworkEntry[] {
    return [...this.byName.values()];
  }

  byUuid(uuid: string): NetworkEntry | undefined {
    const u = normalUuid(uuid);
    return this.all().find((e) => e.uuid === u);
  }

  /** By name, or by UUID as virsh accepts either; not-found names what was asked for. */
  lookup(ref: string): NetworkEntry {
    const entry = this.byName.get(ref) ?? (UUID_RE.test(ref) ? this.byUuid(ref) : undefined);
    if (entry) return entry;
    const what = UUID_RE.test(ref) ? 'uuid' : 'name';
    const shown = ref.length > 60 ? `${ref.slice(0, 60)}…` : ref;
    throw new VnmError(
      'not-found',
      `Network not found: no network with matching ${what} '${shown}'; see vnm net-list --all for the networks vnmd knows.`,
    );
  }
}

/** The definition to show: the live one while active, else the persistent one. */
export function currentDef(entry: NetworkEntry): NetworkDef {
  const def = entry.live ?? entry.config;
  if (!def)
    throw new VnmError('internal', `Network '${entry.name}' has no definition. Please report this as a bug.`);
  return def;
}

export function summarize(entry: NetworkEntry): NetworkSummary {
  const def = currentDef(entry);
  return {
    name: entry.name,
    uuid: entry.uuid,
    active: entry.live !== null,
    persistent: entry.config !== null,
    autostart: entry.autostart,
    // An OVN network is libvirt's host bridge on br-int; people know it as its own kind.
    kind: isOvnNetwork(def) ? 'ovn' : networkKind(def),
    bridge: entry.status?.bridge ?? def.bridge?.name ?? null,
    problem: entry.problem,
  };
}
