/**
 * `network.diagnose` for an OVN network: a bridge network's checklist (bridge, dnsmasq, nft)
 * says nothing here, since OVN does the work. What a person would check instead, in order:
 * this host as a chassis, the central databases, the northbound rows vnm made, the router's
 * gateway bound to a chassis, every guest port bound and addressed, then the guest if one is
 * named. Read-only. When the northbound database does not answer, that is the one line that
 * matters: the rest would only repeat it.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { OvnSettings } from '../../../shared/model/ovn';
import { ovnSwitchName } from '../../../shared/model/ovn';
import type { DiagnoseCheck, OvnHostFacts } from '../../../shared/rpc/contract';
import { chassisFacts } from '../ovn/chassis';
import type { OvnConfig } from '../ovn/config';
import type { OvnGuestPort } from '../ovn/guest-ports';
import { networkGuestPorts } from '../ovn/guest-ports';
import { listOvnObjects } from '../ovn/northbound';
import { routerNames } from '../ovn/objects';
import { portHosts } from '../ovn/southbound';
import type { RunStatus } from '../store/status-store';
import { findOvnGuest, ovnGuestChecks } from './ovn-guest-checks';

type OvnDef = NetworkDef & { ovn: OvnSettings };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');

/** Pure: this host as a chassis, from its facts (the northbound database is the next line). */
export function chassisCheck(facts: OvnHostFacts): DiagnoseCheck {
  const problems = facts.problems.filter((p) => p !== facts.northbound.error);
  const details = [
    `system-id ${facts.systemId ?? '-'}, encap ${facts.encapType ?? '-'} ${facts.encapIp ?? '-'}`,
    `ovn-remote ${facts.ovnRemote ?? '-'}, bridge mappings ${facts.bridgeMappings ?? '-'}`,
  ];
  if (problems.length > 0) {
    return {
      id: 'ovn-chassis',
      status: 'fail',
      summary: `This host is not a working OVN chassis: ${problems[0]}.`,
      fix: null,
      details: [...problems.slice(1), ...details],
    };
  }
  return {
    id: 'ovn-chassis',
    status: 'ok',
    summary: `This host is an OVN chassis: ovs-vswitchd and ovn-controller run (pids ${facts.ovsVswitchdPid}, ${facts.ovnControllerPid}).`,
    fix: null,
    details,
  };
}

/** Pure: whether the northbound database answered. */
export function centralCheck(nbDb: string, error: string | null, ms: number): DiagnoseCheck {
  if (error !== null) {
    return {
      id: 'ovn-central',
      status: 'fail',
      summary:
        `OVN's northbound database (${nbDb}) does not answer: ${error.replace(/\.$/, '')}. Guests already ` +
        'plugged in keep talking, but nothing of the network can be checked or changed until OVN central runs again.',
      fix: null,
      details: [],
    };
  }
  return {
    id: 'ovn-central',
    status: 'ok',
    summary: `OVN's northbound database (${nbDb}) answers.`,
    fix: null,
    details: [`in ${ms} ms`],
  };
}

/** The rows a network of this mode must have, by table (what start made: objects.ts). */
function expectedRows(ovn: OvnSettings): Record<string, string> {
  const rows: Record<string, string> = { Logical_Switch: 'the logical switch' };
  if (ovn.dhcp) rows.DHCP_Options = 'its DHCP options';
  if (ovn.mode !== 'isolated') {
    rows.Logical_Router = 'the router';
    rows.Gateway_Chassis = "the router's gateway chassis";
  }
  if (ovn.mode === 'nat') rows.NAT = 'the SNAT rule';
  return rows;
}

/** Pure: the network's northbound rows against what its mode needs. */
export function objectsCheck(def: OvnDef, counts: Readonly<Record<string, number>>): DiagnoseCheck {
  const wanted = expectedRows(def.ovn);
  const missing = Object.entries(wanted).filter(([table]) => !counts[table]);
  const details = Object.entries(counts).map(([table, n]) => `${table}: ${n}`);
  if (missing.length > 0) {
    return {
      id: 'ovn-objects',
      status: 'fail',
      summary:
        `The northbound database lacks ${missing.map(([, what]) => what).join(', ')} of ${def.name} ` +
        '(something outside vnm removed them): restart the network to make them again.',
      fix: `vnm net-destroy ${def.name} && vnm net-start ${def.name}`,
      details,
    };
  }
  const sw = ovnSwitchName(def.name, def.ovn);
  const router = def.ovn.mode === 'isolated' ? '' : ` and router ${routerNames(def.name).router}`;
  return {
    id: 'ovn-objects',
    status: 'ok',
    summary: `Logical switch ${sw}${router} are in the northbound database, as vnm made them.`,
    fix: null,
    details,
  };
}

