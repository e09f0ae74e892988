/** The RPC methods of vnmd, each mapped onto the driver or the host layer. */
import { hostInfo, hostInterfaces, proposeBridgeNameOnHost, proposeIpv6Subnet, proposeSubnet } from '../host';
import type { NetworkDriver } from '../driver/driver';
import { addressCidrs } from '../driver/host-steps';
import { currentDef } from '../driver/table';
import { diagnoseNetwork } from '../diagnose/diagnose';
import { applyFix } from '../findings/apply-fix';
import { VERSION } from '../version';
import type { Findings, StatsSample } from '../../../shared/rpc/contract';
import type { Handlers } from './dispatch';
import { chassisFacts } from '../ovn/chassis';
import { ovnConfig } from '../ovn/config';
import { OvnLocalPortsReader } from '../ovn/local-ports';

const OK = { ok: true as const };

/** The part of the stats sampler the RPC methods use. */
export interface StatsAccess {
  readonly intervalSec: number | null;
  history(network: string, seconds: number): StatsSample[];
  setInterval(sec: number | null): void;
}

function knownSubnets(driver: NetworkDriver): { v4: string[]; v6: string[]; bridges: Set<string> } {
  const v4: string[] = [];
  const v6: string[] = [];
  const bridges = new Set<string>();
  for (const e of driver.ctx.table.all()) {
    const def = currentDef(e);
    for (const a of addressCidrs(def)) (a.family === 'ipv4' ? v4 : v6).push(a.cidr);
    if (def.bridge?.name) bridges.add(def.bridge.name);
  }
  return { v4, v6, bridges };
}

/** The part of the findings keeper the RPC methods use. */
export interface FindingsAccess {
  current(refresh: boolean): Promise<Findings>;
  /** A fix was applied: read the findings again (and tell subscribers if they changed). */
  changed(): void;
}

export function buildHandlers(driver: NetworkDriver, stats: StatsAccess, findings: FindingsAccess): Handlers {
  const localPorts = new OvnLocalPortsReader();
  return {
    'network.list': (p) => driver.list(p.filter),
    'network.info': (p) => driver.info(p.network),
    'network.getXml': async (p) => ({ xml: await driver.getXml(p.network, p.inactive) }),
    'network.define': (p) => driver.define(p.xml, p),
    'network.create': (p) => driver.create(p.xml),
    'network.start': (p) => driver.start(p.network),
    'network.destroy': (p) => driver.destroy(p.network),
    'network.undefine': (p) => driver.undefine(p.network),
    'network.setAutostart': (p) => driver.setAutostart(p.network, p.autostart),
    'network.update': (p) => driver.update(p.network, p),
    'network.leases': (p) => driver.leases(p.network, p.mac),
    'network.diagnose': (p) =>
      diagnoseNetwork(driver.ctx.table.lookup(p.network), () => driver.leases(p.network), p.guest),
    'network.applyFix': async (p) => {
      try {
        return await applyFix(driver, p.network, p.check);
      } finally {
        // Also after a failure: a fix of several commands may have applied some of them.
        findings.changed();
      }
    },
    'network.forwards': (p) => {
      const entry = driver.ctx.table.lookup(p.name);
      const def = p.inactive ? (entry.config ?? currentDef(entry)) : currentDef(entry);
      return { forwards: [...(def.forwards ?? [])] };
    },
    'network.addForward': (p) => driver.addForward(p.name, p.forward, p),
    'network.removeForward': (p) =>
      driver.removeForward(
        p.name,
        { protocol: p.protocol, hostPort: p.hostPort, hostAddress: p.hostAddress },
        p,
      ),
    'network.portList': (p) => driver.portList(p.network),
    'network.portCreate': (p) => driver.portCreate(p.network, p.xml),
    'network.portGetXml': (p) => ({ xml: driver.portGetXml(p.network, p.port) }),
    'network.portDelete': (p) => driver.portDelete(p.network, p.port),
    'network.getMetadata': (p) => ({ value: driver.getMetadata(p.network, p) }),
    'network.setMetadata': (p) => driver.setMetadata(p.network, p),
    'network.statsHistory': (p) => stats.history(driver.ctx.table.lookup(p.network).name, p.seconds),
    'host.info': async () => ({
      ...(await hostInfo()),
      vnmdVersion: VERSION,
      statsInterval: stats.intervalSec ?? 0,
    }),
    'host.interfaces': () => hostInterfaces(),
    'host.ovn': () => chassisFacts(ovnConfig()),
    'ovn.localPorts': (p) => localPorts.read(ovnConfig(), p.networks),
    'host.findings': (p) => findings.current(p.refresh),
    'host.propose': async (p) => {
      const known = knownSubnets(driver);
      const [subnet, bridge] = await Promise.all([
        proposeSubnet({ prefix: p.prefix, exclude: [...p.exclude, ...known.v4] }),
        proposeBridgeNameOnHost(known.bridges),
      ]);
      return { subnet, bridge, ipv6Subnet: proposeIpv6Subnet(known.v6) };
    },
    'events.subscribe': (p, ctx) => {
      ctx.subscribe({ types: p.types, networks: p.networks });
      return OK;
    },
    'events.unsubscribe': (_p, ctx) => {
      ctx.unsubscribe();
      return OK;
    },
    'stats.setInterval': (p) => {
      stats.setInterval(p.seconds);
      return OK;
    },
  };
}
