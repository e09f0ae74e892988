/**
 * A tiny network-namespace harness for the stats tests and bench: namespaces named
 * `vnmt-...` that this process creates, and removes on success and on failure. Everything
 * runs with argument arrays. Processes started inside are tracked by pid and stopped by pid.
 */
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export async function run(cmd: string, args: readonly string[], input?: string): Promise<string> {
  if (input === undefined) {
    const { stdout } = await execFileP(cmd, [...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`)),
    );
    child.stdin.end(input);
  });
}

export class Netns {
  private readonly children = new Set<ChildProcess>();

  private constructor(readonly name: string) {}

  /** Create a namespace with lo up. The name must start with vnmt- (ours, by convention). */
  static async create(name: string): Promise<Netns> {
    if (!/^vnmt-[a-z0-9-]{1,40}$/.test(name)) throw new Error(`bad test namespace name ${name}`);
    await run('ip', ['netns', 'add', name]);
    const ns = new Netns(name);
    await ns.ip(['link', 'set', 'lo', 'up']);
    return ns;
  }

  ip(args: readonly string[]): Promise<string> {
    return run('ip', ['-n', this.name, ...args]);
  }

  /** Many `ip` commands in one process (`ip -batch -`), one per line. */
  ipBatch(lines: readonly string[]): Promise<string> {
    return run('ip', ['-n', this.name, '-batch', '-'], lines.join('\n') + '\n');
  }

  exec(cmd: string, args: readonly string[]): Promise<string> {
    return run('ip', ['netns', 'exec', this.name, cmd, ...args]);
  }

  /** Start a long-running process inside; stopped by pid in `destroy` if still running. */
  spawn(cmd: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.name, cmd, ...args], { stdio: 'pipe', ...opts });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** The kernel's counters of an interface here, from `ip -s -j link`. */
  async counters(
    dev: string,
  ): Promise<{ rxBytes: number; txBytes: number; rxPackets: number; txPackets: number }> {
    const [link] = JSON.parse(await this.ip(['-s', '-j', 'link', 'show', 'dev', dev])) as LinkStats[];
    if (link === undefined) throw new Error(`no interface ${dev} in ${this.name}`);
    const { rx, tx } = link.stats64;
    return { rxBytes: rx.bytes, txBytes: tx.bytes, rxPackets: rx.packets, txPackets: tx.packets };
  }

  async mac(dev: string): Promise<string> {
    const [link] = JSON.parse(await this.ip(['-j', 'link', 'show', 'dev', dev])) as { address: string }[];
    if (link === undefined) throw new Error(`no interface ${dev} in ${this.name}`);
    return link.address;
  }

  /** Stop what we started here (by pid), then delete the namespace and every link in it. */
  async destroy(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
    await run('ip', ['netns', 'del', this.name]).catch(() => undefined);
  }
}

interface LinkStats {
  stats64: { rx: { bytes: number; packets: number }; tx: { bytes: number; packets: number } };
}

/** A short unique prefix for this process's namespaces, e.g. vnmt-st1234. */
export function nsPrefix(tag: string): string {
  return `vnmt-${tag}${process.pid}`;
}

/** Destroy every namespace, whatever fails along the way. */
export async function destroyAll(nss: readonly (Netns | undefined)[]): Promise<void> {
  await Promise.all(nss.map((ns) => (ns === undefined ? Promise.resolve() : ns.destroy())));
}
