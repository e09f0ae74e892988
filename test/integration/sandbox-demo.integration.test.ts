/**
 * `npm run demo`, headless, as a user runs it: within 10 s of start the API shows `default`
 * running with at least 2 guests holding leases and traffic counters growing; Ctrl-C leaves
 * no trace; after kill -9, the reaper, or else the next demo, removes everything.
 *
 * The demo and the CLI are bundled into a temp folder (never racing `npm run build` on out/);
 * the app is not opened (--no-ui): the e2e suite covers the window.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectVnmd } from '../../electron/client/client';
import { isClean, machineLinks, tracesOf } from '../../electron/sandbox/traces';
import type { Traces } from '../../electron/sandbox/traces';
import { capture } from '../helpers/proc';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
const demoJs = () => join(dir, 'sandbox/demo.mjs');
const cliJs = () => join(dir, 'cli/vnm.mjs');
let linksBefore: string[] = [];
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-demo-test-'));
  chmodSync(dir, 0o755);
  for (const [input, file] of [
    ['electron/sandbox/demo-main.ts', demoJs()],
    ['electron/cli/main.ts', cliJs()],
  ] as const) {
    const external = ['electron', /^node:/];
    await build({
      input: join(ROOT, input),
      platform: 'node',
      external,
      logLevel: 'warn',
      output: { file, codeSplitting: false },
    });
  }
  linksBefore = machineLinks();
}, 120_000);

afterEach(() => {
  for (const c of running) c.kill('SIGKILL');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Demo {
  readonly child: ChildProcess;
  readonly startedAt: number;
  output(): string;
  /** Resolves with the first match of `re` in the output. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function startDemo(args: readonly string[], opts: { uid?: number } = {}): Demo {
  const cmd =
    opts.uid === undefined
      ? [process.execPath]
      : ['setpriv', `--reuid=${opts.uid}`, `--regid=${opts.uid}`, '--clear-groups', process.execPath];
  const child = spawn(cmd[0]!, [...cmd.slice(1), demoJs(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (c: Buffer) => {
    out += c.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      res({ code, signal });
      for (const w of [...waiters]) w();
    }),
  );
  return {
    child,
    startedAt: Date.now(),
    output: () => out,
    exited,
    waitFor: (re, timeoutMs = 30_000) =>
      new Promise((res, rej) => {
        const timer = setTimeout(
          () => done(new Error(`no ${re} within ${timeoutMs} ms:\n${out}`)),
          timeoutMs,
        );
        const check = () => {
          const m = re.exec(out);
          if (m) done(null, m);
          else if (child.exitCode !== null || child.signalCode !== null)
            done(new Error(`demo exited:\n${out}`));
        };
        const done = (err: Error | null, m?: RegExpExecArray) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) rej(err);
          else res(m!);
        };
        waiters.add(check);
        check();
      }),
  };
}

async function cliJson<T>(socket: string, ...args: string[]): Promise<T> {
  const r = await capture(process.execPath, [cliJs(), '-c', `unix:${socket}`, ...args]);
  if (r.code !== 0) throw new Error(`vnm ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Polls until `fn` gives a truthy value or the deadline passes (then returns the last value). */
