/**
 * Which chassis holds each logical port, from OVN's southbound database: Port_Binding.chassis
 * names the Chassis whose ovn-controller claimed the port, and that Chassis's `hostname` says
 * which host runs the guest (the northbound database does not know). The southbound database
 * is OVN_SB_DB when set, else this chassis's own ovn-remote, the one its ovn-controller uses.
 */
import { VnmError } from '../../../shared/rpc/errors';
import type { OvnConfig } from './config';
import { jsonLines } from './guest-ports';
import { ovsdbString, sbctl, vsctl } from './nbctl';
import { asString, parseOvsdbTable } from './ovsdb-json';

/** The southbound database's address, as ovn-sbctl's --db takes it. */
export async function southboundDb(cfg: OvnConfig): Promise<string> {
  if (cfg.sbDb) return cfg.sbDb;
  const remote = await vsctl(cfg, ['--if-exists', 'get', 'Open_vSwitch', '.', 'external_ids:ovn-remote']);
  const db = remote.startsWith('"') ? (JSON.parse(remote) as string) : remote;
  if (db === '')
    throw new VnmError(
      'operation-failed',
      "this host has no OVN southbound database to ask which host runs each guest: set this chassis's ovn-remote (ovs-vsctl set open . external_ids:ovn-remote=tcp:CENTRAL:6642), or OVN_SB_DB for vnmd.",
    );
  return db;
}

/** portHosts's output: a Port_Binding table per port, then the Chassis table. */
export function parseBindings(out: string): Map<string, string> {
  const tables = jsonLines(out).map(parseOvsdbTable);
  const chassisRows = tables.pop() ?? [];
  const hostOf = new Map<string, string>();
  for (const c of chassisRows) {
    const uuid = asString(c._uuid);
    if (uuid) hostOf.set(uuid, asString(c.hostname) || asString(c.name) || uuid);
  }
  const bound = new Map<string, string>();
  for (const row of tables.flat()) {
    const [port, chassis] = [asString(row.logical_port), asString(row.chassis)];
    const host = chassis === null ? undefined : hostOf.get(chassis);
    if (port !== null && host !== undefined) bound.set(port, host);
  }
  return bound;
}

/**
 * Port name → hostname of the chassis it is bound to, for those of `ports` bound to one (a
 * Chassis without a hostname is named by its system-id). One ovn-sbctl run: a find per port,
 * then the chassis list.
 */
export async function portHosts(cfg: OvnConfig, ports: readonly string[]): Promise<Map<string, string>> {
  if (ports.length === 0) return new Map();
  const db = await southboundDb(cfg);
  const args = ['--format=json'];
  for (const p of ports)
    args.push(
      '--',
      '--columns=logical_port,chassis',
      'find',
      'Port_Binding',
      `logical_port=${ovsdbString(p)}`,
    );
  args.push('--', '--columns=_uuid,name,hostname', 'list', 'Chassis');
  return parseBindings(await sbctl(cfg, db, args));
}
