import { describe, expect, it } from 'vitest';
import { clientLimits, openFileLimit } from './client-limits';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             95000                95000                processes
Max open files            20000                20000                files
`;

describe('client limits', () => {
  it('reads the soft RLIMIT_NOFILE', () => {
    expect(openFileLimit(LIMITS)).toBe(20000);
    expect(openFileLimit(LIMITS.replace('20000                20000', 'unlimited unlimited'))).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(openFileLimit('garbage')).toBe(1024);
  });

  it('keeps a reserve, caps the read-only socket and gives the rest to the read-write one', () => {
    expect(clientLimits(20000, {})).toEqual({ readOnly: 1000, readWrite: 16500, readOnlyPerUser: 125 });
    // 1024: reserve 128, budget 896, half of it read-only; an eighth of that per user.
    expect(clientLimits(1024, {})).toEqual({ readOnly: 448, readWrite: 448, readOnlyPerUser: 56 });
    // Tiny limits still leave one client each, and a user's share is never over the socket's.
    expect(clientLimits(16, {})).toEqual({ readOnly: 1, readWrite: 1, readOnlyPerUser: 1 });
  });

  it('takes overrides from the environment, ignoring nonsense', () => {
    const env = { VNMD_MAX_CLIENTS_RO: '10', VNMD_MAX_CLIENTS_RW: 'many', VNMD_MAX_CLIENTS_RO_PER_USER: '3' };
    expect(clientLimits(20000, env)).toEqual({ readOnly: 10, readWrite: 16500, readOnlyPerUser: 3 });
  });
});
