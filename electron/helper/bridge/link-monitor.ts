/**
 * `ip -o monitor link` as a stream of link changes: the kernel's own notice that an interface
 * was made, changed or enslaved, so vnmd reacts as a port joins a bridge instead of on its
 * next poll. One line per change (-o); a monitor that exits is started again until stopped.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { CHILD_ENV } from '../exec';

/** An interface and the bridge it now belongs to, from one monitor line. */
export interface PortJoin {
  readonly port: string;
  readonly master: string;
}

// "7: vnet0@if6: <BROADCAST,...> mtu 1500 qdisc noqueue master virbr0 state UP ..." (a
// veth's peer index follows '@'); "Deleted 7: ..." lines are a port leaving, not joining.
const LINE = /^(\d+): ([^\s:@]+)(?:@[^\s:]+)?: .* master (\S+) /;

/** The port and its bridge when the line shows a link with a master; null otherwise. */
export function parseMonitorLine(line: string): PortJoin | null {
  const m = LINE.exec(line);
  return m ? { port: m[2]!, master: m[3]! } : null;
}

const RESTART_MS = 1000;

/**
 * ip monitor never reads its stdin and writes only on a link change, so a vnmd killed
 * outright would leave it running until the next one. setpriv (util-linux) asks the kernel
 * to send it SIGTERM when vnmd dies, then runs ip in its place.
 */
const SETPRIV = '/usr/bin/setpriv';
function monitorCommand(): [string, string[]] {
  const ip = ['ip', '-o', 'monitor', 'link'];
  return existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'TERM', ...ip]] : ['ip', ip.slice(1)];
}

export class LinkMonitor {
  private child: ChildProcessWithoutNullStreams | null = null;
  private stopped = true;
  private partial = '';
  private restartTimer: NodeJS.Timeout | null = null;

  /** `onOther`: any other link change (a port leaving, a link deleted or made). */
  constructor(
    private readonly onJoin: (join: PortJoin) => void,
    private readonly log: (message: string) => void,
    private readonly onOther: () => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.spawn();
  }

  stop(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.child?.kill();
    this.child = null;
  }

  private spawn(): void {
    const [cmd, args] = monitorCommand();
    const child = spawn(cmd, args, { env: CHILD_ENV, stdio: 'pipe' });
    this.child = child;
    this.partial = '';
    child.on('error', (e) => this.log(`link monitor: ${e.message}`));
    child.on('close', () => this.gone(child));
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref(): void }).unref();
    child.stdin.end();
    child.stderr.resume();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.data(chunk));
  }

  private data(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const join = parseMonitorLine(line);
      if (join) this.onJoin(join);
      else if (line.trim() !== '') this.onOther();
    }
  }

  private gone(child: ChildProcessWithoutNullStreams): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopped) return;
    // Slow the restart so an ip that cannot run does not spin; the keeper's poll covers the gap.
    this.log('link monitor: ip monitor exited; starting it again');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped) this.spawn();
    }, RESTART_MS);
  }
}
