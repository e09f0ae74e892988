/**
 * Where this host's OVN and Open vSwitch live. vnmd takes them from the environment OVS's own
 * tools read (OVN_NB_DB, OVS_RUNDIR, OVN_RUNDIR), so a vnmd started beside a private OVS (the
 * tests, the sandbox) and one on a packaged host find theirs the same way.
 */
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
