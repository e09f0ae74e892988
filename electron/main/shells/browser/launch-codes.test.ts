import { describe, expect, it, vi } from 'vitest';
import { LaunchCodes } from './launch-codes';

describe('LaunchCodes', () => {
  it('redeems a code once, and runs its onUsed once', () => {
    const codes = new LaunchCodes();
    const used = vi.fn();
    const code = codes.issue(used);
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
    expect(used).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong, an empty and an expired code', () => {
    let now = 1000;
    const codes = new LaunchCodes(() => now, 60_000);
    const code = codes.issue();
    expect(codes.redeem('nope')).toBe(false);
    expect(codes.redeem('')).toBe(false);
    expect(codes.redeem(`${code}x`)).toBe(false);
    now += 60_000;
    expect(codes.redeem(code)).toBe(false);
    expect(codes.size).toBe(0);
  });

  it('keeps codes apart', () => {
    const codes = new LaunchCodes();
    const a = codes.issue();
    const b = codes.issue();
    expect(a).not.toBe(b);
    expect(codes.redeem(b)).toBe(true);
    expect(codes.redeem(a)).toBe(true);
  });
});
