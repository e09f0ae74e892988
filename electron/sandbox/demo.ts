/**
 * `npm run demo` / `vnm demo`: a sandbox host, then the app against it. Prints
 * `vnm demo: connect with -c unix:PATH` for the CLI and passes on the app's `vnm UI: <url>`.
 * Ctrl-C, SIGTERM, SIGHUP, closing the window or a crash: everything is removed.
 */
import type { VnmClient } from '../client/client';
import { relayLine } from '../main/shells/browser/print-address';
import { DEMO_USAGE, parseDemoArgs } from './demo-args';
import type { DemoArgs } from './demo-args';
import { DemoStop } from './demo-stop';
import { DEMO_GUESTS } from './demo-networks';
import { createSandbox } from './sandbox';
import type { Sandbox } from './sandbox';
import { findStartScript, startUi } from './ui';
import type { Ui } from './ui';

const t0 = Date.now();
const say = (line: string) =>
  process.stdout.write(`vnm demo: ${line}${process.env.VNM_DEMO_TIMES ? ` [${Date.now() - t0} ms]` : ''}\n`);

/** Resolves once `network` runs with at least `count` leases; the number of leases then. */
export async function waitForLeases(
  client: VnmClient,
  network: string,
  count: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await client.call('network.info', { network }).catch(() => null);
    if (info?.active) {
      const leases = await client.call('network.leases', { network });
      if (leases.length >= count) return leases.length;
    }
    if (Date.now() > deadline)
      throw new Error(`${network} had fewer than ${count} leases after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function reportReady(sandbox: Sandbox, startedAt: number): Promise<void> {
  const client = await sandbox.client();
  const since = () => ((Date.now() - startedAt) / 1000).toFixed(1);
  try {
    const n = await waitForLeases(client, 'default', 2, 60_000);
    say(`default is running; ${n} guests hold leases (${since()} s after start)`);
    if (sandbox.ovn) {
      const m = await waitForLeases(client, 'span', DEMO_GUESTS.span!.length, 60_000);
      say(`span runs across host-a and host-b; ${m} guests hold OVN leases (${since()} s after start)`);
    }
  } finally {
    client.close();
  }
}

function openApp(sandbox: Sandbox, args: DemoArgs): Ui | null {
  const script = findStartScript();
  if (!script) {
    say(`the app is not in this checkout; use the CLI: vnm -c ${sandbox.connectUri} net-list --all`);
    return null;
  }
  return startUi(sandbox, script, {
    open: args.open,
    ...(args.shell ? { shell: args.shell } : {}),
    ...(args.port !== undefined ? { port: args.port } : {}),
    // The app prints its token into our pipe; our own output may be a file others read.
    onLine: (line) => process.stdout.write(`${relayLine(line)}\n`),
  });
}

/** Runs the demo until a signal or the window closes; resolves with the exit status. */
export async function runDemo(argv: readonly string[]): Promise<number> {
  const args = parseDemoArgs(argv);
  if (args.help) {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }
  const startedAt = Date.now();
  const stop = new DemoStop();
  stop.install();
  say('making the sandbox host (network namespaces, vnmd, guests)…');
  const sandbox = await createSandbox({ reaper: args.reaper, log: say, ovn: args.ovn });
  const ui = stop.isRequested ? null : run(sandbox, args, stop, startedAt);
  const { why, code } = await stop.requested;
  say(`${why}; removing the sandbox…`);
  try {
    await ui?.stop();
    await sandbox.destroy();
    say('removed');
    return code;
  } catch (err) {
    process.stderr.write(`vnm demo: error while removing the sandbox: ${String(err)}\n`);
    return 1;
  }
}

/** Says how to connect, reports when default is ready, and opens the app (unless --no-ui). */
function run(sandbox: Sandbox, args: DemoArgs, stop: DemoStop, startedAt: number): Ui | null {
  sandbox.vnmd.child.once('exit', () => stop.request(`vnmd exited:\n${sandbox.vnmd.log().trim()}\n`, 1));
  say(`connect with -c ${sandbox.connectUri}`);
  if (sandbox.ovn) say(`host-b: connect with -c ${sandbox.ovn.connectUriB}`);
  reportReady(sandbox, startedAt).catch((err: unknown) =>
    say(`warning: ${err instanceof Error ? err.message : String(err)}`),
  );
  if (!args.ui) return null;
  const ui = openApp(sandbox, args);
  void ui?.exited.then(() => stop.request('the app has exited', 0));
  return ui;
}
