/** MAC addresses as libvirt reads and writes them (virMacAddrParse / virMacAddrFormat). */

/** Six groups of one or two hex digits separated by ':'; returns the bytes or undefined. */
export function parseMac(text: string): number[] | undefined {
  const groups = text.replace(/[\s]+$/, '').split(':');
  if (groups.length !== 6) return undefined;
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(g)) return undefined;
    bytes.push(parseInt(g, 16));
  }
  return bytes;
}

export function formatMac(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Lower-case, zero-padded form, or the text unchanged when it is not a MAC. */
export function canonicalMac(text: string): string {
  const bytes = parseMac(text);
  return bytes ? formatMac(bytes) : text;
}

export function isMulticastMac(bytes: readonly number[]): boolean {
  return ((bytes[0] ?? 0) & 1) === 1;
}

/** A MAC with libvirt's (QEMU's) prefix 52:54:00 and three random bytes. */
export function generateMac(randomByte: () => number = () => Math.floor(Math.random() * 256)): string {
  return formatMac([0x52, 0x54, 0x00, randomByte() & 0xff, randomByte() & 0xff, randomByte() & 0xff]);
}
