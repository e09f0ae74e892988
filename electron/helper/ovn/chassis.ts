/**
 * This host as an OVN chassis: whether ovs-vswitchd and ovn-controller run, what the local
 * Open_vSwitch record says (system-id, ovn-remote, encap IP, bridge mappings), whether the
 * northbound database answers, and what to install when something is missing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OvnHostFacts } from '../../../shared/rpc/contract';
import { run } from '../exec';
import type { OvnConfig } from './config';
import { nbctl, vsctl } from './nbctl';

const PROGRAMS: readonly [string, string][] = [
  ['ovs-vsctl', 'openvswitch-switch'],
  ['ovs-vswitchd', 'openvswitch-switch'],
  ['ovn-controller', 'ovn-host'],
  ['ovn-nbctl', 'ovn-host'],
];

async function installed(cmd: string): Promise<boolean> {
  try {
    await run(cmd, ['--version'], { timeoutMs: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** The pid in `file` when that process runs and is `comm`; null otherwise. */
async function runningPid(file: string, comm: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    const name = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    return comm.startsWith(name) ? pid : null;
  } catch {
    return null;
  }
}

function parseMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = text.trim().replace(/^\{|\}$/g, '');
  for (const m of body.matchAll(/([\w-]+)=("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = (m[2] ?? '').trim();
    out[m[1]!] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
  }
  return out;
}

async function northbound(cfg: OvnConfig): Promise<OvnHostFacts['northbound']> {
  const t0 = performance.now();
  try {
    await nbctl(cfg, ['--bare', '--columns=_uuid', 'list', 'NB_Global']);
    return { db: cfg.nbDb, reachable: true, error: null, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { db: cfg.nbDb, reachable: false, error, ms: Math.round(performance.now() - t0) };
  }
}

export async function chassisFacts(cfg: OvnConfig): Promise<OvnHostFacts> {
  const present = await Promise.all(PROGRAMS.map(async ([cmd]) => [cmd, await installed(cmd)] as const));
  const missingPkgs = [...new Set(PROGRAMS.filter((_, i) => !present[i]![1]).map(([, pkg]) => pkg))];
  const [vswitchd, controller, ids, nb] = await Promise.all([
    runningPid(join(cfg.ovsRundir, 'ovs-vswitchd.pid'), 'ovs-vswitchd'),
    runningPid(join(cfg.ovnRundir, 'ovn-controller.pid'), 'ovn-controller'),
    vsctl(cfg, ['get', 'Open_vSwitch', '.', 'external_ids']).then(parseMap, () => null),
    northbound(cfg),
  ]);
  const problems: string[] = [];
  if (missingPkgs.length > 0)
    problems.push(`install ${missingPkgs.join(' and ')} (apt-get install ${missingPkgs.join(' ')})`);
  if (vswitchd === null) problems.push('ovs-vswitchd is not running: start openvswitch-switch');
  if (controller === null) problems.push('ovn-controller is not running: start ovn-host');
  if (!ids)
    problems.push(
      `this host's Open_vSwitch database (${cfg.ovsDb}) does not answer: start openvswitch-switch`,
    );
  if (ids && !ids['ovn-remote'])
    problems.push(
      'this chassis has no ovn-remote: ovs-vsctl set open . external_ids:ovn-remote=tcp:CENTRAL:6642',
    );
  if (ids && !ids['ovn-encap-ip'])
    problems.push('this chassis has no encap IP: ovs-vsctl set open . external_ids:ovn-encap-ip=UNDERLAY-IP');
  if (!nb.reachable) problems.push(nb.error ?? 'the northbound database does not answer');
  return {
    ready: problems.length === 0,
    problems,
    missingPackages: missingPkgs,
    ovsVswitchdPid: vswitchd,
    ovnControllerPid: controller,
    systemId: ids?.['system-id'] ?? null,
    ovnRemote: ids?.['ovn-remote'] ?? null,
    encapType: ids?.['ovn-encap-type'] ?? null,
    encapIp: ids?.['ovn-encap-ip'] ?? null,
    bridgeMappings: ids?.['ovn-bridge-mappings'] ?? null,
    northbound: nb,
  };
}