async function until<T>(fn: () => Promise<T>, deadline: number, everyMs = 150): Promise<T> {
  for (;;) {
    const v = await fn().catch(() => undefined as T);
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function noTraceWithin(stemPrefix: string, ms: number): Promise<Traces> {
  const deadline = Date.now() + ms;
  let t = tracesOf(stemPrefix);
  while (!isClean(t) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    t = tracesOf(stemPrefix);
  }
  return t;
}

const stemOf = (demo: Demo) => `vnmdemo-${demo.child.pid}-`;
const socketOf = async (demo: Demo) => (await demo.waitFor(/connect with -c unix:(\S+)/))[1]!;

describe('npm run demo', () => {
  it('shows default running with 2+ leased guests and growing traffic within 10 s; Ctrl-C leaves no trace', async () => {
    const demo = startDemo(['--no-ui']);
    const socket = await socketOf(demo);
    type LeaseRow = { hostname: string | null; ip: string };
    const leases = await until(async () => {
      const rows = await cliJson<LeaseRow[]>(socket, 'net-dhcp-leases', 'default', '--json');
      return rows.length >= 2 ? rows : null;
    }, demo.startedAt + 10_000);
    const elapsed = (Date.now() - demo.startedAt) / 1000;
    console.log(`time to "default running with 2 leases": ${elapsed.toFixed(1)} s`);
    expect(leases?.length ?? 0, demo.output()).toBeGreaterThanOrEqual(2);
    for (const l of leases ?? []) expect(['fedora', 'debian', 'alpine']).toContain(l.hostname);
    const info = await cliJson<{ active: boolean; connections: number }>(
      socket,
      'net-info',
      'default',
      '--json',
    );
    expect(info).toMatchObject({ active: true });
    expect(info.connections).toBeGreaterThanOrEqual(2);

    const client = await connectVnmd(socket);
    try {
      const total = async () => {
        const h = await client.call('network.statsHistory', { network: 'default', seconds: 60 });
        const last = h.at(-1);
        return last ? last.total.rxBytes + last.total.txBytes : 0;
      };
      const first = await until(total, Date.now() + 5000);
      const grown = await until(
        async () => ((await total()) > first + 10_000 ? true : null),
        Date.now() + 8000,
      );
      expect(grown, `traffic did not grow from ${first} bytes`).toBe(true);
    } finally {
      client.close();
    }

    demo.child.kill('SIGINT');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.output()).toMatch(/SIGINT received; removing the sandbox…[\s\S]*vnm demo: removed/);
    expect(tracesOf(stemOf(demo))).toEqual({ namespaces: [], folders: [], processes: [] });
    expect(machineLinks()).toEqual(linksBefore);
  });

  it('after kill -9 without the reaper, the next demo removes the leftovers first', async () => {
    const crashed = startDemo(['--no-ui', '--no-reaper']);
    await crashed.waitFor(/guests attached to default/);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const left = tracesOf(stemOf(crashed));
    expect(left.namespaces.length).toBeGreaterThanOrEqual(5); // host, wan, 3 guests: the test can fail
    expect(left.processes.length).toBeGreaterThan(0);

    const next = startDemo(['--no-ui']);
    const removed = await next.waitFor(/removed leftovers of an earlier sandbox: (\S+)/);
    expect(removed[1]?.startsWith(stemOf(crashed))).toBe(true);
    await socketOf(next);
    expect(tracesOf(stemOf(crashed))).toEqual({ namespaces: [], folders: [], processes: [] });
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    expect(tracesOf(stemOf(next))).toEqual({ namespaces: [], folders: [], processes: [] });
    expect(machineLinks()).toEqual(linksBefore);
  });

  it('after kill -9, the reaper removes everything without a new demo', async () => {
    const demo = startDemo(['--no-ui']);
    await demo.waitFor(/guests attached to default/);
    expect(tracesOf(stemOf(demo)).namespaces.length).toBeGreaterThanOrEqual(5);
    demo.child.kill('SIGKILL');
    await demo.exited;
    expect(await noTraceWithin(stemOf(demo), 8000)).toEqual({ namespaces: [], folders: [], processes: [] });
    expect(machineLinks()).toEqual(linksBefore);
  });

  it('ends cleanly when the program reading its output goes away', async () => {
    const demo = startDemo(['--no-ui']);
    await socketOf(demo);
    demo.child.stdout?.destroy();
    demo.child.stderr?.destroy();
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(tracesOf(stemOf(demo))).toEqual({ namespaces: [], folders: [], processes: [] });
  });

  it('says what it needs when run without root', async () => {
    const demo = startDemo(['--no-ui'], { uid: 65534 });
    const { code } = await demo.exited;
    expect(code).toBe(1);
    expect(demo.output()).toContain('needs root');
  });
});
