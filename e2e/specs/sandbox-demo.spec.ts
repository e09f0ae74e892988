/**
 * The demo a newcomer runs first: `npm run demo -- --no-open` serves the app against a
 * sandbox host; within 10 s `default` runs with 2+ guests holding leases and traffic
 * counters growing; the window shows them (screenshots); Ctrl-C leaves no trace. Then the
 * sandbox fixture, as other specs use it: a guest network started with the CLI shows live.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectVnmd } from '../../electron/client/client';
import { machineLinks, tracesOf } from '../../electron/sandbox/traces';
import { CAN_SANDBOX, SANDBOX_SKIP, ensureBuilt, expect, test, vnm } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

const root = resolve(import.meta.dirname, '../..');
const cli = resolve(root, 'out/cli/vnm.mjs');

async function until<T>(fn: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    const v = await fn().catch(() => undefined as T);
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

function cliJson<T>(socket: string, ...args: string[]): Promise<T> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [cli, '-c', `unix:${socket}`, ...args]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? res(JSON.parse(out) as T) : rej(new Error(`vnm ${args.join(' ')}`)),
    );
  });
}

interface DemoRun {
  readonly pid: number;
  output(): string;
  /** The first group of the first match of `re` in the output, once it appears. */
  seen(re: RegExp): Promise<string>;
  readonly exited: Promise<number | null>;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** `npm run demo -- --no-open --shell=browser`, as a user starts it. */
function startDemo(): DemoRun {
  const demo = spawn(process.execPath, [resolve(root, 'scripts/demo.mjs'), '--no-open', '--shell=browser'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VNM_DEMO_TIMES: '1' }, // each demo line says when, for the report
  });
  // Should this worker die first, the demo must not outlive it (its reaper then cleans up).
  const killDemo = () => demo.kill('SIGKILL');
  process.once('exit', killDemo);
  let out = '';
  demo.stdout.on('data', (c: Buffer) => (out += c.toString()));
  demo.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((res) => demo.once('exit', (code) => res(code)));
  void exited.then(() => process.off('exit', killDemo));
  return {
    pid: demo.pid!,
    output: () => out,
    exited,
    seen: (re) =>
      new Promise<string>((res, rej) => {
        const check = () => {
          const m = re.exec(out);
          if (m?.[1]) res(m[1]);
        };
        demo.stdout.on('data', check);
        demo.stderr.on('data', check);
        demo.once('exit', () => rej(new Error(`the demo exited:\n${out}`)));
        check();
      }),
    stop: (signal) => (demo.kill(signal), exited),
  };
}

