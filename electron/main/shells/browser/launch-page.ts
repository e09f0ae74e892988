/**
 * The page Chromium opens first: a file only this user can read (0600 in a fresh 0700
 * folder) that carries a one-time launch code, never the token, and posts it at once to
 * the shell's POST /session. So no secret is on Chromium's command line, where every user
 * of the machine can read it (/proc/PID/cmdline).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SESSION_PATH } from './session-route';

export interface LaunchPage {
  readonly path: string;
  /** file:// address of the page: nothing secret in it. */
  readonly url: string;
  /** Removes the page and its folder; safe to call more than once. */
  readonly remove: () => void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function launchPageHtml(origin: string, code: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>vnm</title></head><body>',
    // A form post is a top-level navigation, so its answer may set the SameSite=Strict cookie.
    `<form method="post" action="${escapeHtml(origin + SESSION_PATH)}">`,
    `<input type="hidden" name="code" value="${escapeHtml(code)}">`,
    '<noscript><button type="submit">Open vnm</button></noscript>',
    '</form>',
    '<script>document.forms[0].submit();</script>',
    '</body></html>',
    '',
  ].join('\n');
}

export function writeLaunchPage(origin: string, code: string, parent = tmpdir()): LaunchPage {
  // mkdtemp makes the folder 0700; the file is created 0600 and must not exist yet.
  const dir = mkdtempSync(join(parent, 'vnm-launch-'));
  const path = join(dir, 'launch.html');
  writeFileSync(path, launchPageHtml(origin, code), { mode: 0o600, flag: 'wx' });
  return {
    path,
    url: pathToFileURL(path).href,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
