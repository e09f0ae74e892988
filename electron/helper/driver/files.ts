/**
 * The files of one network outside its definition: dnsmasq's configuration, hosts files and
 * leases under the state dir (kept across restarts of the network, removed on undefine), and
 * its pid file under the runtime dir.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkDef } from '../../../shared/model/network';
import { buildAddnHostsFile, buildHostsFile } from '../../../shared/dnsmasq/hosts-file';
import { buildDnsmasqConfig } from '../../../shared/dnsmasq/config';
import { assertSafeName } from '../store/names';
import { removeFile, sweepTempFiles, writeFileAtomic } from '../store/atomic';
import type { Revert } from '../revert';

export interface DaemonDirs {
  readonly configDir: string;
  readonly stateDir: string;
  readonly runtimeDir: string;
}

export interface NetworkFiles {
  readonly configFile: string;
  readonly hostsFile: string;
  readonly addnHostsFile: string;
  readonly leaseFile: string;
  readonly pidFile: string;
}

export function dnsmasqStateDir(dirs: DaemonDirs): string {
  return join(dirs.stateDir, 'dnsmasq');
}

export function dnsmasqRunDir(dirs: DaemonDirs): string {
  return join(dirs.runtimeDir, 'dnsmasq');
}

export async function initDirs(
  dirs: DaemonDirs,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  await mkdir(dnsmasqStateDir(dirs), { recursive: true, mode: 0o755 });
  await mkdir(dnsmasqRunDir(dirs), { recursive: true, mode: 0o755 });
  await sweepTempFiles(dnsmasqStateDir(dirs), log);
}

export function networkFiles(dirs: DaemonDirs, name: string): NetworkFiles {
  const base = join(dnsmasqStateDir(dirs), assertSafeName(name));
  return {
    configFile: `${base}.conf`,
    hostsFile: `${base}.hostsfile`,
    addnHostsFile: `${base}.addnhosts`,
    leaseFile: `${base}.leases`,
    pidFile: join(dnsmasqRunDir(dirs), `${name}.pid`),
  };
}

/** Writes the configuration and both hosts files dnsmasq will read. */
export async function writeDnsmasqFiles(def: NetworkDef, files: NetworkFiles, bridge: string): Promise<void> {
  const conf = buildDnsmasqConfig(def, {
    pidFile: files.pidFile,
    hostsFile: files.hostsFile,
    addnHostsFile: files.addnHostsFile,
    leaseFile: files.leaseFile,
    bridge,
  });
  // Not durable (see atomic.ts): every start writes them again from the definition.
  await Promise.all([writeFileAtomic(files.configFile, conf, 0o644, false), writeHostsFiles(def, files)]);
}

/**
 * writeDnsmasqFiles for a start: registers an undo that puts back what was there before
 * (nothing, on a first start), the leases file dnsmasq creates included, so that a failed
 * start leaves no file behind (issue #20 item 10).
 */
export async function writeDnsmasqFilesForStart(
  def: NetworkDef,
  files: NetworkFiles,
  bridge: string,
  r: Revert,
): Promise<void> {
  const paths = [files.configFile, files.hostsFile, files.addnHostsFile, files.leaseFile];
  const before = await Promise.all(paths.map((path) => readFile(path, 'utf8').catch(() => null)));
  r.add(async () => {
    for (const [i, path] of paths.entries()) {
      const content = before[i];
      if (content !== null && content !== undefined) await writeFileAtomic(path, content, 0o644, false);
      else await removeFile(path);
    }
  }, 'restore the dnsmasq files');
  await writeDnsmasqFiles(def, files, bridge);
}

/** The files dnsmasq rereads on SIGHUP. */
export async function writeHostsFiles(def: NetworkDef, files: NetworkFiles): Promise<void> {
  await Promise.all([
    writeFileAtomic(files.hostsFile, buildHostsFile(def), 0o644, false),
    writeFileAtomic(files.addnHostsFile, buildAddnHostsFile(def), 0o644, false),
  ]);
}

/** On undefine (or destroy of a transient network) nothing of the network stays behind. */
export async function removeNetworkFiles(files: NetworkFiles): Promise<void> {
  for (const f of [files.configFile, files.hostsFile, files.addnHostsFile, files.leaseFile, files.pidFile]) {
    await removeFile(f);
  }
}
