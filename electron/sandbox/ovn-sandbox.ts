/**
 * The OVN part of a sandbox (`npm run demo -- --ovn`): the sandbox's own host becomes OVN
 * chassis host-a, a second namespace host-b gets its own OVS, ovn-controller and vnmd, a
 * third runs OVN central; an uplink from host-a's br-ext to the wan lets an OVN router on
 * host-a (the gateway chassis) take guests out, SNATed.
 *
 *   wan   wan1 198.18.0.1/24 ──── br-ext (physnet "uplink") on host-a
 *   host-a (the sandbox host, vnmd A)   host-b (vnmd B)
 *        └── eth-ul 198.19.0.11 ─┬─ ul (central: NB, SB, northd) ─┬─ eth-ul 198.19.0.12
 *
 * Every namespace is named by the sandbox's stem, so its removal, reaper and sweep cover
 * these too; the daemons die with their namespaces.
 */
import { join } from 'node:path';
import { connectVeth } from './netns';
import type { Netns } from './netns';
import { nsName } from './names';
import { createNetns } from './netns';
import { mapPhysnet, ovnVnmdEnv, startOvnLab } from './ovn-lab';
import type { OvnLab } from './ovn-lab';
import { startVnmd, vnmdPaths } from './vnmd-process';
import type { VnmdProcess } from './vnmd-process';

/** The OVN uplink between host-a's br-ext and the wan (RFC 2544's benchmarking range). */
export const OVN_UPLINK = {
  physnet: 'uplink',
  wanIf: 'wan1',
  hostIf: 'eth-ext',
  wanAddress: '198.18.0.1',
  /** The OVN router's address on the uplink: what the outside sees guests as (SNAT). */
  routerAddress: '198.18.0.10',
  prefix: 24,
} as const;

export interface OvnSandbox {
  readonly lab: OvnLab;
  /** host-b's namespace and its vnmd (host-a is the sandbox's host and vnmd). */
  readonly hostB: Netns;
  readonly vnmdB: VnmdProcess;
  /** `unix:SOCKET` of host-b's vnmd. */
  readonly connectUriB: string;
}

/** The environment of the sandbox's own vnmd when it is host-a of the lab in `labDir`. */
export function hostAVnmdEnv(labDir: string): Record<string, string> {
  return ovnVnmdEnv(labDir, 0);
}

/** Makes the lab around the sandbox's `host` (whose vnmd already has hostAVnmdEnv), and host-b's vnmd. */
export async function buildOvnSandbox(opts: {
  readonly stem: string;
  readonly labDir: string;
  readonly vnmdDir: string;
  readonly host: Netns;
  readonly wan: Netns;
  readonly cli: string;
  readonly tmpDir: string;
}): Promise<OvnSandbox> {
  const { stem, host, wan } = opts;
  const lab = await startOvnLab({
    dir: opts.labDir,
    makeNs: (role) => createNetns(nsName(stem, role)),
    existing: [host],
  });
  const hostB = lab.hosts[1]!;
  const paths = vnmdPaths(opts.vnmdDir);
  const startingB = startVnmd(hostB.ns, { cli: opts.cli, paths, env: { ...hostB.env, TMPDIR: opts.tmpDir } });
  startingB.catch(() => undefined); // awaited below, after the uplink
  const u = OVN_UPLINK;
  await connectVeth(wan, u.wanIf, host, u.hostIf);
  // OVS's userspace datapath drops TCP whose checksum was left to offload: the wan computes its own.
  await wan.exec('ethtool', ['-K', u.wanIf, 'tx', 'off']);
  await wan.exec('ip', ['addr', 'add', `${u.wanAddress}/${u.prefix}`, 'dev', u.wanIf]);
  await mapPhysnet(lab.hosts[0]!, u.physnet, u.hostIf);
  const vnmdB = await startingB;
  vnmdB.child.unref();
  return { lab, hostB: hostB.ns, vnmdB, connectUriB: `unix:${paths.socket}` };
}

/** Where host-b's vnmd keeps its files in a sandbox folder. */
export function hostBVnmdDir(sandboxDir: string): string {
  return join(sandboxDir, 'vnmd-b');
}
