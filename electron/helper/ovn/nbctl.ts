/**
 * ovn-nbctl and ovs-vsctl with argument arrays and a bounded wait: --timeout makes the tool
 * give up on a database that does not answer (a frozen or unreachable ovsdb-server), and the
 * exec timeout backs that up, so no vnmd call hangs on OVN's control plane.
 */
import { existsSync } from 'node:fs';
import { VnmError } from '../../../shared/rpc/errors';
import { run } from '../exec';
import type { OvnConfig } from './config';

/** An OVSDB string atom for ovn-nbctl's generic commands: quoted, so no value is read as syntax. */
export function ovsdbString(value: string): string {
  return JSON.stringify(value);
}

function unreachable(db: string, what: string, timeoutS: number, why: string): VnmError {
  return new VnmError(
    'operation-failed',
    `OVN's ${what} at ${db} did not answer within ${timeoutS} s (${why}): the control plane is unreachable; check that ovn-central's ovsdb-server runs and that this host reaches it, then try again.`,
  );
}

const TOOL_OF: Record<string, string> = {
  'northbound database': 'ovn-nbctl',
  'southbound database': 'ovn-sbctl',
};

function classify(err: unknown, db: string, what: string, timeoutS: number): unknown {
  if (!(err instanceof VnmError)) return err;
  const text = `${err.message}\n${err.details ?? ''}`;
  if (/timed out|timeout/i.test(text)) return unreachable(db, what, timeoutS, 'timed out');
  const failed = /database connection failed \(([^)]*)\)/.exec(text);
  if (failed) return unreachable(db, what, timeoutS, failed[1] ?? 'connection failed');
  if (/was not found: install it/.test(err.message)) {
    return new VnmError(
      'operation-failed',
      `${TOOL_OF[what] ?? 'ovs-vsctl'} is not installed: install ovn-central or ovn-host (ovn-nbctl, ovn-sbctl) and openvswitch-switch (ovs-vsctl), e.g. apt-get install ovn-host.`,
    );
  }
  return err;
}

/**
 * A database on a UNIX socket that is not there: said at once, where the tool would retry
 * until its timeout (a host without OVN running must not make host.ovn wait).
 */
function checkSocket(db: string, what: string): void {
  if (!db.startsWith('unix:') || existsSync(db.slice(5))) return;
  throw new VnmError(
    'operation-failed',
    `OVN's ${what} at ${db} is not there (no such socket): the control plane is unreachable; start its ovsdb-server (ovn-central, openvswitch-switch), or point vnmd at it (OVN_NB_DB, OVN_SB_DB, OVS_RUNDIR).`,
  );
}

/** Runs ovn-nbctl against the northbound database; stdout, trimmed. */
export async function nbctl(cfg: OvnConfig, args: readonly string[]): Promise<string> {
  checkSocket(cfg.nbDb, 'northbound database');
  const full = [`--db=${cfg.nbDb}`, `--timeout=${cfg.timeoutS}`, ...args];
  try {
    const { stdout } = await run('ovn-nbctl', full, { timeoutMs: (cfg.timeoutS + 2) * 1000 });
    return stdout.trim();
  } catch (err) {
    throw classify(err, cfg.nbDb, 'northbound database', cfg.timeoutS);
  }
}

/** Runs ovn-sbctl against the southbound database `db` (see southbound.ts for which); stdout, trimmed. */
export async function sbctl(cfg: OvnConfig, db: string, args: readonly string[]): Promise<string> {
  checkSocket(db, 'southbound database');
  const full = [`--db=${db}`, `--timeout=${cfg.timeoutS}`, ...args];
  try {
    const { stdout } = await run('ovn-sbctl', full, { timeoutMs: (cfg.timeoutS + 2) * 1000 });
    return stdout.trim();
  } catch (err) {
    throw classify(err, db, 'southbound database', cfg.timeoutS);
  }
}

/** Runs ovs-vsctl against this host's Open_vSwitch database (never waiting for ovs-vswitchd). */
export async function vsctl(cfg: OvnConfig, args: readonly string[]): Promise<string> {
  checkSocket(cfg.ovsDb, 'Open_vSwitch database');
  const full = [`--db=${cfg.ovsDb}`, `--timeout=${cfg.timeoutS}`, '--no-wait', ...args];
  try {
    const { stdout } = await run('ovs-vsctl', full, { timeoutMs: (cfg.timeoutS + 2) * 1000 });
    return stdout.trim();
  } catch (err) {
    throw classify(err, cfg.ovsDb, 'Open_vSwitch database', cfg.timeoutS);
  }
}

/** UUIDs of the rows of `table` that match every `column:key=value` condition. */
export async function findUuids(
  cfg: OvnConfig,
  table: string,
  conditions: readonly string[],
): Promise<string[]> {
  const out = await nbctl(cfg, ['--bare', '--columns=_uuid', 'find', table, ...conditions]);
  return out.split(/\s+/).filter(Boolean);
}
