import { describe, expect, it } from 'vitest';
import { effectiveCaps, privilegeProblem } from './privileges';

const ALL = (1n << 41n) - 1n;
const status = (hex: string) => `Name:\tnode\nCapEff:\t${hex}\n`;

describe('what the sandbox needs', () => {
  it('reads the effective capabilities', () => {
    expect(effectiveCaps(status('000001ffffffffff'))).toBe(0x1ffffffffffn);
    expect(effectiveCaps('Name:\tx\n')).toBe(0n);
  });

  it('asks for root when CAP_NET_ADMIN or CAP_SYS_ADMIN is missing', () => {
    expect(privilegeProblem(0n, () => true)).toMatch(/needs root .*sudo npm run demo/);
    expect(privilegeProblem(1n << 12n, () => true)).toMatch(/CAP_SYS_ADMIN/);
  });

  it('names the Debian packages of missing programs', () => {
    const problem = privilegeProblem(ALL, (cmd) => cmd !== 'dnsmasq' && cmd !== 'busybox');
    expect(problem).toBe(
      'the sandbox needs dnsmasq, busybox: install them with apt-get install dnsmasq-base busybox',
    );
  });

  it('is content with root and every program', () => {
    expect(privilegeProblem(ALL, () => true)).toBeNull();
  });
});
