/**
 * The guest ports of vnm's OVN networks as the northbound database holds them: each a
 * Logical_Switch_Port named by its iface-id and tagged vnm-uuid, vnm-network and vnm-port
 * (ports.ts), with its MAC and address (OVN's IPAM writes dynamic_addresses; a static port
 * says "MAC IP" in addresses) and whether a chassis has claimed it (`up`).
 */
import type { OvnConfig } from './config';
import { nbctl, ovsdbString } from './nbctl';
import type { OvsdbRow } from './ovsdb-json';
import { asList, asMap, asString, parseOvsdbTable } from './ovsdb-json';

export interface OvnGuestPort {
  readonly networkUuid: string;
  readonly network: string;
  /** The Logical_Switch_Port's name: the guest's iface-id. */
  readonly port: string;
  readonly mac: string | null;
  /** The guest's IPv4 address, OVN-assigned or static; null while OVN has none for it. */
  readonly ip: string | null;
  /** ovn-northd's view: some chassis's ovn-controller has bound the port. */
  readonly up: boolean;
}

const COLUMNS = '--columns=name,addresses,dynamic_addresses,up,external_ids';
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** "MAC IP…" (addresses or dynamic_addresses): the MAC and first IPv4; nulls for "dynamic", "router"… */
export function parseLspAddress(entry: string): { mac: string | null; ip: string | null } {
  const [first, ...rest] = entry.trim().split(/\s+/);
  if (first === undefined || !MAC.test(first)) return { mac: null, ip: null };
  return { mac: first.toLowerCase(), ip: rest.find((t) => IPV4.test(t)) ?? null };
}

/** A row of Logical_Switch_Port as a guest port, or null when vnm did not make it for a guest. */
export function guestPortOf(row: OvsdbRow): OvnGuestPort | null {
  const ids = asMap(row.external_ids);
  const [uuid, network] = [ids.get('vnm-uuid'), ids.get('vnm-network')];
  if (uuid === undefined || network === undefined || !ids.has('vnm-port')) return null;
  const statics = asList(row.addresses).map((a) => parseLspAddress(String(a)));
  const dynamic = parseLspAddress(asString(row.dynamic_addresses) ?? '');
  const withMac = statics.find((s) => s.mac !== null);
  return {
    networkUuid: uuid,
    network,
    port: asString(row.name) ?? '',
    mac: dynamic.mac ?? withMac?.mac ?? null,
    ip: dynamic.ip ?? statics.find((s) => s.ip !== null)?.ip ?? null,
    up: asList(row.up)[0] === true,
  };
}

/** The guest ports of one network (by its UUID), in the order OVSDB lists them. */
export async function networkGuestPorts(cfg: OvnConfig, networkUuid: string): Promise<OvnGuestPort[]> {
  const out = await nbctl(cfg, [
    '--format=json',
    COLUMNS,
    'find',
    'Logical_Switch_Port',
    `external_ids:vnm-uuid=${ovsdbString(networkUuid)}`,
  ]);
  return parseOvsdbTable(out).flatMap((r) => guestPortOf(r) ?? []);
}

/**
 * The vnm guest ports among the Logical_Switch_Ports named `names` (a chassis's iface-ids):
 * one ovn-nbctl run with one find per name, so a large northbound database is not listed whole.
 */
export async function guestPortsNamed(cfg: OvnConfig, names: readonly string[]): Promise<OvnGuestPort[]> {
  if (names.length === 0) return [];
  const args = ['--format=json'];
  for (const n of names) args.push('--', COLUMNS, 'find', 'Logical_Switch_Port', `name=${ovsdbString(n)}`);
  const out = await nbctl(cfg, args);
  return jsonLines(out).flatMap((t) => parseOvsdbTable(t).flatMap((r) => guestPortOf(r) ?? []));
}

/** Several commands with --format=json print one table each, one per line. */
export function jsonLines(out: string): string[] {
  return out.split('\n').filter((l) => l.trim() !== '');
}
