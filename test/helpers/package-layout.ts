/**
 * What the deb installs where, read from build/electron-builder.yml's fpm mappings
 * (`SRC=DEST`), so tests put exactly the package's files into a temporary root (a
 * DESTDIR-style system image) instead of a list of their own. package-builder's test checks
 * that electron-builder passes the same mappings to fpm.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const BUILDER_YML = join(REPO, 'build/electron-builder.yml');

export interface Mapping {
  /** Relative to the repo root, as fpm gets it. */
  readonly src: string;
  /** Absolute path on the installed system. */
  readonly dest: string;
}

/** The `SRC=DEST` items of `deb.fpm` in electron-builder.yml. */
export function fpmMappings(ymlText = readFileSync(BUILDER_YML, 'utf8')): Mapping[] {
  const lines = ymlText.split('\n');
  const start = lines.findIndex((l) => /^ {2}fpm:\s*$/.test(l));
  if (start < 0) throw new Error('electron-builder.yml has no deb.fpm list');
  const out: Mapping[] = [];
  for (const line of lines.slice(start + 1)) {
    const value = /^ {4}- (.+)$/.exec(line)?.[1]?.trim();
    if (value === undefined) break;
    if (value.startsWith('-')) continue; // an fpm option, not a file
    const [src = '', dest = ''] = value.split('=');
    out.push({ src, dest });
  }
  return out;
}

/** Where the package installs SRC (a repo-relative path); throws when it does not. */
export function installedPath(src: string, mappings = fpmMappings()): string {
  const m = mappings.find((x) => x.src === src);
  if (!m) throw new Error(`the deb does not install ${src}`);
  return m.dest;
}

/** A temp folder standing for a system's root, with the package's files in place. */
export function makeImage(prefix: string, mappings = fpmMappings()): string {
  const root = mkdtempSync(join(tmpdir(), `vnmt-${prefix}-`));
  for (const { src, dest } of mappings) {
    const to = join(root, dest);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(REPO, src), to);
    chmodSync(to, statSync(join(REPO, src)).mode & 0o777);
  }
  return root;
}

/** `key=value` lines of one section of a unit in build/linux/systemd; a key may repeat. */
export function unitSection(unitName: string, name: string): Map<string, string[]> {
  const text = readFileSync(join(REPO, 'build/linux/systemd', unitName), 'utf8');
  const out = new Map<string, string[]>();
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = line === `[${name}]`;
    else if (inside && line && !line.startsWith('#')) {
      const eq = line.indexOf('=');
      const key = line.slice(0, eq);
      out.set(key, [...(out.get(key) ?? []), line.slice(eq + 1)]);
    }
  }
  return out;
}
