import { describe, expect, it } from 'vitest';
import { describePlan, planConnection, START_SERVICE_HELPER } from './plan';

const base = { env: {}, isRoot: false, exists: () => false, ownSocket: '/run/vnm/vnmd.sock' };

describe('planConnection', () => {
  it('takes --connect first, then VNM_CONNECT', () => {
    expect(
      planConnection({ ...base, connect: 'unix:/a.sock', env: { VNM_CONNECT: 'unix:/b.sock' } }),
    ).toEqual({
      kind: 'socket',
      path: '/a.sock',
      source: 'flag',
    });
    expect(planConnection({ ...base, env: { VNM_CONNECT: 'unix:/b.sock' } })).toMatchObject({
      path: '/b.sock',
      source: 'env',
    });
  });

  it('takes a vnm+ssh:// URI as a remote connection, and says so', () => {
    const plan = planConnection({
      ...base,
      connect: 'vnm+ssh://ops@lab1/system',
      env: { VNM_CONNECT: 'unix:/b.sock' },
    });
    expect(plan).toEqual({ kind: 'remote', uri: 'vnm+ssh://ops@lab1/system', source: 'flag' });
    expect(describePlan(plan)).toBe('vnm: connecting to vnmd on ops@lab1 over ssh (from --connect).');
    expect(planConnection({ ...base, env: { VNM_CONNECT: 'vnm+ssh://lab2' } })).toMatchObject({
      kind: 'remote',
      source: 'env',
    });
  });

  it('uses the system socket when it exists, even as root', () => {
    const exists = (p: string) => p === '/run/vnm/vnmd.sock';
    expect(planConnection({ ...base, exists })).toMatchObject({ source: 'system' });
    expect(planConnection({ ...base, exists, isRoot: true })).toMatchObject({ source: 'system' });
  });

  it('starts the installed service through its helper when the socket is missing', () => {
    const exists = (p: string) => p === START_SERVICE_HELPER;
    for (const isRoot of [false, true]) {
      expect(planConnection({ ...base, exists, isRoot })).toEqual({
        kind: 'start-service',
        path: '/run/vnm/vnmd.sock',
        helper: START_SERVICE_HELPER,
      });
    }
  });

  it('runs vnmd as its own child only as root; an ordinary user is told what to do', () => {
    expect(planConnection({ ...base, isRoot: true })).toEqual({ kind: 'child', path: '/run/vnm/vnmd.sock' });
    const plan = planConnection(base);
    expect(plan.kind).toBe('unavailable');
    expect(describePlan(plan)).toMatch(/Install the vnm package.*sudo vnm daemon.*npm run demo/);
  });

  it('warns before a root vnmd manages the real host', () => {
    expect(describePlan({ kind: 'child', path: '/x.sock' })).toMatch(
      /THIS machine's real network.*npm run demo/,
    );
  });

  it('rejects a URI that is not a UNIX socket', () => {
    expect(() => planConnection({ ...base, connect: 'qemu:///system' })).toThrow(/unix:/);
  });
});