/** Pure: where the router's gateway port (OVN's chassisredirect, cr-PORT) is bound. */
export function gatewayCheck(ovn: OvnSettings, host: string | undefined): DiagnoseCheck {
  const u = ovn.uplink!;
  if (host === undefined) {
    return {
      id: 'ovn-gateway',
      status: 'fail',
      summary:
        `No chassis holds the router's gateway, so no guest reaches beyond the network: ovn-controller ` +
        `must run on chassis ${u.chassis}, whose ovn-bridge-mappings must name ${u.physnet}.`,
      fix: null,
      details: [`uplink ${u.address} via ${u.nexthop}`],
    };
  }
  return {
    id: 'ovn-gateway',
    status: 'ok',
    summary: `The router's gateway to ${u.physnet} runs on ${host} (${u.address}${ovn.mode === 'nat' ? ", the guests' SNAT address" : ''}).`,
    fix: null,
    details: [`chassis ${u.chassis}, next hop ${u.nexthop}`],
  };
}

/** Pure: every guest port of the network, bound to a chassis and with an address, or not. */
export function portsCheck(
  name: string,
  ports: readonly OvnGuestPort[],
  hosts: ReadonlyMap<string, string>,
): DiagnoseCheck {
  const unbound = ports.filter((p) => !hosts.has(p.port));
  const noAddress = ports.filter((p) => hosts.has(p.port) && p.ip === null);
  const byHost = new Map<string, number>();
  for (const h of hosts.values()) byHost.set(h, (byHost.get(h) ?? 0) + 1);
  const spread = [...byHost].map(([h, n]) => `${h} ${n}`).join(', ');
  const details = ports.map(
    (p) =>
      `${p.port}: ${p.mac ?? 'no MAC'}, ${p.ip ?? 'no address'}, ${hosts.get(p.port) ?? 'bound nowhere'}`,
  );
  if (ports.length === 0) {
    return {
      id: 'ovn-ports',
      status: 'ok',
      summary: `No guest is plugged into ${name} yet (a guest's port comes with vnm net-port-create, or libvirt's <virtualport type='openvswitch'>).`,
      fix: null,
      details,
    };
  }
  if (unbound.length > 0 || noAddress.length > 0) {
    const parts = [
      unbound.length > 0 &&
        `${unbound.length} of ${ports.length} guest ports are bound to no chassis (${unbound.map((p) => p.mac ?? p.port).join(', ')}): ` +
          "their guests are not plugged into br-int with that iface-id, or their host's ovn-controller does not run",
      noAddress.length > 0 &&
        `${noAddress.length} have no address (${noAddress.map((p) => p.mac ?? p.port).join(', ')}): the DHCP range has none free`,
    ].filter(Boolean);
    return { id: 'ovn-ports', status: 'warn', summary: `${parts.join('; ')}.`, fix: null, details };
  }
  return {
    id: 'ovn-ports',
    status: 'ok',
    summary: `${ports.length} guest port${ports.length === 1 ? '' : 's'}, each bound and addressed: ${spread}.`,
    fix: null,
    details,
  };
}

/** The checklist after the network's state line; `cfg` names the database it was started on. */
export async function ovnChecks(
  def: OvnDef,
  status: RunStatus,
  cfg: OvnConfig,
  guest?: string,
): Promise<DiagnoseCheck[]> {
  const db = { ...cfg, nbDb: status.created.ovn?.nbDb ?? cfg.nbDb };
  const facts = await chassisFacts(db);
  const checks = [chassisCheck(facts), centralCheck(db.nbDb, facts.northbound.error, facts.northbound.ms)];
  if (!facts.northbound.reachable) return checks;
  try {
    const [counts, ports] = await Promise.all([
      listOvnObjects(db, { name: def.name, uuid: def.uuid! }),
      networkGuestPorts(db, def.uuid!),
    ]);
    checks.push(objectsCheck(def, counts));
    const gatewayPort = def.ovn.uplink ? `cr-${routerNames(def.name).outerPort}` : null;
    const hosts = await portHosts(db, [...ports.map((p) => p.port), ...(gatewayPort ? [gatewayPort] : [])]);
    if (gatewayPort) checks.push(gatewayCheck(def.ovn, hosts.get(gatewayPort)));
    hosts.delete(gatewayPort ?? '');
    checks.push(portsCheck(def.name, ports, hosts));
    if (guest !== undefined) checks.push(...ovnGuestChecks(def.name, findOvnGuest(guest, ports), hosts));
  } catch (err) {
    // The southbound database (or a read of the northbound one) failed half-way.
    checks.push({
      id: 'ovn-central',
      status: 'fail',
      summary: `OVN's databases stopped answering while vnm read them: ${message(err)}.`,
      fix: null,
      details: [],
    });
  }
  return checks;
}
