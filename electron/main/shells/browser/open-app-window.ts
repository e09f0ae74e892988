/** Opens the UI in Debian's Chromium in --app mode, with a throw-away profile. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function openAppWindow(
  url: string,
  executable = process.env.CHROMIUM_PATH ?? 'chromium',
): ChildProcess {
  const profile = mkdtempSync(join(tmpdir(), 'vnm-chromium-'));
  const child = spawn(executable, chromiumArgs(url, profile, process.getuid?.() === 0), {
    stdio: 'ignore',
  });
  child.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  child.once('error', (err) => {
    console.error(`vnm: could not open Chromium (${err.message}); open the address above in a browser.`);
  });
  return child;
}
