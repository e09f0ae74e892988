/**
 * Opens the UI in Debian's Chromium in --app mode, with a throw-away profile. Chromium gets
 * only the address of a private launch page (launch-page.ts): its command line and
 * environment carry no secret, since every user can read them under /proc.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLaunchPage } from './launch-page';

export function chromiumArgs(url: string, profileDir: string, isRoot: boolean): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    // Chromium refuses to run as root without --no-sandbox; --test-type hides its warning bar.
    ...(isRoot ? ['--no-sandbox', '--test-type'] : []),
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1100,720',
  ];
}

/** What the window needs from the shell (server.ts): where it is and a launch code. */
export interface AppWindowTarget {
  readonly origin: string;
  launchCode(onUsed?: () => void): string;
}

export interface AppWindowOptions {
  readonly executable?: string;
  /** Extra arguments (tests: window position); never anything secret. */
  readonly extraArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Where the profile and the launch page go (the system's temp folder by default). */
  readonly tmpDir?: string;
}

export interface AppWindow {
  readonly process: ChildProcess;
  /** Resolves once Chromium has exited and its profile and launch page are removed. */
  readonly closed: Promise<void>;
}

/**
 * Chromium's helper processes outlive the browser by a moment and keep writing into the
 * profile (ENOTEMPTY seen after 1.5 s of retries), so keep trying for a while.
 */
async function removeProfile(dir: string, forMs = 10_000): Promise<void> {
  const deadline = Date.now() + forMs;
  for (;;) {
    try {
      await rm(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        console.error(`vnm: could not remove Chromium's profile ${dir}: ${(err as Error).message}`);
        return;
      }
      await sleep(200);
    }
  }
}

export function openAppWindow(target: AppWindowTarget, opts: AppWindowOptions = {}): AppWindow {
  const executable = opts.executable ?? process.env.CHROMIUM_PATH ?? 'chromium';
  const tmp = opts.tmpDir ?? tmpdir();
  const profile = mkdtempSync(join(tmp, 'vnm-chromium-'));
  const holder: { remove?: () => void } = {};
  // The page goes as soon as its code is used; at the latest when Chromium exits.
  const code = target.launchCode(() => holder.remove?.());
  const page = writeLaunchPage(target.origin, code, tmp);
  holder.remove = page.remove;
  const args = [...chromiumArgs(page.url, profile, process.getuid?.() === 0), ...(opts.extraArgs ?? [])];
  const child = spawn(executable, args, { stdio: 'ignore', env: opts.env ?? process.env });
  const closed = new Promise<void>((resolve) => {
    const cleanUp = () => {
      page.remove();
      void removeProfile(profile).then(resolve);
    };
    child.once('exit', cleanUp);
    child.once('error', (err) => {
      console.error(`vnm: could not open Chromium (${err.message}); open the address above in a browser.`);
      if (child.pid === undefined) cleanUp();
    });
  });
  return { process: child, closed };
}
