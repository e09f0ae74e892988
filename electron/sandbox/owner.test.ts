import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatIdentity, identityOf, isRunning, parseIdentities, startTimeOf } from './owner';

function deadPid(): number {
  const r = spawnSync('true');
  return r.pid;
}

describe('process identity', () => {
  it('recognises this process by pid and start time', () => {
    const me = identityOf(process.pid);
    expect(me.start).toBeGreaterThan(0);
    expect(isRunning(me)).toBe(true);
  });

  it('does not take a reused pid for the owner', () => {
    expect(isRunning({ pid: process.pid, start: (startTimeOf(process.pid) ?? 0) + 1 })).toBe(false);
  });

  it('knows a process that ended is gone', () => {
    const pid = deadPid();
    expect(startTimeOf(pid)).toBeNull();
    expect(isRunning({ pid, start: null })).toBe(false);
  });

  it('round-trips identities through their file lines, skipping junk', () => {
    const text =
      formatIdentity({ pid: 10, start: 99 }) + 'junk\n1 5\n' + formatIdentity({ pid: 11, start: null });
    expect(parseIdentities(text)).toEqual([
      { pid: 10, start: 99 },
      { pid: 11, start: null },
    ]);
  });
});
