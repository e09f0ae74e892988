/**
 * IPv4 text as glibc's inet_aton reads it, which is what libvirt's address parser
 * (getaddrinfo with AI_NUMERICHOST) accepts: one to four parts, each decimal, octal (a
 * leading 0) or hex (0x); the last part fills the bytes the others leave. '10.1.5' is
 * 10.1.0.5 and '10.258' is 10.0.1.2. The codec reads libvirt XML with it and writes the
 * dotted quad back, as libvirt does; everything a person types elsewhere stays strict
 * (see ip.ts parseIp), since these forms read differently in different tools.
 */

/** The four bytes, or undefined when inet_aton would refuse the text. */
export function inetAton(text: string): [number, number, number, number] | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const value = readPart(part);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const last = values.pop() ?? 0;
  // Every leading part is one byte; the last one holds the remaining bytes.
  if (values.some((v) => v > 0xff)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return undefined;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes as [number, number, number, number];
}

/** One part: it starts with a digit; 0x is hex, a leading 0 octal (8 and 9 refused). */
function readPart(part: string): number | undefined {
  if (!/^[0-9]/.test(part)) return undefined;
  let digits: string;
  let base: number;
  if (/^0[xX]/.test(part)) {
    digits = part.slice(2);
    base = 16;
    if (!/^[0-9a-fA-F]*$/.test(digits)) return undefined;
  } else if (part.startsWith('0')) {
    digits = part.slice(1);
    base = 8;
    if (!/^[0-7]*$/.test(digits)) return undefined;
  } else {
    digits = part;
    base = 10;
    if (!/^[0-9]+$/.test(digits)) return undefined;
  }
  if (digits === '') return 0; // '0' and glibc's bare '0x'
  const value = parseInt(digits, base);
  return value <= 0xffffffff ? value : undefined;
}
