/**
 * Interface counters for every interface of vnmd's network namespace, from one read of
 * /proc/net/dev per tick.
 *
 * Why /proc/net/dev and not /sys/class/net/DEV/statistics/*: measured inside a namespace
 * holding 301 interfaces (100 bridges, 200 ports), reading the 8 sysfs files of every
 * interface costs about 31 ms of CPU, while one read of /proc/net/dev (37 KB) costs about
 * 0.2 ms, and parsing it here from bytes about as much again. `npm run bench:stats` prints both
 * figures. /proc/net/dev describes the network namespace of the reading process, which is the
 * one vnmd runs in (`ip netns exec` or the host's own).
 *
 * Differences from sysfs worth knowing: the rx "drop" column is rx_dropped + rx_missed_errors
 * (missed is 0 for bridges, veths and taps).
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Field order of a counter vector (index into the Float64Array). */
export const RX_BYTES = 0;
export const TX_BYTES = 1;
export const RX_PACKETS = 2;
export const TX_PACKETS = 3;
export const RX_ERRORS = 4;
export const TX_ERRORS = 5;
export const RX_DROPPED = 6;
export const TX_DROPPED = 7;
export const COUNTER_FIELDS = 8;

/** /proc/net/dev column (0-based, after the name) for each counter vector field. */
const COLUMN_OF_FIELD = [0, 8, 1, 9, 2, 10, 3, 11] as const;
/** Columns after tx drop (fifo, colls, carrier, compressed) are not parsed. */
const LAST_COLUMN_USED = 11;
const FIELD_OF_COLUMN: number[] = Array.from({ length: 16 }, (_, col) =>
  (COLUMN_OF_FIELD as readonly number[]).indexOf(col),
);

/**
 * The latest counters of every interface, updated in place each read so a steady set of
 * interfaces costs no allocation: name → Float64Array(COUNTER_FIELDS).
 */
export class CounterTable {
  readonly byName = new Map<string, Float64Array>();
  private readonly seenAt = new Map<string, number>();
  private generation = 0;
  private line = 0;
  /** Names decoded at each line of the previous read: lines rarely move, so strings are reused. */
  private readonly lineNames: string[] = [];
  /** Read number at which an interface last appeared or disappeared. */
  private changedAt = 0;

  /** Whether an interface appeared or disappeared in the last `reads` reads (1 = this read). */
  changedWithin(reads: number): boolean {
    return this.generation - this.changedAt < reads;
  }

  /** The interface name in buf[start, end), reusing the string of the same line last time. */
  nameAt(buf: Buffer, start: number, end: number): string {
    const k = this.line++;
    const cached = this.lineNames[k];
    if (cached !== undefined && sameLatin1(cached, buf, start, end)) return cached;
    const name = buf.toString('latin1', start, end);
    this.lineNames[k] = name;
    return name;
  }

  get(name: string): Float64Array | undefined {
    return this.byName.get(name);
  }

  /** Start a new read: interfaces not touched before `endRead` are dropped. */
  beginRead(): void {
    this.generation++;
    this.line = 0;
  }

  /** The vector to fill for `name`, created on first sight. */
  slot(name: string): Float64Array {
    let v = this.byName.get(name);
    if (v === undefined) {
      v = new Float64Array(COUNTER_FIELDS);
      this.byName.set(name, v);
      this.changedAt = this.generation;
    }
    this.seenAt.set(name, this.generation);
    return v;
  }

  endRead(): void {
    for (const [name, gen] of this.seenAt) {
      if (gen === this.generation) continue;
      this.seenAt.delete(name);
      this.byName.delete(name);
      this.changedAt = this.generation;
    }
    this.lineNames.length = Math.min(this.lineNames.length, this.line);
  }
}

function sameLatin1(s: string, buf: Buffer, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== buf[start + k]) return false;
  return true;
}

const SPACE = 0x20;
const TAB = 0x09;
const NL = 0x0a;
const COLON = 0x3a;
const ZERO = 0x30;

/**
 * Parse /proc/net/dev bytes into `table`. The two header lines have no colon in the
 * position a data line has, so they are skipped by shape, not by count.
 */
export function parseProcNetDev(buf: Buffer, length: number, table: CounterTable): void {
  table.beginRead();
  let i = 0;
  while (i < length) {
    const lineEnd = indexOfByte(buf, NL, i, length);
    parseLine(buf, i, lineEnd, table);
    i = lineEnd + 1;
  }
  table.endRead();
}

function parseLine(buf: Buffer, start: number, end: number, table: CounterTable): void {
  let i = start;
  while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i++;
  const colon = indexOfByte(buf, COLON, i, end);
  // Interface names cannot hold ':' (kernel rule), so the first colon ends the name. Header
  // lines ("Inter-|   Receive ...", " face |bytes ...") have none or a '|' before it.
  if (colon >= end || colon === i || !isName(buf, i, colon)) return;
  const v = table.slot(table.nameAt(buf, i, colon));
  let col = 0;
  i = colon + 1;
  while (i < end && col < LAST_COLUMN_USED + 1) {
    while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i++;
    if (i >= end) break;
    let n = 0;
    while (i < end && buf[i]! >= ZERO && buf[i]! <= ZERO + 9) n = n * 10 + (buf[i++]! - ZERO);
    const field = FIELD_OF_COLUMN[col]!;
    if (field >= 0) v[field] = n;
    col++;
    while (i < end && buf[i] !== SPACE && buf[i] !== TAB) i++; // skip anything unexpected
  }
}

/** No '|' (header lines) and no blank: a name runs straight up to its colon. */
function isName(buf: Buffer, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = buf[k];
    if (c === 0x7c || c === SPACE || c === TAB) return false;
  }
  return true;
}

/** The first `byte` in buf[from, to), else `to`. Only for bytes found within a line or two. */
function indexOfByte(buf: Uint8Array, byte: number, from: number, to: number): number {
  const at = buf.indexOf(byte, from);
  return at < 0 || at > to ? to : at;
}

/** Reads /proc/net/dev into a reused buffer (grown when an interface flood outgrows it). */
export class ProcNetDevReader {
  private buf = Buffer.allocUnsafe(64 * 1024);

  constructor(private readonly path = '/proc/net/dev') {}

  read(table: CounterTable): void {
    const fd = openSync(this.path, 'r');
    let length = 0;
    try {
      for (;;) {
        if (length === this.buf.length) this.grow();
        const n = readSync(fd, this.buf, length, this.buf.length - length, null);
        if (n === 0) break;
        length += n;
      }
    } finally {
      closeSync(fd);
    }
    parseProcNetDev(this.buf, length, table);
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buf.length * 2);
    this.buf.copy(bigger);
    this.buf = bigger;
  }
}
