import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileError, sweepTempFiles, writeFileAtomic } from './atomic';
import { ConfigStore } from './config-store';
import { assertSafeName, nameProblem } from './names';
import { StatusStore } from './status-store';
import type { RunStatus } from './status-store';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'vnm-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('network names as file names', () => {
  it.each(['a/b', '.', '..', 'new\nline', 'nul\0', 'x'.repeat(201), ''])('refuses %j', (name) => {
    expect(nameProblem(name)).not.toBeNull();
    expect(() => assertSafeName(name)).toThrow(/cannot be used/);
  });
  it.each(['default', 'it\'s "quoted"', 'ünïcode', 'a..b'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeNull();
  });
});

describe('ConfigStore', () => {
  it('saves, lists, links for autostart and removes', async () => {
    const s = new ConfigStore(join(dir, 'etc'));
    await s.init();
    await s.save('b', '<network/>');
    await s.save('a', '<x/>');
    await s.setAutostart('a', true);
    await s.setAutostart('a', true);
    expect(lstatSync(join(dir, 'etc/autostart/a.xml')).isSymbolicLink()).toBe(true);
    expect(await s.loadAll()).toEqual([
      { name: 'a', xml: '<x/>', autostart: true },
      { name: 'b', xml: '<network/>', autostart: false },
    ]);
    await s.remove('a');
    expect(readdirSync(join(dir, 'etc')).sort()).toEqual(['autostart', 'b.xml']);
    expect(readdirSync(join(dir, 'etc/autostart'))).toEqual([]);
  });

  it('skips a directory, a dangling link and a fifo with a log line; only links mean autostart', async () => {
    const logged: string[] = [];
    const s = new ConfigStore(join(dir, 'etc'), (m) => logged.push(m));
    await s.init();
    await s.save('ok', '<ok/>');
    mkdirSync(join(dir, 'etc/dir.xml'));
    symlinkSync('/nonexistent/x.xml', join(dir, 'etc/dangling.xml'));
    execFileSync('mkfifo', [join(dir, 'etc/fifo.xml')]);
    writeFileSync(join(dir, 'etc/autostart/ok.xml'), '');
    expect(await s.loadAll()).toEqual([{ name: 'ok', xml: '<ok/>', autostart: false }]);
    expect(logged).toEqual([
      expect.stringMatching(/^skipping .*dangling\.xml: ENOENT/),
      expect.stringMatching(/^skipping .*dir\.xml: it is not a regular file/),
      expect.stringMatching(/^skipping .*fifo\.xml: it is not a regular file/),
    ]);
  });

  it('never builds a path from an unsafe name', async () => {
    const s = new ConfigStore(join(dir, 'etc'));
    await expect(s.save('../evil', '<x/>')).rejects.toThrow(/cannot be used/);
  });
});

describe('StatusStore', () => {
  it('round-trips a status and reports a malformed file instead of failing', async () => {
    const s = new StatusStore(join(dir, 'run'));
    await s.init();
    const status: RunStatus = {
      version: 1,
      name: 'n',
      uuid: 'u',
      persistent: true,
      phase: 'running',
      liveXml: '<network/>',
      bridge: 'virbr0',
      created: {
        bridge: true,
        firewall: true,
        routes: [],
        dnsmasq: { pid: 5, pidFile: '/p', configFile: '/c' },
      },
      startedAt: 1,
    };
    await s.save(status);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'run/networks/bad.json'), '{"version":2}');
    const all = await s.loadAll();
    expect(all).toEqual([
      { name: 'bad', status: null, problem: expect.stringMatching(/malformed/) as unknown },
      { name: 'n', status, problem: null },
    ]);
    await s.remove('n');
    expect(readdirSync(join(dir, 'run/networks'))).toEqual(['bad.json']);
  });
});

describe('atomic writes', () => {
  it('sweeps the .tmp files of an interrupted write, and nothing else', async () => {
    writeFileSync(join(dir, '.a.xml.123.0badc0de.tmp'), 'half');
    writeFileSync(join(dir, 'a.xml'), 'whole');
    writeFileSync(join(dir, 'notes.tmp'), 'mine');
    const logged: string[] = [];
    await sweepTempFiles(dir, (m) => logged.push(m));
    expect(readdirSync(dir).sort()).toEqual(['a.xml', 'notes.tmp']);
    expect(logged).toEqual([expect.stringMatching(/removed .*\.a\.xml\.123\.0badc0de\.tmp/)]);
  });

  it('names the file and the step when a write fails', async () => {
    await expect(writeFileAtomic(join(dir, 'missing/x.xml'), 'x')).rejects.toThrow(
      /^Could not save .*missing\/x\.xml \(creating a temporary file for it\): ENOENT/,
    );
    const full = fileError('/etc/vnm/x.xml', 'write', Object.assign(new Error('x'), { code: 'ENOSPC' }));
    expect(full.kind).toBe('operation-failed');
    expect(full.message).toBe(
      'Could not save /etc/vnm/x.xml (writing it): no space left on the device; free some space and try again.',
    );
  });
});
