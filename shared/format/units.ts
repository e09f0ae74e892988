/**
 * Traffic figures as people read them, the same in the window and the CLI: rates in bits
 * per second with SI prefixes (as link speeds are told), byte counts with binary prefixes,
 * three significant digits (as `ip -h` and iftop show them).
 */
const BIT_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'] as const;
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.max(0, value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${units[i]}`;
}

/** 1234567 bytes/s → "9.88 Mbit/s" (1 kbit = 1000 bit). */
export function formatBitRate(bytesPerSecond: number): string {
  return scaled(bytesPerSecond * 8, 1000, BIT_UNITS);
}

/** 1536 → "1.50 KiB" (1 KiB = 1024 B). */
export function formatBytes(bytes: number): string {
  return scaled(bytes, 1024, BYTE_UNITS);
}
