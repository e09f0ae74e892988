import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStem } from './names';
import { formatIdentity, identityOf, isRunning } from './owner';
import { GROUPS_FILE, OWNER_FILE, removeSandboxSync, sweepLeftovers } from './sweep';

const bases: string[] = [];
afterEach(() => {
  for (const b of bases.splice(0)) rmSync(b, { recursive: true, force: true });
});

function base(): string {
  const b = mkdtempSync(join(tmpdir(), 'vnm-sweep-test-'));
  bases.push(b);
  return b;
}

function fakeSandbox(at: string, ownerPid: number, owner = identityOf(ownerPid)): string {
  const stem = makeStem(ownerPid);
  mkdirSync(join(at, stem));
  writeFileSync(join(at, stem, OWNER_FILE), formatIdentity(owner));
  return stem;
}

describe('sweeping leftovers', () => {
  it('removes the folder and process groups of a sandbox whose owner died, and only those', () => {
    const at = base();
    const dead = spawnSync('true').pid;
    const orphan = fakeSandbox(at, dead, { pid: dead, start: 1 });
    const sleeper = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    writeFileSync(join(at, orphan, GROUPS_FILE), formatIdentity(identityOf(sleeper.pid!)));
    const mine = fakeSandbox(at, process.pid);
    const parent = fakeSandbox(at, process.ppid);

    expect(sweepLeftovers(at)).toEqual([orphan]);
    expect(existsSync(join(at, orphan))).toBe(false);
    expect(existsSync(join(at, mine))).toBe(true);
    expect(existsSync(join(at, parent))).toBe(true);
    return new Promise<void>((done) => {
      sleeper.once('exit', (_code, signal) => {
        expect(signal).toBe('SIGKILL');
        done();
      });
    });
  });

  it('takes an owner whose pid now belongs to another process for dead', () => {
    const at = base();
    const stem = fakeSandbox(at, process.ppid, { pid: process.ppid, start: 1 });
    expect(sweepLeftovers(at)).toEqual([stem]);
  });

  it('never kills a recorded group whose leader pid was reused', () => {
    const at = base();
    const stem = fakeSandbox(at, spawnSync('true').pid);
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    writeFileSync(join(at, stem, GROUPS_FILE), formatIdentity({ pid: other.pid!, start: 1 }));
    removeSandboxSync(stem, at);
    expect(isRunning(identityOf(other.pid!))).toBe(true);
    other.kill('SIGKILL');
  });
});
