import { describe, expect, it } from 'vitest';
import { planConnection } from './plan';

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

  it('uses the system socket when it exists', () => {
    expect(planConnection({ ...base, exists: (p) => p === '/run/vnm/vnmd.sock' })).toMatchObject({
      source: 'system',
    });
  });

  it('starts vnmd as a child as root, through pkexec otherwise', () => {
    expect(planConnection({ ...base, isRoot: true })).toEqual({ kind: 'child', path: '/run/vnm/vnmd.sock' });
    expect(planConnection(base)).toEqual({ kind: 'pkexec', path: '/run/vnm/vnmd.sock' });
  });

  it('rejects a URI that is not a UNIX socket', () => {
    expect(() => planConnection({ ...base, connect: 'qemu:///system' })).toThrow(/unix:/);
  });
});
