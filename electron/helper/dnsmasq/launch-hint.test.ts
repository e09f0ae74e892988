import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchHint } from './launch-hint';

const dir = mkdtempSync(join(tmpdir(), 'vnm-hint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const facts = { confPath: '/run/vnm/n.conf', pidFile: '/run/vnm/n.pid', hung: false };

describe('launchHint', () => {
  it('names the inotify limit, its value here and the sysctl that raises it', () => {
    const limit = join(dir, 'max_user_instances');
    writeFileSync(limit, '128\n');
    const hint = launchHint(
      { ...facts, why: 'dnsmasq: failed to create inotify: Too many open files' },
      limit,
    );
    expect(hint).toMatch(/allows 128 inotify instances per user \(fs\.inotify\.max_user_instances\)/);
    expect(hint).toMatch(/sysctl -w fs\.inotify\.max_user_instances=1024/);
  });

  it('says "unknown" when the limit cannot be read', () => {
    const hint = launchHint({ ...facts, why: 'failed to create inotify: x' }, join(dir, 'absent'));
    expect(hint).toMatch(/allows unknown inotify instances/);
  });

  it('points at the pid file when dnsmasq hung, else at the configuration', () => {
    expect(launchHint({ ...facts, why: 'x', hung: true })).toBe(
      'check that pid-file= in /run/vnm/n.conf names /run/vnm/n.pid',
    );
    expect(launchHint({ ...facts, why: 'bad option at line 3' })).toBe(
      'check its configuration /run/vnm/n.conf',
    );
  });
});
