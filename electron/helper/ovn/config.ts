/**
 * Where this host's OVN and Open vSwitch live. vnmd takes them from the environment OVS's own
 * tools read (OVN_NB_DB, OVS_RUNDIR, OVN_RUNDIR), so a vnmd started beside a private OVS (the
 * tests, the sandbox) and one on a packaged host find theirs the same way.
 */
import { VnmError } from '../../../shared/rpc/errors';

export interface OvnConfig {
  /** The northbound database, as ovn-nbctl's --db takes it (tcp:IP:6641, unix:PATH). */
  readonly nbDb: string;
  /**
   * The southbound database when OVN_SB_DB names it; null means "this chassis's own
   * ovn-remote" (what its ovn-controller uses), read when needed (southbound.ts).
   */
  readonly sbDb: string | null;
  /** This host's Open_vSwitch database. */
  readonly ovsDb: string;
  readonly ovsRundir: string;
  readonly ovnRundir: string;
  /** Seconds ovn-nbctl and ovs-vsctl wait for their database before giving up. */
  readonly timeoutS: number;
}

export function ovnConfig(env: NodeJS.ProcessEnv = process.env): OvnConfig {
  const ovsRundir = env.OVS_RUNDIR || '/run/openvswitch';
  const timeout = Number(env.VNM_OVN_TIMEOUT);
  return {
    nbDb: env.OVN_NB_DB || 'unix:/run/ovn/ovnnb_db.sock',
    sbDb: env.OVN_SB_DB || null,
    ovsDb: env.VNM_OVS_DB || `unix:${ovsRundir}/db.sock`,
    ovsRundir,
    ovnRundir: env.OVN_RUNDIR || '/run/ovn',
    timeoutS: Number.isInteger(timeout) && timeout > 0 ? timeout : 5,
  };
}

/** One OVSDB remote: tcp:HOST[:PORT], ssl:HOST[:PORT] (HOST an IPv6 address in brackets too), unix:/PATH. */
const REMOTE =
  /^(?:(?:tcp|ssl):(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::\d{1,5})?|unix:\/[^\s,"'=]+)$/;

/** Why `value` is not an OVSDB address (a comma-separated list of remotes), or undefined. */
export function ovsdbRemoteProblem(value: string): string | undefined {
  const bad = value.split(',').find((r) => !REMOTE.test(r));
  if (bad === undefined) return undefined;
  return `${JSON.stringify(bad.slice(0, 60))} is not an OVSDB address: give tcp:IP:PORT, ssl:IP:PORT or unix:/PATH (several separated by commas), e.g. tcp:192.0.2.1:6641`;
}

/**
 * `vnm daemon --ovn-nb-db/--ovn-sb-db`: the flag becomes the variable OVN's tools read, set once
 * at start, so vnmd (ovnConfig reads it per call) and every ovn-nbctl it runs agree; a flag wins
 * over the environment. Throws on an address that is not one.
 */
export function applyOvnAddresses(
  flags: { readonly nbDb?: string; readonly sbDb?: string },
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const [flag, value, name] of [
    ['--ovn-nb-db', flags.nbDb, 'OVN_NB_DB'],
    ['--ovn-sb-db', flags.sbDb, 'OVN_SB_DB'],
  ] as const) {
    if (value === undefined) continue;
    const problem = ovsdbRemoteProblem(value);
    if (problem) throw new VnmError('invalid-argument', `vnm daemon ${flag}: ${problem}.`);
    env[name] = value;
  }
}
