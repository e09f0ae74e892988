/**
 * Does our error message name the same problem as libvirt's? A token comparison:
 * - "specific" tokens of libvirt's message (quoted values, addresses, numbers, <elements>)
 *   must all appear in ours, except the network's own name;
 * - at least 60% of libvirt's remaining content words must appear in ours (after dropping
 *   stop words and a plural 's').
 * Designed to accept friendlier wording around libvirt's, and to reject a message about a
 * different element or value.
 */

const STOP = new Set(
  'a an the in of for to is be are and or with by on at as it its this that not no only must can cannot network networks element elements attribute attributes specified found use'.split(
    ' ',
  ),
);

export interface MatchResult {
  readonly matched: boolean;
  readonly score: number;
  readonly missing: readonly string[];
}

/** libvirt's message without virsh's lines and libvirt's error-code prefix. */
export function libvirtProblem(errorFile: string): string {
  const lines = errorFile.split('\n').slice(1); // "stage: ..."
  const body = lines.filter((l) => !/^error: Failed to (define|start) network/.test(l));
  const first = (body[0] ?? '').replace(/^error: /, '');
  return first
    .replace(/^(XML error|unsupported configuration|internal error): /, '')
    .replace(/^\(network_definition\):(\d+): /, 'line $1: ');
}

function specificTokens(message: string, networkName: string): string[] {
  const found = new Set<string>();
  for (const m of message.matchAll(/'([^']*)'/g)) if (m[1]) found.add(m[1].toLowerCase());
  for (const m of message.matchAll(/<\/?([a-zA-Z][\w:.-]*)/g)) found.add(m[1]!.toLowerCase());
  for (const m of message.matchAll(/\b[0-9a-fA-F]*[:.][0-9a-fA-F:.]+[0-9a-fA-F]\b|\b\d+\b/g))
    found.add(m[0].toLowerCase());
  found.delete(networkName.toLowerCase());
  return [...found].filter((t) => t !== '');
}

/** Removes the network name where it stands as a whole token (not inside other words). */
function withoutName(text: string, networkName: string): string {
  if (networkName === '') return text;
  const escaped = networkName.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(^|[^a-z0-9_-])${escaped}(?=$|[^a-z0-9_-])`, 'g'), '$1 ');
}

function words(message: string, networkName: string): Set<string> {
  const text = withoutName(message.toLowerCase(), networkName);
  const out = new Set<string>();
  for (const w of text.split(/[^a-z0-9]+/)) {
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.add(w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
  }
  return out;
}

export function matchProblem(libvirt: string, ours: string, networkName: string): MatchResult {
  const lower = ours.toLowerCase();
  const missing = specificTokens(libvirt, networkName).filter((t) => !lower.includes(t));
  const want = words(libvirt, networkName);
  const have = words(ours, networkName);
  const common = [...want].filter((w) => have.has(w));
  const score = want.size === 0 ? 1 : common.length / want.size;
  missing.push(...[...want].filter((w) => !have.has(w)).map((w) => `~${w}`));
  const specificMissing = missing.filter((m) => !m.startsWith('~'));
  return { matched: specificMissing.length === 0 && score >= 0.6, score, missing };
}
