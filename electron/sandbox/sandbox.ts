/**
 * The sandbox host, as a library (`npm run demo` and the e2e fixture both use it): a "host"
 * namespace running vnmd with temporary folders, an uplink to a "wan" namespace with a web
 * server, vnm's two first networks, and guests that attach to running networks.
 *
 *   const sb = await createSandbox();
 *   // vnm -c ${sb.connectUri} net-list --all
 *   await sb.destroy();
 *
 * Everything it makes is named by one stem (names.ts) and removed by destroy(), at process
 * exit, by the reaper when the owner is killed, or by the next sandbox's sweep.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectVnmd } from '../client/client';
import type { VnmClient } from '../client/client';
import { defineDemoNetworks } from './demo-networks';
import { GuestAgent } from './guest-agent';
import { makeLan } from './lan';
import { writeGuestScripts } from './guest-scripts';
import { makeStem, nsName } from './names';
import { privilegeProblem } from './privileges';
import { createNetns } from './netns';
import type { Netns } from './netns';
import { formatIdentity, identityOf } from './owner';
import { startReaper } from './reaper';
import { GROUPS_FILE, OWNER_FILE, removeSandboxSync, stemDir, sweepLeftovers } from './sweep';
import { connectUplink, startWebServer } from './uplink';
import { ovnMissing } from './ovn-lab';
import { buildOvnSandbox, hostAVnmdEnv, hostBVnmdDir } from './ovn-sandbox';
import type { OvnSandbox } from './ovn-sandbox';
import { findCli, startVnmd, vnmdPaths } from './vnmd-process';
import type { VnmdProcess } from './vnmd-process';

export interface SandboxOptions {
  /**
   * Define `default` (NAT, autostart, started), `lab` (isolated, stopped) and `lan` (Bridge
   * mode on the host's br-lan, stopped), and make br-lan (lan.ts); default true.
   */
  readonly demoNetworks?: boolean;
  /** Run the guest agent; default true. */
  readonly guests?: boolean;
  readonly guestsFor?: (network: string) => number;
  /** Start the reaper that cleans up if this process is killed; default true. */
  readonly reaper?: boolean;
  /** The bundled CLI that runs vnmd (default: out/cli/vnm.mjs). */
  readonly cli?: string;
  /** Where the sandbox's folder goes (default: the system's temp folder). */
  readonly tmpBase?: string;
  /** Progress and guest lines. */
  readonly log?: (line: string) => void;
  /**
   * Make the host OVN chassis host-a, with OVN central and a host-b beside it (each with its
   * own vnmd), and define and start `span`, an OVN network across both (ovn-sandbox.ts).
   */
  readonly ovn?: boolean;
}

export interface Sandbox {
  readonly stem: string;
  /** The sandbox's folder; everything it writes is under it. */
  readonly dir: string;
  /** TMPDIR for processes the owner starts on the sandbox's behalf (removed with it). */
  readonly tmpDir: string;
  readonly socket: string;
  readonly roSocket: string;
  /** `unix:SOCKET`, for `vnm -c` and the app's --connect. */
  readonly connectUri: string;
  readonly host: Netns;
  readonly wan: Netns;
  /** The vnmd running now (a new one after restartVnmd). */
  readonly vnmd: VnmdProcess;
  readonly agent: GuestAgent | null;
  /** The OVN part (host-b and its vnmd, central), when made with `ovn`. */
  readonly ovn: OvnSandbox | null;
  /**
   * Kills the sandbox's vnmd with SIGKILL, as a crash would (networks and their dnsmasq stay),
   * and resolves once it has exited. Only the vnmd this sandbox started, by its pid.
   */
  killVnmd(): Promise<void>;
  /** Starts vnmd again on the same folders and socket after killVnmd; the guest agent follows it. */
  restartVnmd(): Promise<void>;
  /** A new connection to vnmd (the caller closes it). */
  client(): Promise<VnmClient>;
  /** Records a process group started outside the namespaces (the UI) so every cleanup path kills it. */
  adoptGroup(pid: number): void;
  destroy(): Promise<void>;
}

