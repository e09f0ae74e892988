import { describe, expect, it } from 'vitest';
import { formatBitRate, formatBytes, formatExpiry, kindLabel } from './format';

describe('format', () => {
  it('tells rates in bits per second with a scaled unit', () => {
    expect(formatBitRate(0)).toBe('0 bit/s');
    expect(formatBitRate(100)).toBe('800 bit/s');
    expect(formatBitRate(125_000)).toBe('1.00 Mbit/s');
    expect(formatBitRate(1_234_567)).toBe('9.88 Mbit/s');
    expect(formatBitRate(2.5e9)).toBe('20.0 Gbit/s');
    expect(formatBitRate(-5)).toBe('0 bit/s');
  });

  it('tells byte totals in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GiB');
  });

  it('names modes as virt-manager does', () => {
    expect(kindLabel('nat')).toBe('NAT');
    expect(kindLabel('route')).toBe('Routed');
    expect(kindLabel('isolated')).toBe('Isolated');
    expect(kindLabel('weird')).toBe('weird');
  });

  it('tells lease expiry relative to now, never for 0', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(formatExpiry(0, now)).toBe('Never');
    expect(formatExpiry(now / 1000 + 90 * 60, now)).toMatch(/\(in 1 h 30 min\)$/);
    // Late in the evening an hour's lease ends tomorrow: said in a word, not a date.
    const evening = new Date(2026, 10, 23, 23, 30).getTime();
    expect(formatExpiry(evening / 1000 + 3600, evening)).toBe(
      `tomorrow ${new Date(evening + 3600_000).toLocaleTimeString()} (in 1 h 0 min)`,
    );
    const later = evening + 3 * 86_400_000;
    expect(formatExpiry(later / 1000, evening).startsWith(`${new Date(later).toLocaleDateString()} `)).toBe(
      true,
    );
    expect(formatExpiry(now / 1000 + 120, now)).toMatch(/\(in 2 min\)$/);
    expect(formatExpiry(now / 1000 - 5, now)).toMatch(/\(expired\)$/);
  });
});
