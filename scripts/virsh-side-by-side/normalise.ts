/**
 * What one side printed for one command, and the same with everything generated made equal
 * on both sides: the files' folder, UUIDs and MACs the plan's files do not give, times
 * (lease expiry, event stamps) and generated bridge names (virbrN).
 */
import { FIXED_MACS, FIXED_UUIDS } from './plan';

export interface Outcome {
  readonly stdout: string;
  /** The first line of stderr, '' when there was none. */
  readonly stderr: string;
  readonly status: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A MAC on its own, not six octets inside a longer client id (01:52:54:…).
const MAC = /(?<![0-9a-f:])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![0-9a-f:])/gi;
const TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3}\+0000)?/g;
const BRIDGE = /\bvirbr\d+\b/g;

export function normaliseText(text: string, dir: string): string {
  const fixedUuids: readonly string[] = FIXED_UUIDS;
  return text
    .replaceAll(dir, '@DIR@')
    .replace(UUID, (u) => (fixedUuids.includes(u.toLowerCase()) ? u : '<uuid>'))
    .replace(MAC, (m) => (FIXED_MACS.includes(m.toLowerCase()) ? m : '<mac>'))
    .replace(TIME, '<time>')
    .replace(BRIDGE, 'virbr<n>');
}

export function normalise(raw: { stdout: string; stderr: string; status: number }, dir: string): Outcome {
  return {
    stdout: normaliseText(raw.stdout, dir),
    stderr: normaliseText(raw.stderr.split('\n')[0] ?? '', dir),
    status: raw.status,
  };
}