/** Makes a sandbox; on any failure removes what it made and rethrows. */
export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const problem = privilegeProblem() ?? (opts.ovn ? ovnMissing() : null);
  if (problem) throw new Error(problem);
  const base = opts.tmpBase ?? tmpdir();
  for (const stem of sweepLeftovers(base)) opts.log?.(`removed leftovers of an earlier sandbox: ${stem}`);
  const stem = makeStem();
  const dir = stemDir(stem, base);
  mkdirSync(dir, { mode: 0o700 });
  const me = identityOf(process.pid);
  writeFileSync(join(dir, OWNER_FILE), formatIdentity(me));
  const onExit = () => removeSandboxSync(stem, base);
  process.on('exit', onExit);
  const adoptGroup = (pid: number) => appendFileSync(join(dir, GROUPS_FILE), formatIdentity(identityOf(pid)));
  try {
    if (opts.reaper !== false) adoptGroup(startReaper(me, stem, dir).pid);
    const parts = await build(stem, dir, opts);
    let destroyed: Promise<void> | null = null;
    const restarts = vnmdRestarts(parts, opts);
    return {
      stem,
      dir,
      ...parts,
      get vnmd() {
        return restarts.current();
      },
      ...restarts.methods,
      adoptGroup,
      client: () => connectVnmd(parts.socket),
      destroy: () =>
        (destroyed ??= (async () => {
          await parts.agent?.stop().catch(() => undefined);
          restarts.agentClient()?.close();
          await Promise.all([restarts.current().stop(2000), parts.ovn?.vnmdB.stop(2000)]);
          removeSandboxSync(stem, base);
          process.off('exit', onExit);
        })()),
    };
  } catch (e) {
    removeSandboxSync(stem, base);
    process.off('exit', onExit);
    throw e;
  }
}

type Parts = Awaited<ReturnType<typeof build>>;

/** Kill and restart of the sandbox's vnmd (for tests of what a crash does to its clients). */
function vnmdRestarts(parts: Parts, opts: SandboxOptions) {
  let vnmd = parts.vnmd;
  let agentClient = parts.agentClient;
  const killVnmd = async () => {
    const { child } = vnmd;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((res) => child.once('exit', res));
    child.kill('SIGKILL');
    await gone;
  };
  const restartVnmd = async () => {
    if (vnmd.child.exitCode === null && vnmd.child.signalCode === null) {
      throw new Error('vnmd is still running; kill it with killVnmd() before restarting it');
    }
    const cli = opts.cli ?? findCli();
    vnmd = await startVnmd(parts.host, { cli, paths: vnmd.paths, env: parts.vnmdEnv });
    vnmd.child.unref();
    if (parts.agent) {
      agentClient?.close();
      agentClient = await connectVnmd(parts.socket);
      await parts.agent.follow(agentClient);
    }
  };
  return { current: () => vnmd, agentClient: () => agentClient, methods: { killVnmd, restartVnmd } };
}

async function build(stem: string, dir: string, opts: SandboxOptions) {
  const log = opts.log ?? (() => undefined);
  const tmpDir = join(dir, 'tmp');
  mkdirSync(tmpDir);
  const host = await createNetns(nsName(stem, 'host'));
  const paths = vnmdPaths(join(dir, 'vnmd'));
  const labDir = join(dir, 'ovn');
  if (opts.ovn) mkdirSync(labDir);
  const vnmdEnv = { TMPDIR: tmpDir, ...(opts.ovn ? hostAVnmdEnv(labDir) : {}) };
  // vnmd loads (about a second) while the uplink is made; it changes nothing until asked.
  const starting = startVnmd(host, { cli: opts.cli ?? findCli(), paths, env: vnmdEnv });
  starting.catch(() => undefined); // awaited below; a failure of the uplink comes first
  const wan = await createNetns(nsName(stem, 'wan'));
  await connectUplink(host, wan);
  startWebServer(wan, join(dir, 'www')).unref();
  // The host's own LAN bridge, for the demo's Bridge-mode network `lan`.
  if (opts.demoNetworks !== false) await makeLan(host, stem, join(dir, 'lan'));
  const ovn = opts.ovn
    ? await buildOvnSandbox({
        stem,
        labDir,
        vnmdDir: hostBVnmdDir(dir),
        host,
        wan,
        cli: opts.cli ?? findCli(),
        tmpDir,
      })
    : null;
  if (ovn) log(`OVN central and host-b are running (host-b's vnmd: -c ${ovn.connectUriB})`);
  const vnmd = await starting;
  vnmd.child.unref();
  log(`vnmd is running in namespace ${host.name}`);
  let agent: GuestAgent | null = null;
  let agentClient: VnmClient | null = null;
  if (opts.guests !== false) {
    agentClient = await connectVnmd(paths.socket);
    const scripts = writeGuestScripts(join(dir, 'bin'));
    const guestsDir = join(dir, 'guests');
    const ovnHosts = ovn?.lab.hosts ?? [];
    const agentOpts = { client: agentClient, host, wan, stem, dir: guestsDir, scripts, log, ovnHosts };
    agent = new GuestAgent({ ...agentOpts, ...(opts.guestsFor ? { guestsFor: opts.guestsFor } : {}) });
    await agent.start();
  }
  if (opts.demoNetworks !== false) {
    const client = await connectVnmd(paths.socket);
    try {
      await defineDemoNetworks(client, opts.ovn);
    } finally {
      client.close();
    }
    // Returned with default's guests plugged in, so an app started next does not slow them.
    await agent?.attachNow('default');
    if (ovn) await agent?.attachNow('span');
  }
  const { socket, roSocket } = paths;
  const connectUri = `unix:${socket}`;
  return { tmpDir, socket, roSocket, connectUri, host, wan, vnmd, vnmdEnv, agent, agentClient, ovn };
}
