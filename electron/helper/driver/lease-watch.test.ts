import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeaseWatcher, type WatchedLeaseFile } from './lease-watch';

let dir: string;
let files: WatchedLeaseFile[];
let changes: string[];
let errors: unknown[];
let watcher: LeaseWatcher;
let onChangeHook: () => void = () => {};

const lease = (n: number) => `${1_900_000_000 + n} 52:54:00:00:00:0${n} 10.0.0.${n} host${n} *\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnmt-leasewatch-'));
  files = [
    { network: 'a', file: join(dir, 'a.leases') },
    { network: 'b', file: join(dir, 'b.leases') },
  ];
  changes = [];
  errors = [];
  onChangeHook = () => {};
  watcher = new LeaseWatcher({
    list: () => files,
    onChange: (n) => {
      changes.push(n);
      onChangeHook();
    },
    onError: (e) => errors.push(e),
    intervalMs: 20,
  });
});

afterEach(() => {
  watcher.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('LeaseWatcher.tick', () => {
  it('records the first look without publishing, then publishes only the network that changed', async () => {
    writeFileSync(files[0]!.file, lease(1));
    await watcher.tick();
    expect(changes).toEqual([]);
    await watcher.tick();
    expect(changes).toEqual([]);
    writeFileSync(files[0]!.file, lease(1) + lease(2));
    await watcher.tick();
    expect(changes).toEqual(['a']);
    await watcher.tick();
    expect(changes).toEqual(['a']);
    expect(errors).toEqual([]);
  });

  it('sees a file created, replaced by rename (as dnsmasq may), and removed', async () => {
    const file = files[1]!.file;
    await watcher.tick();
    writeFileSync(file, '');
    await watcher.tick();
    expect(changes).toEqual(['b']);
    writeFileSync(join(dir, 'tmp'), lease(3));
    renameSync(join(dir, 'tmp'), file);
    await watcher.tick();
    expect(changes).toEqual(['b', 'b']);
    rmSync(file);
    await watcher.tick();
    expect(changes).toEqual(['b', 'b', 'b']);
  });

  it('sees a same-size rewrite in place (a renewed lease changes only the expiry)', async () => {
    const file = files[0]!.file;
    writeFileSync(file, lease(1));
    await watcher.tick();
    // File times come from the kernel's coarse clock: two writes within one tick of it can
    // share them. dnsmasq's renewals are seconds apart, so give the rewrite a later mtime.
    writeFileSync(file, lease(1).replace('19', '18'));
    const later = new Date(statSync(file).mtimeMs + 1000);
    utimesSync(file, later, later);
    await watcher.tick();
    expect(changes).toEqual(['a']);
  });

  it('forgets a network that stopped, so its next start is a first look again', async () => {
    writeFileSync(files[0]!.file, lease(1));
    await watcher.tick();
    const all = files;
    files = [all[1]!];
    await watcher.tick();
    writeFileSync(all[0]!.file, lease(2) + lease(3));
    files = all;
    await watcher.tick();
    expect(changes).toEqual([]);
  });
});

describe('LeaseWatcher timer', () => {
  it('publishes a change on its own within a few intervals and stops when told', async () => {
    writeFileSync(files[0]!.file, lease(1));
    // The first look is taken by hand: were it the timer's, a loaded machine could let the
    // write below land before it, and the first look would record the changed file.
    await watcher.tick();
    const published = new Promise<void>((resolve) => (onChangeHook = resolve));
    watcher.start();
    writeFileSync(files[0]!.file, lease(1) + lease(4));
    await published;
    expect(changes).toEqual(['a']);
    watcher.stop();
    writeFileSync(files[0]!.file, '');
    // Nothing to await for an event that must not come: a few intervals of the timer pass.
    await new Promise((r) => setTimeout(r, 80));
    await watcher.tick();
    expect(changes).toEqual(['a']);
  });
});

describe('LeaseWatcher with its folder watched', () => {
  it('publishes a change at once, though its timer would not run for a minute', async () => {
    watcher.stop();
    watcher = new LeaseWatcher({
      list: () => files,
      onChange: (n) => {
        changes.push(n);
        onChangeHook();
      },
      onError: (e) => errors.push(e),
      watchDir: dir,
      watchedIntervalMs: 60_000,
    });
    writeFileSync(files[1]!.file, lease(1));
    await watcher.tick();
    watcher.start();
    // The start's own pass must be over before the write, or it could take the changed file
    // as its first look; a second tick by hand waits for nothing the watcher does.
    await watcher.tick();
    const published = new Promise<void>((resolve) => (onChangeHook = resolve));
    writeFileSync(files[1]!.file, lease(1) + lease(2));
    await published;
    expect(changes).toEqual(['b']);
    expect(errors).toEqual([]);
  });

  it('falls back to polling when the folder cannot be watched', async () => {
    watcher.stop();
    watcher = new LeaseWatcher({
      list: () => files,
      onChange: (n) => {
        changes.push(n);
        onChangeHook();
      },
      onError: (e) => errors.push(e),
      watchDir: join(dir, 'missing'),
      intervalMs: 20,
      watchedIntervalMs: 60_000,
    });
    writeFileSync(files[0]!.file, lease(1));
    await watcher.tick();
    const published = new Promise<void>((resolve) => (onChangeHook = resolve));
    watcher.start();
    writeFileSync(files[0]!.file, lease(1) + lease(3));
    await published;
    expect(changes).toEqual(['a']);
    expect(String(errors[0])).toMatch(/ENOENT/);
  });
});
