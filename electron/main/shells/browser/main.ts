/**
 * Entry of the browser shell (out/main/browser.mjs, run by scripts/start.mjs): connects to
 * vnmd, serves the UI on 127.0.0.1, prints `vnm UI: <url>` (the token only where no one
 * else reads it) and opens Chromium in app mode when there is a display.
 */
import { readFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { LOCAL_CONNECTION } from '../../../../shared/api/contract';
import { DEFAULT_SOCKET } from '../../../client/uri';
import { connectionFilePath } from '../../connections/connection-file';
import { ConnectionRegistry } from '../../connections/registry';
import { sshSession } from '../../connections/ssh-session';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { openBackend } from '../../connection/open-backend';
import { planConnection } from '../../connection/plan';
import { parseShellArgs } from './args';
import { openAppWindow } from './open-app-window';
import { addressLine } from './print-address';
import { startBrowserShell } from './server';

const outDir = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const args = parseShellArgs(process.argv.slice(2));
  const plan = planConnection({
    connect: args.connect,
    env: process.env,
    isRoot: process.getuid?.() === 0,
    exists: existsSync,
    ownSocket: DEFAULT_SOCKET,
  });
  const { backend, child } = await openBackend({
    plan,
    runtime: { execPath: process.execPath, cliPath: resolve(outDir, 'cli/vnm.mjs'), isElectron: false },
    // The plan's own sentence (announce) already says pkexec will ask for a password.
    confirmPkexec: () => Promise.resolve(true),
    announce: (text) => console.log(text),
  });
  const registry = new ConnectionRegistry({
    file: connectionFilePath(),
    local: { uri: backend.status().uri, session: backend },
    sshSession,
    announce: (text) => console.log(`vnm: ${text}`),
  });
  registry.autoconnect();
  const backendFor = (id: string) => registry.backend(id);
  const shell = await startBrowserShell({
    backendFor,
    connections: registry,
    invoke: createInvokeHandler({
      backendFor,
      appInfo: buildAppInfo('browser'),
      connections: registry,
      // The page opens the address itself, in this window or a new one.
      openConnection: (id) => ({
        url: id === LOCAL_CONNECTION ? '/' : `/?connection=${encodeURIComponent(id)}`,
      }),
    }),
    rendererDir: resolve(outDir, 'renderer'),
    clientScript: readFileSync(resolve(outDir, 'browser/vnm-client.js'), 'utf8'),
    port: args.port,
  });
  console.log(addressLine(shell));
  const browser = args.open && process.env.DISPLAY ? openAppWindow(shell) : null;
  if (args.open && !process.env.DISPLAY) {
    console.log(
      'vnm: no display here (DISPLAY is not set), so no window opens: open the address above in a browser on this machine.',
    );
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Wait for Chromium to go and its throw-away profile to be removed (open-app-window.ts).
    if (browser) {
      const chromium = browser.process;
      if (chromium.exitCode === null && chromium.signalCode === null) chromium.kill('SIGTERM');
      await Promise.race([browser.closed, sleep(10_000)]);
    }
    registry.close();
    child?.kill('SIGTERM');
    await shell.close();
    process.exit(0);
  };
  browser?.process.once('exit', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