/** The demo's direct children whose command line contains `text`. */
function childrenOf(pid: number, text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('npm run demo: default runs with leased guests and moving traffic in 10 s; Ctrl-C leaves no trace', async ({
  page,
}) => {
  test.setTimeout(180_000);
  ensureBuilt(); // so the demo does not spend its 10 s building
  const linksBefore = machineLinks();
  const demo = startDemo();
  try {
    // The clock starts when the demo starts (after a build, if the sources changed meanwhile).
    await demo.seen(/vnm demo: (making) the sandbox host/);
    const startedAt = Date.now();
    const socket = await demo.seen(/vnm demo: connect with -c unix:(\S+)/);
    const leases = await until(async () => {
      const rows = await cliJson<unknown[]>(socket, 'net-dhcp-leases', 'default', '--json');
      return rows.length >= 2 ? rows : null;
    }, startedAt + 10_000);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(`time to "default running with 2 leases": ${seconds} s`);
    expect(leases, demo.output()).not.toBeNull();
    expect(await cliJson(socket, 'net-info', 'default', '--json')).toMatchObject({ active: true });

    const client = await connectVnmd(socket);
    const total = async () => {
      const last = (await client.call('network.statsHistory', { network: 'default', seconds: 60 })).at(-1);
      return last ? last.total.rxBytes + last.total.txBytes : 0;
    };
    const first = await until(total, Date.now() + 5000);
    expect(await until(async () => (await total()) > first + 10_000, Date.now() + 8000)).toBe(true);
    client.close();

    const url = await demo.seen(/^vnm UI: (\S+)$/m);
    const app = new ConnectionDetailsPage(page);
    await app.open(url);
    await app.selectNetwork('default');
    await expect(app.network('default')).toContainText('Active');
    await app.leases.open();
    for (const name of ['fedora', 'debian', 'alpine'])
      await expect(app.leases.panel.getByText(name, { exact: true })).toBeVisible();
    await app.screenshot('demo-default-leases', 'light');
    await app.traffic.open();
    // Wait for a new sample to move the line, so the chart shows more than its history.
    await expect(app.traffic.chartLine).toBeVisible();
    const firstPath = await app.traffic.chartLine.getAttribute('d');
    await expect.poll(() => app.traffic.chartLine.getAttribute('d'), { timeout: 15_000 }).not.toBe(firstPath);
    await app.screenshot('demo-default-traffic', 'light');
  } finally {
    expect(await demo.stop('SIGINT'), demo.output()).toBe(0);
  }
  expect(tracesOf(`vnmdemo-${demo.pid}-`)).toEqual({ namespaces: [], folders: [], processes: [] });
  expect(machineLinks()).toEqual(linksBefore);
});

test('closing the app ends the demo, which leaves no trace', async () => {
  test.setTimeout(120_000);
  ensureBuilt();
  const demo = startDemo();
  try {
    await demo.seen(/^vnm UI: (\S+)$/m);
    const [app] = childrenOf(demo.pid, 'scripts/start.mjs');
    expect(app, 'the app process').toBeDefined();
    process.kill(app!, 'SIGTERM'); // what the shell sees when its window is closed
    expect(await demo.exited, demo.output()).toBe(0);
    expect(demo.output()).toMatch(/the app has exited; removing the sandbox…[\s\S]*vnm demo: removed/);
  } finally {
    await demo.stop('SIGKILL');
  }
  expect(tracesOf(`vnmdemo-${demo.pid}-`)).toEqual({ namespaces: [], folders: [], processes: [] });
});

test('the sandbox fixture: a network started with the CLI gets guests, and the window shows their leases', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('lab');
  await expect(app.network('lab')).toContainText('Inactive');
  await vnm(sandbox, 'net-start', 'lab');
  await expect(app.network('lab')).toContainText('Active');
  const leased = async () =>
    (JSON.parse(await vnm(sandbox, 'net-dhcp-leases', 'lab', '--json')) as unknown[]).length;
  await expect.poll(leased, { timeout: 20_000 }).toBe(2);
  // Opened once the leases are there, the tab reads them; the next test watches them arrive.
  await app.leases.open();
  for (const name of ['ubuntu', 'rocky']) {
    await expect(app.leases.row(name)).toBeVisible({ timeout: 20_000 });
  }
  await app.screenshot('sandbox-lab-leases', 'light');
  await vnm(sandbox, 'net-destroy', 'lab');
  await expect(app.network('lab')).toContainText('Inactive');
});

test('DHCP Leases, open while the network starts, shows each lease as vnmd announces it', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('lab');
  await expect(app.network('lab')).toContainText('Inactive');
  await app.leases.open();
  await expect(app.leases.panel).toContainText('not running');
  await vnm(sandbox, 'net-start', 'lab');
  // No click from here on: the rows come from vnmd's `leases` events as guests take leases.
  for (const name of ['ubuntu', 'rocky']) {
    await expect(app.leases.row(name)).toBeVisible({ timeout: 30_000 });
  }
  await app.leases.screenshot('sandbox-lab-leases-live', 'light');
  await vnm(sandbox, 'net-destroy', 'lab');
  await expect(app.leases.panel).toContainText('not running');
});
